"""Write clock events when work happens, and read clocks for people.

* An item's clock runs while its department holds the task: it starts when the review (or issuance)
  task appears, pauses while a correction notice waits for the applicant (补正 is not counted), resumes
  when the applicant supplies, and stops when the department decides.
* A stage's clock runs from the window's acceptance to issuance, or until the stage is returned.
* A 特别程序 pauses the item's clock (the pause reason is its kind) and runs a clock of its own
  (``procedure_key``) until its result is recorded; an approved 延期 adds working days to the item's limit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..catalogue.stages import stage_name
from ..clocks import PAUSE_REASON_LABELS, ClockReading, PauseReason, WorkingCalendar, evaluate
from ..extensions import ClockEventAdded, ItemClockChanged, registry
from ..organisation.lanes import DEPARTMENTS
from ..projects.models import Project
from .calendar_store import working_calendar
from .events import clock_event
from .models import ClockEventRow, ClockStateRow
from .rules import bound_rule
from .states import keep, kept_reading, kept_status

if TYPE_CHECKING:  # annotations only: instances and work items build on the ledger (they write clock events)
    from ..processes.models import ProcessInstance
    from ..work_items.models import WorkItem

STARTED, PAUSED, RESUMED, EXTENDED, STOPPED = "started", "paused", "resumed", "extended", "stopped"
SIDE_CLOCKS = ("order", "step")  # key prefixes of the clocks features keep with ``start_clock``


def item_key(task_id: str) -> str:
    return f"item:{task_id}"


def procedure_key(procedure_id: int) -> str:
    """A special procedure's own clock (its limit, 预警/逾期); not an item's, so statistics leave it out."""
    return f"procedure:{procedure_id}"


def stage_key(instance_id: int, stage: str, run: int = 1) -> str:
    """A stage's clock; a stage returned and accepted again runs a new clock (``run`` 2, 3, …)."""
    return f"stage:{instance_id}:{stage}" + (f"#{run}" if run > 1 else "")


def current_stage_key(session: Session, instance_id: int, stage: str) -> str:
    """The key of the stage's latest clock (the first one's if it never started)."""
    return stage_key(instance_id, stage, max(_stage_runs(session, instance_id, stage), 1))


def _stage_runs(session: Session, instance_id: int, stage: str) -> int:
    return session.scalar(select(func.count()).select_from(ClockEventRow).where(
        ClockEventRow.instance_id == instance_id, ClockEventRow.stage == stage, ClockEventRow.kind == STARTED,
        ClockEventRow.clock_key.startswith(f"stage:{instance_id}:{stage}"))) or 0


@dataclass(frozen=True)
class Subject:
    """Whose clock: its key, stage, what people call it, and the department answering for it."""

    key: str
    stage: str
    label: str
    department_code: str | None = None


def start_item(session: Session, instance: ProcessInstance, item: WorkItem, days: int, now: datetime) -> None:
    """The item's clock of ``days`` committed working days starts now."""
    subject = Subject(item_key(item.task_id), item.stage, item.name, item.department_code)
    _add(session, instance, subject, STARTED, now, limit_days=days)


def start_stage(session: Session, instance: ProcessInstance, stage: str, now: datetime) -> None:
    """The stage's clock starts at acceptance, with the limit of the project's time-limit rule (bound now
    if this is the project's first acceptance). A process the rule sets no limit for (e.g. the 建筑工程综合
    许可证 order beside the stages) has no stage clock; its items keep their own clocks."""
    project = session.get_one(Project, instance.project_code)
    days = bound_rule(session, project, now).stage_days.get(stage)
    if days is None:
        return
    key = stage_key(instance.id, stage, _stage_runs(session, instance.id, stage) + 1)
    _add(session, instance, Subject(key, stage, stage_name(stage)), STARTED, now,
         limit_days=days)


