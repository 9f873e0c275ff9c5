"""Fire due timers: any number of sweepers, on any number of machines, never firing a timer twice.

Up to ``BATCH`` instances per transaction. PostgreSQL: the instances of the earliest due timers are
claimed with ``FOR UPDATE SKIP LOCKED`` — a sweeper never *waits* for an instance someone is acting on
(or another sweeper fires), so it cannot deadlock with that action; such an instance is simply picked up
on a later pass. SQLite: the write transaction
(BEGIN IMMEDIATE) already serialises sweepers. Firing rebuilds the timer table from the workflow, so a
fired timer's row is gone when the transaction commits.

A batch reads what its firings need once, with one query per table for all its instances: their work items
and timer rows (the mirrors then diff against them instead of reading them back), their projects and the
last links of their audit chains; its session keeps every row it loads, so a row the listeners look up again
for each firing (an account, a project) is read once per batch. What remains per instance: the state's
UPDATE, the fired timers' DELETE, one INSERT of its audit events, and what the ``TimersFired`` listeners write.

Every firing is audited. A review's deadline timers are recorded as what they mean, with the department and
the item: ``clock_warning`` (时限预警), ``clock_overdue`` (时限逾期) and ``deemed_consent`` (超时默许 — the
review is also recorded as a decision: 同意/无意见, by nobody, marked as deemed consent); any other timer as
``timer_fired``. A correction notice whose period passed unanswered is recorded as ``supplement_lapsed``
(``engine.work_items.lapses``). A clock without timers of its own (特别程序, 综合许可 order, joint acceptance
step) that went 逾期 is recorded once as ``clock_overdue`` (``alarms``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

import bpmn

from .audit.trail import Entry, chain_of, read_heads, record
from .db import keep_loaded, transaction
from .extensions import TimersFired, registry
from .processes import workflow
from .processes.models import ProcessInstance
from .projects.models import Project
from .runtime import Runtime
from .time_limits.due import deadline_timer
from .timers import sync as timer_rows
from .timers.alarms import record_overdue_clocks
from .timers.models import Timer
from .work_items import sync as work_item_rows
from .work_items.lapses import lapse_next
from .work_items.models import Decision, WorkItem

DEEMED_CONSENT_OPINION = "逾期未答复，视为同意/无意见（超时默许）"
_ACTIONS = {"warning": "clock_warning", "overdue": "clock_overdue", "deemed": "deemed_consent"}
_ORDER = {"warning": 0, "overdue": 1, "deemed": 2}


BATCH = 16
"""Instances claimed per transaction: one commit (and one round of claiming) for up to this many."""


def sweep(engine: Engine, runtime: Runtime, limit: int | None = None) -> int:
    """Fire due timers, then mark correction notices whose period passed (逾期未补正), until none is left (or
    at least ``limit`` were handled), then record the timerless clocks that went 逾期 (``alarms``); returns how
    many."""
    fired, busy = 0, set[int]()
    while limit is None or fired < limit:
        with transaction(engine) as session:
            outcome = _fire_batch(session, runtime, busy)
            if outcome is None:
                outcome = lapse_next(session, runtime, busy)
        if outcome is None:
            break
        fired += outcome
    with transaction(engine) as session:
        return fired + record_overdue_clocks(session, runtime)


def _fire_batch(session: Session, runtime: Runtime, busy: set[int]) -> int | None:
    """Claim up to ``BATCH`` instances with due timers and fire them; None when nothing is due.

    The claim is the instance row lock taken with ``SKIP LOCKED`` (a sweeper never waits for an instance
    an action or another sweeper holds): whoever holds it fires that instance's due timers, and the timers
    are gone from the workflow when the lock is released, so each fires once. The candidates are the
    instances of the earliest due timers; those another sweeper holds are left to it.
    """
    now = runtime.now()
    due = (select(Timer.instance_id).where(Timer.due_at <= now, Timer.instance_id.not_in(busy))
           .order_by(Timer.due_at, Timer.task_id).limit(BATCH * 8))
    candidates = set(list(dict.fromkeys(session.scalars(due)))[:BATCH])
    if not candidates:
        return None
    keep_loaded(session)  # a row the batch's firings look up again (a project, an account) is read once
    claimed = list(session.scalars(select(ProcessInstance).where(ProcessInstance.id.in_(candidates))
                                   .order_by(ProcessInstance.id).with_for_update(skip_locked=True)))
    busy.update(candidates - {i.id for i in claimed})  # someone else holds them: try them on the next pass
    rows = _Rows.read(session, claimed)
    fired = 0
    for instance in claimed:
        count = _fire(session, runtime, instance, rows, now)
        if count == 0:
            busy.add(instance.id)  # due by the table but not by the engine: never spin on it
        fired += count
    return fired


@dataclass
class _Rows:
    """What the claimed instances' firings read, in one query per table for the whole batch (under their
    locks, so no one else changes them): work items, timer rows, and the revision they were read for."""

    items: dict[int, list[WorkItem]]
    timers: dict[int, dict[str, datetime]]
    revisions: dict[int, str]

    @classmethod
    def read(cls, session: Session, claimed: list[ProcessInstance]) -> _Rows:
        ids = [i.id for i in claimed]
        rows = cls({i: [] for i in ids}, {i: {} for i in ids}, {i.id: i.revision for i in claimed})
        if not ids:
            return rows
        for item in session.scalars(select(WorkItem).where(WorkItem.instance_id.in_(ids))):
            rows.items[item.instance_id].append(item)
        for instance_id, task_id, due_at in session.execute(
                select(Timer.instance_id, Timer.task_id, Timer.due_at).where(Timer.instance_id.in_(ids))):
            rows.timers[instance_id][task_id] = due_at
        # what the firings' listeners look up by key (kept by keep_loaded), and where their audit chains end
        session.scalars(select(Project).where(Project.code.in_({i.project_code for i in claimed}))).all()
        read_heads(session, (chain_of(i.project_code, i.id) for i in claimed))
        return rows


def _fire(session: Session, runtime: Runtime, instance: ProcessInstance, rows: _Rows, now: datetime) -> int:
    run = workflow.load(session, runtime, instance)
    if rows.revisions[instance.id] == instance.revision:  # else saved since the batch read them: read again
        work_item_rows.prime(run, instance.revision, frozenset(i.task_id for i in rows.items[instance.id]))
        timer_rows.prime(run, instance.revision, rows.timers[instance.id])
        items = {(i.stage, i.bpmn_id): i for i in rows.items[instance.id]}
    else:
        items = {(i.stage, i.bpmn_id): i for i in session.scalars(select(WorkItem).where(
            WorkItem.instance_id == instance.id))}  # read before the save removes a cancelled review's item
    before = {t.task_id: t for t in run.timers()}
    status = instance.status
    run.fire_due_timers(now)
    after = {t.task_id for t in run.timers()}
    workflow.save(session, runtime, instance, run, now)
    gone = [t for task_id, t in before.items() if task_id not in after and t.due_at <= now]
    for timer in sorted(gone, key=_firing_order):
        _record(session, runtime, instance, timer, items, status, now)
    # what the firings mean to features (容缺 suspension, pre-permit expiry): engine.acceptance.hooks
    registry.publish(TimersFired(session, runtime, instance, [t.bpmn_id for t in gone], now))
    return len(gone)


def _firing_order(timer: bpmn.DueTimer) -> tuple:
    found = deadline_timer(timer.bpmn_id)
    return timer.due_at, _ORDER[found.kind] if found else -1, timer.task_id


def _record(session: Session, runtime: Runtime, instance: ProcessInstance, timer: bpmn.DueTimer,
            items: dict[tuple[str, str], WorkItem], status: str, now: datetime) -> None:
    details: dict[str, str | None] = {"bpmn_id": timer.bpmn_id, "stage": timer.process_id,
                                      "due_at": timer.due_at.isoformat()}
    found = deadline_timer(timer.bpmn_id)
    item = items.get((timer.process_id, found.review_bpmn_id)) if found else None
    if found is None or item is None:
        record(session, runtime, None, Entry("timer_fired", instance.project_code, instance.id, timer.task_id,
                                             timer.name, details=details))
        return
    details.update(timer_task_id=timer.task_id, department=item.department_code, item=item.item)
    decision = None
    if found.kind == "deemed":
        decision = "approve"
        session.add(Decision(
            instance_id=instance.id, project_code=instance.project_code, task_id=item.task_id,
            bpmn_id=item.bpmn_id, task_name=item.name, stage=item.stage, item=item.item,
            department_code=item.department_code, form_key=item.form_key, outcome=decision,
            opinion=DEEMED_CONSENT_OPINION, data={"deemed_consent": True}, decided_by=None, acting_for=None,
            decided_at=now))
        details["opinion"] = DEEMED_CONSENT_OPINION
    record(session, runtime, None, Entry(_ACTIONS[found.kind], instance.project_code, instance.id, item.task_id,
                                         item.name, status, instance.status, decision, details))
