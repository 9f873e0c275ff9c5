"""Sign-in throttling: too many failed sign-ins for one username from one address are refused for a while.

Kept **in memory, per worker process** (no table, nothing to clean up): with ``gunicorn -w N`` an
attacker gets at most N × the limit per window, and a restart forgets the counts. Put a shared store
(the database or a proxy's limiter) in front if that is not enough.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

Key = tuple[str, str]


class LoginThrottle:
    """Counts failures per (username, address) in a sliding window."""

    def __init__(self, max_failures: int, window_seconds: float, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = 10_000):
        self.max_failures = max_failures
        self.window = window_seconds
        self.clock = clock
        self.max_keys = max_keys
        self._failures: dict[Key, deque[float]] = {}
        self._lock = threading.Lock()

    def blocked(self, key: Key) -> bool:
        with self._lock:
            return len(self._recent(key)) >= self.max_failures

    def failed(self, key: Key) -> None:
        with self._lock:
            if len(self._failures) >= self.max_keys:
                self._prune()
            self._recent(key).append(self.clock())

    def succeeded(self, key: Key) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def retry_after(self, key: Key) -> int:
        """Seconds until the oldest counted failure leaves the window."""
        with self._lock:
            recent = self._recent(key)
            return max(1, int(recent[0] + self.window - self.clock()) + 1) if recent else 0

    def _recent(self, key: Key) -> deque[float]:
        stamps = self._failures.setdefault(key, deque())
        horizon = self.clock() - self.window
        while stamps and stamps[0] <= horizon:
            stamps.popleft()
        return stamps

    def _prune(self) -> None:
        """Forget keys with no recent failure; if still full, the oldest keys (memory stays bounded)."""
        for key in list(self._failures):
            if not self._recent(key):
                del self._failures[key]
        while len(self._failures) >= self.max_keys:
            del self._failures[next(iter(self._failures))]
