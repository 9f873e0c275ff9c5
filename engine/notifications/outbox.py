"""The outbox worker's steps: claim due rows, send each outside any transaction, record the outcome.

Claiming is one short transaction: ``FOR UPDATE SKIP LOCKED`` on PostgreSQL (workers never wait for each
other and never take the same row); on SQLite the write transaction (``BEGIN IMMEDIATE``) serialises
claimers, which is the same guarantee. A claim sets ``sending``, counts the attempt and takes a lease.
The message is sent with no database transaction open (an SMTP server that hangs holds no lock), then one
more short transaction records ``sent``/``logged``, or the error with the next attempt (exponential
backoff), or ``failed`` after the last attempt — but only while the row is still this worker's claim.

Guarantee: every row is delivered at least once or ends ``failed`` with its error (nothing is lost: a
worker that dies leaves ``sending`` rows whose lease runs out, and the next claim takes them again). A
message is handed to the server twice only if a worker dies (or loses its database) in the instant between
the server accepting it and the ``sent`` commit — or if sending outlasts the lease; both copies then carry
the same Message-ID (the row's reference), which mail systems use to recognise a repeat. A worker that
dies before the server accepted (connecting, mid-DATA) sends nothing, and its retry sends once.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, and_, or_, select
from sqlalchemy.orm import Session

from ..db import transaction
from ..runtime import Runtime
from .channels import Channel, DeliveryError, Outgoing, Receipt
from .models import FAILED, LOGGED, PENDING, SENDING, SENT, Delivery, Notification
from .settings import DeliverySettings

log = logging.getLogger("approval.notifications")
BACKOFF_BASE_SECONDS, BACKOFF_CAP_SECONDS = 60, 3600
_ERROR_MAX = 1000


@dataclass(frozen=True)
class Claimed:
    delivery_id: int
    channel: str
    message: Outgoing


@dataclass
class Round:
    """What one pass did."""

    sent: int = 0
    logged: int = 0
    retrying: int = 0
    failed: int = 0
    lost_lease: int = 0

    @property
    def handled(self) -> int:
        return self.sent + self.logged + self.retrying + self.failed + self.lost_lease


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def backoff(attempts: int) -> timedelta:
    """60 s after the first failure, doubling, at most an hour."""
    return timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_CAP_SECONDS))


def claim(engine: Engine, runtime: Runtime, worker: str, channels: list[str], batch: int,
          settings: DeliverySettings, tally: Round) -> list[Claimed] | None:
    """Take up to ``batch`` due rows of ``channels`` (pending and due, or ``sending`` with a lease run out);
    None when nothing was due. A row whose worker died on its last attempt ends ``failed`` here."""
    with transaction(engine) as session:
        now = runtime.now()
        due = or_(and_(Delivery.status == PENDING, Delivery.next_attempt_at <= now),
                  and_(Delivery.status == SENDING, Delivery.lease_until < now))
        rows = list(session.scalars(select(Delivery).where(due, Delivery.channel.in_(channels))
                                    .order_by(Delivery.id).limit(batch).with_for_update(skip_locked=True)))
        claimed = []
        for row in rows:
            if row.status == SENDING and row.attempts >= settings.max_attempts:
                row.status, row.lease_until = FAILED, None
                row.last_error = f"第 {row.attempts} 次投递中断（投递进程退出），已达最多尝试次数"
                tally.failed += 1
                continue
            row.status, row.attempts, row.claimed_by = SENDING, row.attempts + 1, worker
            row.lease_until = now + timedelta(seconds=settings.lease_seconds)
            claimed.append(Claimed(row.id, row.channel, _outgoing(session, row)))
        return claimed if rows else None


def _outgoing(session: Session, row: Delivery) -> Outgoing:
    note = session.get_one(Notification, row.notification_id)
    return Outgoing(f"notification-{row.id}.{row.notification_id}", row.address, note.title, note.body, note.link)


def send(channel: Channel, claimed: Claimed) -> Receipt | DeliveryError:
    """Hand one message over; a channel's failure comes back as the error, and so does a fault of the
    channel's own (logged with its traceback): one bad message must not stop the worker for all the others."""
    try:
        return channel.send(claimed.message)
    except DeliveryError as exc:
        return exc
    except Exception as exc:  # a provider's bug or an unexpected library error: retried like a failure
        log.exception("投递记录 %s 发送出错", claimed.delivery_id)
        return DeliveryError(f"{exc.__class__.__name__}: {exc}")


def record(engine: Engine, runtime: Runtime, worker: str, claimed: Claimed, outcome: Receipt | DeliveryError,
           max_attempts: int, tally: Round) -> None:
    """Record what happened, if the row is still this worker's claim (else another worker took it over)."""
    with transaction(engine) as session:
        row = session.scalar(select(Delivery).where(Delivery.id == claimed.delivery_id, Delivery.status == SENDING,
                                                    Delivery.claimed_by == worker).with_for_update())
        if row is None:
            tally.lost_lease += 1
            return
        now = runtime.now()
        row.lease_until = None
        if isinstance(outcome, Receipt):
            row.status = SENT if outcome.delivered else LOGGED
            row.sent_at, row.provider_ref = now, outcome.provider_ref
            row.last_error = ""
            tally.sent += outcome.delivered
            tally.logged += not outcome.delivered
            return
        _failed_attempt(row, str(outcome), now, max_attempts, tally)


def _failed_attempt(row: Delivery, error: str, now: datetime, max_attempts: int, tally: Round) -> None:
    row.last_error = error[:_ERROR_MAX]
    if row.attempts >= max_attempts:
        row.status = FAILED
        tally.failed += 1
        return
    row.status, row.next_attempt_at = PENDING, now + backoff(row.attempts)
    tally.retrying += 1
