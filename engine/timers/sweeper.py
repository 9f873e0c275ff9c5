"""Fire due timers: any number of sweepers, on any number of machines, never firing a timer twice.

One timer per transaction. PostgreSQL: the due row is claimed with ``FOR UPDATE SKIP LOCKED`` (other
sweepers skip it) and its instance is locked with ``SKIP LOCKED`` too — a sweeper never *waits* for an
instance someone is acting on, so it cannot deadlock with that action (which deletes timer rows while
holding the instance); the timer is simply picked up on a later pass. SQLite: the write transaction
(BEGIN IMMEDIATE) already serialises sweepers. Firing rebuilds the timer table from the workflow, so a
fired timer's row is gone when the transaction commits.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ..audit.trail import Entry, record
from ..db import transaction
from ..processes import workflow
from ..processes.models import ProcessInstance
from ..runtime import Runtime
from .models import Timer


def sweep(engine: Engine, runtime: Runtime, limit: int | None = None) -> int:
    """Fire due timers until none is left (or ``limit`` were fired); returns how many fired."""
    fired, busy = 0, set[int]()
    while limit is None or fired < limit:
        with transaction(engine) as session:
            outcome = _fire_next(session, runtime, busy)
        if outcome is None:
            return fired
        fired += outcome


def _fire_next(session: Session, runtime: Runtime, busy: set[int]) -> int | None:
    """Fire the next due timer; None when nothing is due, 0 when its instance was busy."""
    now = runtime.now()
    timer = session.scalar(select(Timer).where(Timer.due_at <= now, Timer.instance_id.not_in(busy))
                           .order_by(Timer.due_at, Timer.task_id).limit(1).with_for_update(skip_locked=True))
    if timer is None:
        return None
    instance = session.scalar(select(ProcessInstance).where(ProcessInstance.id == timer.instance_id)
                              .with_for_update(skip_locked=True))
    if instance is None:
        busy.add(timer.instance_id)  # someone is acting on it: try it on the next pass
        return 0
    fired = _fire(session, runtime, instance, now)
    if fired == 0:
        busy.add(instance.id)  # due by the table but not by the engine: never spin on it
    return fired


def _fire(session: Session, runtime: Runtime, instance: ProcessInstance, now: datetime) -> int:
    run = workflow.load(session, runtime, instance)
    before = {t.task_id: t for t in run.timers()}
    run.fire_due_timers(now)
    after = {t.task_id for t in run.timers()}
    workflow.save(session, runtime, instance, run, now)
    gone = [t for task_id, t in before.items() if task_id not in after and t.due_at <= now]
    for timer in gone:
        record(session, runtime, None, Entry("timer_fired", instance.project_code, instance.id, timer.task_id,
                                             timer.name, details={"bpmn_id": timer.bpmn_id, "stage": timer.process_id,
                                                                  "due_at": timer.due_at.isoformat()}))
    return len(gone)