def start_clock(session: Session, instance: ProcessInstance, subject: Subject, days: int, now: datetime) -> None:
    """A clock of ``days`` working days that a feature keeps under its own key (the 综合许可 order, a joint
    acceptance step); it pauses, resumes, extends and stops through ``mark`` and ``extend`` like any other."""
    _add(session, instance, subject, STARTED, now, limit_days=days)


def start_procedure(session: Session, instance: ProcessInstance, item: WorkItem, procedure_id: int, label: str,
                    days: int, now: datetime) -> None:
    """A special procedure on ``item`` starts its own clock of ``days`` working days."""
    subject = Subject(procedure_key(procedure_id), item.stage, label, item.department_code)
    _add(session, instance, subject, STARTED, now, limit_days=days)


def extend(session: Session, instance: ProcessInstance, key: str, days: int, reason: str, now: datetime) -> None:
    """Add ``days`` working days to a clock that has not stopped (an approved 延期)."""
    last = _last(session, key)
    if last is None or last.kind == STOPPED:
        raise ValueError(f"clock {key} is not open")  # callers check first; reaching this is a bug
    _add(session, instance, Subject(key, last.stage, last.label, last.department_code), EXTENDED, now,
         reason=reason, days=days)


@dataclass(frozen=True)
class _Latest:
    """A clock's subject and the kind of its latest (status) event: what ``mark`` and ``extend`` check."""

    kind: str
    stage: str
    label: str
    department_code: str | None


def mark(session: Session, instance: ProcessInstance, key: str, kind: str, now: datetime,
         reason: str | None = None) -> None:
    """Pause, resume or stop a running clock; a clock that is not running is left alone."""
    last = _last(session, key, status_only=True)  # an extension leaves the clock running or paused
    if last is None or last.kind == STOPPED or (kind == RESUMED) != (last.kind == PAUSED):
        return
    _add(session, instance, Subject(key, last.stage, last.label, last.department_code), kind, now, reason=reason)


def _add(session: Session, instance: ProcessInstance, subject: Subject, kind: str, at: datetime,
         **values: int | str | None) -> None:
    """Append one event and keep the clock's state; ``values``: its ``limit_days`` (started), ``days``
    (extended), ``reason``."""
    row = ClockEventRow(clock_key=subject.key, instance_id=instance.id, project_code=instance.project_code,
                        stage=subject.stage, label=subject.label, department_code=subject.department_code,
                        kind=kind, at=at, **values)
    session.add(row)
    session.flush()
    keep(session, row, clock_event(row))  # before anyone reads the clock (the subscribers below do)
    registry.publish(ClockEventAdded(session, row))  # statistics kept per event (engine.supervision.upkeep)
    if subject.key.startswith("item:") and kind != STOPPED:
        # the work item's 预警/逾期 follow (work_items.due subscribes: work items build on the ledger)
        registry.publish(ItemClockChanged(session, subject.key.removeprefix("item:"), at))


def _last(session: Session, key: str, *, status_only: bool = False) -> _Latest | None:
    """The clock's latest event (status event if ``status_only``): from its kept state, else its events."""
    state = kept_status(session, key, lock=True)
    if state is not None:
        # a stopped clock takes no more events, so its status is "is the latest event a stop" too
        return _Latest(state.status, state.stage, state.label, state.department_code)
    stmt = select(ClockEventRow).where(ClockEventRow.clock_key == key)
    if status_only:
        stmt = stmt.where(ClockEventRow.kind != EXTENDED)
    row = session.scalars(stmt.order_by(ClockEventRow.id.desc()).limit(1)).first()
    return None if row is None else _Latest(row.kind, row.stage, row.label, row.department_code)


def item_reading(session: Session, task_id: str, now: datetime) -> ClockReading | None:
    """The item clock of a work item read at ``now`` (None if it has none): when its timers are due."""
    return clock_reading(session, item_key(task_id), now)


def clock_reading(session: Session, key: str, now: datetime) -> ClockReading | None:
    """Any clock read at ``now`` (None if it has no events): from its kept state in O(1) (``states``), else
    from the five columns of its events ``evaluate`` needs (a reading of the past, a schedule loaded since)."""
    kept = kept_reading(session, key, now)
    return kept if kept is not None else events_reading(session, key, now)


