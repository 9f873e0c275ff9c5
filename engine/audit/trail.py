"""Append audit events and verify their hash chains.

The hash covers every field a reader relies on, serialised canonically (sorted keys, UTF-8, no
spaces), plus the previous event's hash; the first event of a chain links to 64 zeros. Server time
comes from the runtime clock, never from the client.

A transaction remembers the last link of each chain it appended to (or read with ``read_heads``), so its
next event on that chain needs no query: the writer holds the chain's lock for the whole transaction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from ..db import transaction_memo
from ..organisation.actors import Actor
from ..runtime import Runtime
from .models import AuditEvent

GENESIS = "0" * 64
_HASHED = ("chain", "seq", "project_code", "instance_id", "action", "actor_id", "actor_name", "acting_for_id",
           "task_id", "task_name", "status_before", "status_after", "decision", "details", "created_at",
           "prev_hash")


@dataclass(frozen=True)
class Entry:
    """What happened, as a use case reports it."""

    action: str
    project_code: str
    instance_id: int | None = None
    task_id: str | None = None
    task_name: str | None = None
    status_before: str | None = None
    status_after: str | None = None
    decision: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def chain_of(project_code: str, instance_id: int | None) -> str:
    return f"instance:{instance_id}" if instance_id is not None else f"project:{project_code}"


def record(session: Session, runtime: Runtime, actor: Actor | None, entry: Entry) -> AuditEvent:
    """Append one event to its chain. Callers hold the instance lock, so a chain has one writer;
    the unique (chain, seq) constraint turns any slip into an error instead of a fork."""
    chain = chain_of(entry.project_code, entry.instance_id)
    seq, prev_hash = _last_link(session, chain)
    event = AuditEvent(
        chain=chain, seq=seq + 1, project_code=entry.project_code,
        instance_id=entry.instance_id, action=entry.action,
        actor_id=actor.user_id if actor else None, actor_name=actor.display_name if actor else "系统",
        acting_for_id=actor.acting_for_id if actor else None, task_id=entry.task_id, task_name=entry.task_name,
        status_before=entry.status_before, status_after=entry.status_after, decision=entry.decision,
        details=entry.details, created_at=runtime.now(), prev_hash=prev_hash)
    event.hash = event_hash(event)
    session.add(event)  # written by the next query's autoflush or the commit: one flush per action
    _heads(session)[chain] = event
    return event


_HEADS = "approval.audit_heads"  # transaction_memo key: {chain: its last event or (seq, hash)}


def _heads(session: Session) -> dict[str, AuditEvent | tuple[int, str]]:
    """This transaction's known chain heads (forgotten when the transaction ends; an event a rolled-back
    savepoint took away is noticed by ``_last_link``)."""
    return transaction_memo(session, _HEADS, per_savepoint=False)


def _last_link(session: Session, chain: str) -> tuple[int, str]:
    """(seq, hash) of the chain's last event; (0, GENESIS) for an empty chain."""
    head = _heads(session).get(chain)
    if isinstance(head, tuple):
        return head
    if head is not None and head in session:  # not if a rolled-back savepoint took it away: read again
        return head.seq, head.hash
    # the link only (seq, hash) by the (chain, seq) index: not the last event's whole row and JSON
    last = session.execute(select(AuditEvent.seq, AuditEvent.hash).where(AuditEvent.chain == chain)
                           .order_by(AuditEvent.seq.desc()).limit(1)).first()
    return (last.seq, last.hash) if last else (0, GENESIS)


def read_heads(session: Session, chains: Iterable[str]) -> None:
    """Read the last link of each of ``chains`` in one query, for a caller about to append to all of them
    (the sweeper's batch); the caller holds their locks."""
    heads = _heads(session)
    wanted = sorted(set(chains) - heads.keys())
    if not wanted:
        return
    last = (select(AuditEvent.chain, func.max(AuditEvent.seq).label("seq")).where(AuditEvent.chain.in_(wanted))
            .group_by(AuditEvent.chain).subquery())
    found = {chain: (seq, hash_) for chain, seq, hash_ in session.execute(
        select(AuditEvent.chain, AuditEvent.seq, AuditEvent.hash)
        .join(last, and_(AuditEvent.chain == last.c.chain, AuditEvent.seq == last.c.seq)))}
    for chain in wanted:
        heads[chain] = found.get(chain, (0, GENESIS))


def event_hash(event: AuditEvent) -> str:
    fields = {name: getattr(event, name) for name in _HASHED}
    fields["created_at"] = event.created_at.astimezone(UTC).isoformat(timespec="microseconds")
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def verify_chain(session: Session, chain: str) -> list[str]:
    """Recompute a chain; return a description of every broken link (empty when intact)."""
    problems, prev = [], GENESIS
    events = session.scalars(select(AuditEvent).where(AuditEvent.chain == chain).order_by(AuditEvent.seq))
    for expected_seq, event in enumerate(events, start=1):
        if event.seq != expected_seq:
            problems.append(f"seq {event.seq}: expected {expected_seq} (an event is missing)")
        if event.prev_hash != prev:
            problems.append(f"seq {event.seq}: prev_hash does not match the previous event")
        if event.hash != event_hash(event):
            problems.append(f"seq {event.seq}: hash does not match its content (edited)")
        prev = event.hash
    return problems


def trail(session: Session, project_code: str) -> list[AuditEvent]:
    """Every event of a project in the order it happened (server time, then chain order)."""
    return list(session.scalars(select(AuditEvent).where(AuditEvent.project_code == project_code)
                                .order_by(AuditEvent.created_at, AuditEvent.id)))
