"""Server-side sign-in sessions and the shared sign-in failure limit.

Sessions live in a table (not Redis): the database is the one store every worker and host already
shares, on PostgreSQL and on the embedded SQLite alike, so nothing else has to run; ending a session
is a row update in the same transaction as the password change or the disabling that ends it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from .actors import Actor, actor_for
from .models import SignInFailure, SignInSession

if TYPE_CHECKING:
    from ..runtime import Runtime  # annotations only: the runtime builds on organisation's lanes

TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often (reads stay reads)


@dataclass(frozen=True)
class SessionPolicy:
    idle: timedelta
    absolute: timedelta


@dataclass(frozen=True)
class OpenedSession:
    token: str
    csrf_token: str


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def open_session(session: Session, runtime: Runtime, user_id: int) -> OpenedSession:
    """A new session for a signed-in user; the token goes in the cookie, only its digest is stored."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = runtime.now()
    session.add(SignInSession(token_hash=_digest(token), user_id=user_id, csrf_token=csrf, started_at=now,
                              last_seen_at=now))
    session.flush()
    return OpenedSession(token, csrf)


def live_session(session: Session, runtime: Runtime, token: str, policy: SessionPolicy) -> SignInSession | None:
    """The session of ``token`` if it has not ended, is not idle or too old, and its account is active."""
    row = session.get(SignInSession, _digest(token))
    now = runtime.now()
    if row is None or row.ended_at is not None:
        return None
    if now - row.last_seen_at > policy.idle or now - row.started_at > policy.absolute:
        return None
    return row if row.account.active else None  # the account came with the row (a joined load)


def session_actor(session: Session, row: SignInSession) -> Actor:
    return actor_for(session, row.user_id)


def needs_touch(runtime: Runtime, row: SignInSession) -> bool:
    return runtime.now() - row.last_seen_at >= TOUCH_EVERY


def touch_session(session: Session, runtime: Runtime, token: str) -> None:
    session.execute(update(SignInSession).where(SignInSession.token_hash == _digest(token))
                    .values(last_seen_at=runtime.now()))


def end_session(session: Session, runtime: Runtime, token: str) -> None:
    session.execute(update(SignInSession).where(SignInSession.token_hash == _digest(token),
                                                SignInSession.ended_at.is_(None)).values(ended_at=runtime.now()))


def end_sessions_of(session: Session, runtime: Runtime, user_id: int) -> int:
    """End every open session of a user (password changed, account disabled); returns how many."""
    result = session.execute(update(SignInSession).where(SignInSession.user_id == user_id,
                                                         SignInSession.ended_at.is_(None))
                             .values(ended_at=runtime.now()))
    return int(getattr(result, "rowcount", 0) or 0)


def sign_in_retry_after(session: Session, runtime: Runtime, key: str, max_failures: int,
                        window: timedelta) -> int:
    """Seconds until ``key`` may try again (0: now). Counted in the database, shared by every worker."""
    since = runtime.now() - window
    stamps = select(SignInFailure.failed_at).where(SignInFailure.key_hash == _digest(key),
                                                   SignInFailure.failed_at > since)
    count = session.scalar(select(func.count()).select_from(stamps.subquery())) or 0
    if count < max_failures:
        return 0
    oldest = session.scalar(select(func.min(stamps.subquery().c.failed_at)))
    return max(1, int((oldest + window - runtime.now()).total_seconds()) + 1) if oldest else 1


def record_sign_in_failure(session: Session, runtime: Runtime, key: str, window: timedelta) -> None:
    """Count one failure; failures older than the window are deleted on the way (the table stays small)."""
    session.execute(delete(SignInFailure).where(SignInFailure.failed_at <= runtime.now() - window))
    session.add(SignInFailure(key_hash=_digest(key), failed_at=runtime.now()))
    session.flush()


def clear_sign_in_failures(session: Session, key: str) -> None:
    session.execute(delete(SignInFailure).where(SignInFailure.key_hash == _digest(key)))