def events_reading(session: Session, key: str, now: datetime) -> ClockReading | None:
    """A clock read at ``now`` from its events (what its kept state answers from ``now`` on its latest event)."""
    rows = session.execute(select(ClockEventRow.kind, ClockEventRow.at, ClockEventRow.limit_days,
                                  ClockEventRow.days, ClockEventRow.reason)
                           .where(ClockEventRow.clock_key == key).order_by(ClockEventRow.id)).all()
    return evaluate([clock_event(r) for r in rows], now, working_calendar(session)) if rows else None


@dataclass(frozen=True)
class ClockLine:
    """One clock as people read it."""

    key: str
    label: str
    stage: str
    department: str
    limit_days: int
    used_days: int
    remaining_days: int
    deadline: str
    state: str
    paused: bool
    pause_reason: str | None
    stopped: bool
    provisional: bool = False  # the deadline used a day of a year whose official schedule is not loaded (暂定)


def clock_lines(session: Session, project_code: str, now: datetime) -> list[ClockLine]:
    """Every clock of a project, evaluated at ``now`` on the working calendar in force."""
    rows = list(session.scalars(select(ClockEventRow).where(ClockEventRow.project_code == project_code)
                                .order_by(ClockEventRow.id)))
    calendar = working_calendar(session)
    return [_line(key, events, calendar, now) for key, events in _grouped(rows)]


def clock_line(session: Session, key: str, now: datetime) -> ClockLine | None:
    """One clock as people read it (None if it has no events): from its kept state if it answers."""
    state, reading = kept_status(session, key), kept_reading(session, key, now)
    if state is not None and reading is not None:
        return _line_of(key, state, reading)
    rows = list(session.scalars(select(ClockEventRow).where(ClockEventRow.clock_key == key)
                                .order_by(ClockEventRow.id)))
    return _line(key, rows, working_calendar(session), now) if rows else None


def stage_side_clocks(session: Session, instance_id: int, stage: str, now: datetime) -> list[ClockLine]:
    """The clocks a feature keeps beside the model for one stage of an instance (``start_clock``: the 综合许可
    order as a whole, the joint acceptance's 资料审核/联合现场验收), in the order they started."""
    side = [ClockEventRow.clock_key.startswith(f"{prefix}:{instance_id}", autoescape=True) for prefix in SIDE_CLOCKS]
    rows = list(session.scalars(select(ClockEventRow).where(
        ClockEventRow.instance_id == instance_id, ClockEventRow.stage == stage, or_(*side), ClockEventRow.at <= now)
        .order_by(ClockEventRow.id)))
    calendar = working_calendar(session)
    return [_line(key, events, calendar, now) for key, events in _grouped(rows)]


def _grouped(rows: Iterable[ClockEventRow]) -> list[tuple[str, list[ClockEventRow]]]:
    groups: dict[str, list[ClockEventRow]] = {}
    for row in rows:
        groups.setdefault(row.clock_key, []).append(row)
    return list(groups.items())


def _line(key: str, rows: list[ClockEventRow], calendar: WorkingCalendar, now: datetime) -> ClockLine:
    return _line_of(key, rows[0], evaluate([clock_event(r) for r in rows], now, calendar))


def _line_of(key: str, first: ClockEventRow | ClockStateRow, reading: ClockReading) -> ClockLine:
    """The line of a clock whose first event (or kept state: the same subject) is ``first``."""
    department = DEPARTMENTS.get(first.department_code or "", "牵头部门")
    return ClockLine(key, first.label, stage_name(first.stage), department, reading.limit_days, reading.used_days,
                     reading.remaining_days, reading.deadline.isoformat(), reading.state_label, reading.paused,
                     _reason_label(reading.pause_reason), reading.stopped, reading.provisional)


def _reason_label(reason: PauseReason | None) -> str | None:
    return None if reason is None else PAUSE_REASON_LABELS.get(reason, str(reason))
