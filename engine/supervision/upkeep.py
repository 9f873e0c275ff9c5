"""Keeping the 电子监察 aggregates (``engine.supervision.models``) equal to the clock events, event by event.

Every clock event (``ClockEventAdded``) adds its counts to its day's tally row, opens or closes the clock's
entry among the open clocks, records a project's first stage start, and a stage clock that stops counts its
case for the parallel-approval rate; an approval that ends 办结 (``InstanceFinished``) adds its stage clocks to the
``completed`` tally. The counters shared by many transactions (a department's day, a category's cases) are
summed in memory and written once, just before the transaction commits, in key order: they are locked
last and briefly, and two transactions never wait on each other's counters in opposite orders (deadlock).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, SessionTransaction

from ..clocks import local_date
from ..extensions import ClockEventAdded, InstanceFinished, Registry
from ..projects.models import Project
from ..time_limits.models import ClockEventRow
from .alerts import ALERTED
from .categories import COMPLETED
from .days import CLOSING, ITEM, OPENING, STAGE, STARTED, STOPPED
from .models import (
    SupervisedCompletion,
    SupervisedProject,
    SupervisionOpenClock,
    SupervisionParallel,
    SupervisionTally,
)
from .parallel import Interval, overlap

PENDING = "supervision_pending"
TallyKey = tuple[str, str, str, date]  # figure, group, category, Beijing day


@dataclass
class Pending:
    """Counter changes of one transaction, not yet written."""

    tally: dict[TallyKey, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0]))
    parallel: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))


def tally_keys(clock_key: str, group: str, category: str, day: date, completed: bool) -> list[TallyKey]:
    """The tally rows an event of ``clock_key`` counts in (``group``: its department, or its stage)."""
    if clock_key.startswith(ITEM):
        return [("item", group, category, day)]
    if clock_key.startswith(STAGE):
        return [("stage", group, category, day)] + ([("completed", "", category, day)] if completed else [])
    return []


def counts(kind: str) -> tuple[int, int, int, int]:
    """What one event adds: opened, closed, started, stopped (``engine.supervision.days.tally``'s sums)."""
    return int(kind in OPENING), int(kind in CLOSING), int(kind == STARTED), int(kind == STOPPED)


def add(tallies: dict[TallyKey, list[int]], keys: list[TallyKey], kind: str) -> None:
    for key in keys:
        for n, value in enumerate(counts(kind)):
            tallies[key][n] += value


def pending(session: Session) -> Pending:
    return session.info.setdefault(PENDING, Pending())


def on_clock_event(added: ClockEventAdded) -> None:
    session, row = added.session, added.row
    if not row.clock_key.startswith((ITEM, STAGE, *ALERTED)):
        return
    category = session.get_one(Project, row.project_code).category
    is_stage = row.clock_key.startswith(STAGE)
    completed = is_stage and session.get(SupervisedCompletion, row.instance_id) is not None
    group = row.stage if is_stage else row.department_code or ""
    add(pending(session).tally, tally_keys(row.clock_key, group, category, local_date(row.at), completed), row.kind)
    if is_stage and row.kind == STARTED:
        _supervise(session, row.project_code, category, row.at)
    elif is_stage and row.kind == STOPPED:
        _count_case(session, row, category)
    elif row.clock_key.startswith(ALERTED):
        _open_or_close(session, row, category)


def _supervise(session: Session, project_code: str, category: str, at: datetime) -> None:
    project = session.get(SupervisedProject, project_code)
    if project is None:
        session.add(SupervisedProject(project_code=project_code, category=category, first_started_at=at))
    elif at < project.first_started_at:
        project.first_started_at = at


def _open_or_close(session: Session, row: ClockEventRow, category: str) -> None:
    clock = session.get(SupervisionOpenClock, row.clock_key)
    if row.kind == STARTED and clock is None:
        session.add(SupervisionOpenClock(clock_key=row.clock_key, project_code=row.project_code, category=category,
                                         limit_days=row.limit_days or 0, started_at=row.at))
    elif row.kind == STOPPED and clock is not None:
        session.delete(clock)


def _count_case(session: Session, row: ClockEventRow, category: str) -> None:
    """A stage case ended: whether two of its department items overlapped (``engine.supervision.parallel``)."""
    start = session.scalar(select(ClockEventRow.at).where(ClockEventRow.clock_key == row.clock_key,
                                                          ClockEventRow.kind == STARTED)
                           .order_by(ClockEventRow.id).limit(1))
    if start is None:
        return
    items = stage_items(session, row.instance_id, row.stage)
    entry = pending(session).parallel[category]
    entry[0] += 1
    entry[1] += int(overlap([i for i in items if start <= i[0] <= row.at]))


def stage_items(session: Session, instance_id: int, stage: str) -> list[Interval]:
    """Each item clock of one stage of an instance: its first start and its last stop (None: running)."""
    at, kind = ClockEventRow.at, ClockEventRow.kind
    rows = session.execute(select(func.min(case((kind == STARTED, at))), func.max(case((kind == STOPPED, at))))
                           .where(ClockEventRow.instance_id == instance_id, ClockEventRow.stage == stage,
                                  ClockEventRow.clock_key.startswith(ITEM, autoescape=True))
                           .group_by(ClockEventRow.clock_key))
    return [(start, stop) for start, stop in rows if start is not None]


def on_instance_finished(finished: InstanceFinished) -> None:
    """An approval that just ended 办结 (not withdrawn): its stage clocks join the ``completed`` tally (once)."""
    session, instance = finished.session, finished.instance
    if instance.status != COMPLETED or session.get(SupervisedCompletion, instance.id) is not None:
        return
    session.add(SupervisedCompletion(instance_id=instance.id))
    session.flush()
    category = session.get_one(Project, instance.project_code).category
    tallies = pending(session).tally
    for kind, at in session.execute(select(ClockEventRow.kind, ClockEventRow.at).where(
            ClockEventRow.instance_id == instance.id, ClockEventRow.clock_key.startswith(STAGE, autoescape=True))):
        add(tallies, [("completed", "", category, local_date(at))], kind)


def write_pending(session: Session) -> None:
    """Write the transaction's counter changes (in key order); called before commit and before a reading.
    One statement per table, run for every changed row (executemany), not one statement per row."""
    changes: Pending | None = session.info.pop(PENDING, None)
    if changes is None:
        return
    tally_upsert, parallel_upsert = _upserts(session.get_bind().dialect.name)
    tallies = [{"figure": figure, "group_code": group, "category": category, "day": day,
                **dict(zip(COLUMNS, values, strict=True))}
               for (figure, group, category, day), values in sorted(changes.tally.items()) if any(values)]
    if tallies:
        session.execute(tally_upsert, tallies)
    parallels = [{"category": category, "completed": completed, "parallel": parallel}
                 for category, (completed, parallel) in sorted(changes.parallel.items())]
    if parallels:
        session.execute(parallel_upsert, parallels)


@functools.cache
def _upserts(dialect: str) -> tuple[Any, Any]:
    """The two counter upserts of a dialect, built once (a statement is immutable; its rows are bound per run)."""
    insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
    tally = insert(SupervisionTally)
    parallel = insert(SupervisionParallel)
    return (tally.on_conflict_do_update(
                index_elements=["figure", "group_code", "category", "day"],
                set_={c: getattr(SupervisionTally, c) + getattr(tally.excluded, c) for c in COLUMNS}),
            parallel.on_conflict_do_update(index_elements=["category"], set_={
                "completed": SupervisionParallel.completed + parallel.excluded.completed,
                "parallel": SupervisionParallel.parallel + parallel.excluded.parallel}))


COLUMNS = ("opened", "closed", "started", "stopped")


def _before_commit(session: Session) -> None:
    # Not at a savepoint's release (a notification's, hooks.guarded): its counters are the whole transaction's,
    # written once at the real commit — fewer upserts, and none lost with a savepoint rolled back after them.
    if PENDING in session.info and not session.in_nested_transaction():
        write_pending(session)


def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # committed (already written) or rolled back: nothing carries over
        session.info.pop(PENDING, None)


def register(target: Registry) -> None:
    target.subscribe(ClockEventAdded, on_clock_event)
    target.subscribe(InstanceFinished, on_instance_finished)
    if not event.contains(Session, "before_commit", _before_commit):
        event.listen(Session, "before_commit", _before_commit)
        event.listen(Session, "after_transaction_end", _after_transaction_end)
