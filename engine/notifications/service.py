"""Write messages (and their outbox rows), list them for their recipient, count the unread, mark them read."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..errors import NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENT_LEAD, EXAMINER
from ..organisation.models import UserAccount
from ..runtime import Runtime
from .models import PENDING, Delivery, Notification
from .preferences import channels_of_all

MAX_LISTED = 200


@dataclass(frozen=True)
class Message:
    """One message to several people: ``event_key`` names the event (see ``notify``)."""

    recipients: Sequence[int]
    kind: str
    title: str
    body: str
    link: str = ""
    event_key: str | None = None


def notify(session: Session, runtime: Runtime, recipients: Iterable[int], kind: str, title: str, body: str,  # noqa: PLR0913, PLR0917
           link: str = "", event_key: str | None = None) -> list[int]:
    """One message per distinct recipient, in the caller's transaction, and one outbox row per channel each
    recipient chose (e-mail, SMS; the message centre always). ``event_key`` names the event: a recipient
    already told of it is not told again (without one, every call is its own event). Returns the new
    messages' ids."""
    return notify_all(session, runtime, [Message(list(recipients), kind, title, body, link, event_key)])


def notify_all(session: Session, runtime: Runtime, messages: Sequence[Message]) -> list[int]:
    """``notify`` for several messages at once (one event telling each department of its own item), set-based:
    one INSERT of the messages that skips whoever was already told of the event (the (event, recipient)
    unique key: no query first, and a concurrent writer of the same event is waited for, not failed), one
    query for everyone's channels, one INSERT of the outbox rows. Returns the new messages' ids."""
    now = runtime.now()
    keyed = [(message, message.event_key or f"{message.kind}:{uuid.uuid4().hex}") for message in messages]
    rows: list[dict[str, Any]] = [
        {"recipient_id": user_id, "kind": message.kind, "event_key": key, "title": message.title,
         "body": message.body, "link": message.link, "created_at": now}
        for message, key in keyed for user_id in dict.fromkeys(message.recipients)]
    if not rows:
        return []
    channels = channels_of_all(session, {row["recipient_id"] for row in rows})
    table = cast(Table, Notification.__table__)
    written = session.execute(_insert(session)(table).on_conflict_do_nothing(
        index_elements=["event_key", "recipient_id"]).returning(table.c.id, table.c.recipient_id), rows).all()
    outbox = [{"notification_id": notification_id, "channel": channel, "address": address, "status": PENDING,
               "attempts": 0, "next_attempt_at": now, "last_error": "", "provider_ref": "", "created_at": now}
              for notification_id, user_id in sorted(written) for channel, address in channels[user_id]]
    if outbox:
        session.execute(insert(cast(Table, Delivery.__table__)), outbox)
    return sorted(notification_id for notification_id, _ in written)


def _insert(session: Session) -> Any:
    return postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert


def department_recipients(session: Session, department_code: str | None) -> list[int]:
    """The active examiners and leads of a department: who answers for its items."""
    return departments_recipients(session, [department_code]).get(department_code, []) if department_code else []


def departments_recipients(session: Session, department_codes: Iterable[str | None]) -> dict[str, list[int]]:
    """``department_recipients`` of several departments in one query (by code; a department without anyone
    is absent)."""
    codes = {code for code in department_codes if code}
    found: dict[str, list[int]] = {}
    if codes:
        for user_id, code in session.execute(select(UserAccount.id, UserAccount.department_code).where(
                UserAccount.department_code.in_(codes), UserAccount.active.is_(True),
                UserAccount.role.in_((EXAMINER, DEPARTMENT_LEAD))).order_by(UserAccount.id)):
            found.setdefault(code or "", []).append(user_id)  # never empty: the query matched a code
    return found


def my_notifications(session: Session, actor: Actor, limit: int = MAX_LISTED,
                     before: int | None = None) -> list[Notification]:
    """The actor's own messages, newest first (an agent sees the agent's, never the owner's): the ``limit``
    newest, or the ``limit`` newest older than message ``before`` (the next page: an index range on
    (recipient, id), never an OFFSET)."""
    stmt = select(Notification).where(Notification.recipient_id == actor.user_id)
    if before is not None:
        stmt = stmt.where(Notification.id < before)
    return list(session.scalars(stmt.order_by(Notification.id.desc()).limit(limit)))


def unread_count(session: Session, actor: Actor) -> int:
    return session.scalar(select(func.count()).select_from(Notification).where(
        Notification.recipient_id == actor.user_id, Notification.read_at.is_(None))) or 0


def mark_read(session: Session, runtime: Runtime, actor: Actor, notification_id: int) -> Notification:
    """Mark one of the actor's messages read. :raise NotFound: no such message of the actor's (someone
    else's answers the same, so ids reveal nothing)."""
    row = session.get(Notification, notification_id) if 0 < notification_id < 2**31 else None
    if row is None or row.recipient_id != actor.user_id:
        raise NotFound("消息不存在", notification_id=notification_id)
    if row.read_at is None:
        row.read_at = runtime.now()
    session.flush()
    return row


def mark_all_read(session: Session, runtime: Runtime, actor: Actor) -> int:
    """Mark every unread message of the actor read; returns how many."""
    result = session.execute(update(Notification).where(
        Notification.recipient_id == actor.user_id, Notification.read_at.is_(None)).values(read_at=runtime.now()))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
