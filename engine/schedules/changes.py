"""What loading a schedule would move: open clocks whose deadline or timer instants change, and their timers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..catalogue.stages import stage_name
from ..clocks import CHINA_TZ, ClockReading, OverrideEntry, WorkingCalendar, evaluate, parse_override_entries
from ..extensions import DeadlineMove
from ..organisation.lanes import DEPARTMENTS
from ..runtime import Runtime
from ..time_limits.calendar_store import stored_entries, working_calendar
from ..time_limits.due import CLOCK_TIMERS, OVERDUE, PARKED, WARNING, deadline_timer
from ..time_limits.ledger import STOPPED, clock_event
from ..time_limits.models import CalendarYear, ClockEventRow
from ..timers.models import Timer
from ..work_items.models import WorkItem
from .moves import deadline_moves


@dataclass(frozen=True)
class TimerMove:
    """A pending deadline timer whose instant moves."""

    task_id: str
    name: str
    old_due: dt.datetime
    new_due: dt.datetime


@dataclass(frozen=True)
class DeadlineChange:
    """An open clock whose deadline (or timer instants) the schedule moves."""

    project_code: str
    instance_id: int
    clock_key: str
    label: str
    stage: str
    department_code: str | None
    old_deadline: dt.date
    new_deadline: dt.date
    old_provisional: bool
    new_provisional: bool
    timers: tuple[TimerMove, ...] = ()

    @property
    def department(self) -> str:
        return DEPARTMENTS.get(self.department_code or "", "牵头部门")

    @property
    def item_task_id(self) -> str | None:
        return self.clock_key.removeprefix("item:") if self.clock_key.startswith("item:") else None


@dataclass(frozen=True)
class SchedulePreview:
    """A parsed schedule and what loading it would change; ``unchanged``: exactly this schedule is in force."""

    year: int
    entries: list[OverrideEntry]
    holidays: int
    workdays: int
    unchanged: bool
    changes: list[DeadlineChange]
    moves: list[DeadlineMove] = field(default_factory=list)  # date deadlines: 补正, 容缺补正, 差评整改…

    @property
    def moved_timers(self) -> int:
        return sum(len(change.timers) for change in self.changes)


def preview_schedule(session: Session, runtime: Runtime, text: str) -> SchedulePreview:
    """Parse ``text`` and compute what loading it now would move; writes nothing.
    :raise OverrideFileError: the file is wrong (with its line number)."""
    entries = parse_override_entries(text)
    year = entries[0].day.year
    unchanged = _already_loaded(session, year, entries)
    holidays = sum(1 for entry in entries if not entry.is_working_day)
    if unchanged:
        return SchedulePreview(year, entries, holidays, len(entries) - holidays, True, [])
    old = working_calendar(session)
    new = working_calendar(session, replacing=(year, {e.day: e.is_working_day for e in entries}))
    return SchedulePreview(year, entries, holidays, len(entries) - holidays, False,
                           list(_changes(session, runtime, year, old, new)), deadline_moves(session, runtime, old, new))


def _already_loaded(session: Session, year: int, entries: list[OverrideEntry]) -> bool:
    if session.get(CalendarYear, year) is None:
        return False
    return stored_entries(session, year) == {(e.day, e.is_working_day, e.note) for e in entries}


def _changes(session: Session, runtime: Runtime, year: int, old: WorkingCalendar,
             new: WorkingCalendar) -> Iterable[DeadlineChange]:
    now = runtime.now()
    for key, rows in _clocks(session, year):
        before, after = _read(rows, now, old), _read(rows, now, new)
        if _instants(before) == _instants(after):
            continue
        first = rows[0]
        yield DeadlineChange(first.project_code, first.instance_id, key, first.label, stage_name(first.stage),
                             first.department_code, before.deadline, after.deadline, before.provisional,
                             after.provisional, tuple(_timer_moves(session, key, after, first.instance_id)))


def _read(rows: list[ClockEventRow], now: dt.datetime, calendar: WorkingCalendar) -> ClockReading:
    return evaluate([clock_event(row) for row in rows], now, calendar)


def _instants(reading: ClockReading) -> tuple:
    return reading.deadline, reading.due_at_warning, reading.due_at_overdue, reading.state


def _clocks(session: Session, year: int) -> list[tuple[str, list[ClockEventRow]]]:
    """Every clock not stopped (running or paused: 补正, 特别程序), and every stopped one that may have counted on
    ``year`` (an event since the year before: its deadline, and whether it finished late, are read again), each
    with its events in order."""
    stopped = select(ClockEventRow.clock_key).where(ClockEventRow.kind == STOPPED)
    recent = select(ClockEventRow.clock_key).where(ClockEventRow.at >= dt.datetime(year - 1, 1, 1, tzinfo=CHINA_TZ))
    rows = session.scalars(select(ClockEventRow).where(or_(ClockEventRow.clock_key.not_in(stopped),
                                                           ClockEventRow.clock_key.in_(recent)))
                           .order_by(ClockEventRow.id))
    grouped: dict[str, list[ClockEventRow]] = {}
    for row in rows:
        grouped.setdefault(row.clock_key, []).append(row)
    return list(grouped.items())


def _timer_moves(session: Session, key: str, reading: ClockReading,
                 instance_id: int | None = None) -> Iterable[TimerMove]:
    """The item's pending deadline timers whose instant differs from the new reading (parked ones stay parked);
    for another clock, the ``clock_warning``/``clock_overdue`` timers of its own instance (a deadline process)."""
    if reading.due_at_warning is None or reading.due_at_overdue is None:
        return
    if not key.startswith("item:"):
        yield from _clock_timer_moves(session, instance_id, reading)
        return
    item = session.scalar(select(WorkItem).where(WorkItem.task_id == key.removeprefix("item:")))
    if item is None:
        return
    due = {WARNING: reading.due_at_warning, OVERDUE: reading.due_at_overdue}
    names = [f"{prefix}_{item.bpmn_id}" for prefix in ("warn", "overdue", "deemed")]
    for timer in session.scalars(select(Timer).where(Timer.instance_id == item.instance_id, Timer.stage == item.stage,
                                                     Timer.bpmn_id.in_(names)).order_by(Timer.bpmn_id)):
        found = deadline_timer(timer.bpmn_id)
        if found is None or timer.due_at >= PARKED:
            continue
        if timer.due_at != due[found.which]:
            yield TimerMove(timer.task_id, timer.name, timer.due_at, due[found.which])


def _clock_timer_moves(session: Session, instance_id: int | None, reading: ClockReading) -> Iterable[TimerMove]:
    due = {WARNING: reading.due_at_warning, OVERDUE: reading.due_at_overdue}
    for timer in session.scalars(select(Timer).where(Timer.instance_id == instance_id,
                                                     Timer.bpmn_id.in_(list(CLOCK_TIMERS))).order_by(Timer.bpmn_id)):
        new_due = due[CLOCK_TIMERS[timer.bpmn_id]]
        if new_due is not None and timer.due_at != new_due:
            yield TimerMove(timer.task_id, timer.name, timer.due_at, new_due)
