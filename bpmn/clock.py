"""The time SpiffWorkflow's timers see.

SpiffWorkflow reads ``datetime.now(timezone.utc)`` inside its timer module, so a deadline can only be
tested, or a timer fired at a chosen instant, by replacing that name. We replace it once with a
``datetime`` subclass whose ``now`` asks a context variable, so every run can say what "now" is
without patching anything per call (and without threads seeing each other's clocks).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime, tzinfo

from SpiffWorkflow.bpmn.specs.event_definitions import timer as _timer_module

_NOW: ContextVar[datetime | None] = ContextVar("bpmn_now", default=None)


class _ClockedDatetime(datetime):
    @classmethod
    def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
        fixed = _NOW.get()
        if fixed is None:
            return datetime.now(tz)
        return fixed.astimezone(tz) if tz else fixed


_timer_module.datetime = _ClockedDatetime


@contextmanager
def at(now: datetime | None) -> Iterator[None]:
    """Run the enclosed engine steps as if the time were ``now`` (an aware datetime)."""
    if now is not None and now.tzinfo is None:
        raise ValueError("the engine clock needs an aware datetime")
    token = _NOW.set(now)
    try:
        yield
    finally:
        _NOW.reset(token)
