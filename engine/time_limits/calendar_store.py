"""Load a year's holiday schedule into the database, and build the working calendar from it."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, cast

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..clocks import ClockEvent, WorkingCalendar, evaluate, parse_override_entries, parse_override_file
from ..db import transaction_memo
from .models import CalendarDay, CalendarYear

if TYPE_CHECKING:
    from ..runtime import Runtime  # annotations only: the runtime builds on organisation and time limits


def load_schedule(session: Session, runtime: Runtime, text: str, source: str) -> int:
    """Replace a year's schedule with the one in ``text`` (the State Council notice typed as
    ``date,kind,note`` lines). Returns the year. :raise OverrideFileError: with the line number."""
    year, _ = parse_override_file(text)  # validates the whole file first: one year, no duplicates
    entries = parse_override_entries(text)
    session.info.pop(_READ, None)  # the calendar read earlier in this transaction is no longer the one in force
    session.execute(delete(CalendarDay).where(CalendarDay.year == year))
    for entry in entries:
        session.add(CalendarDay(day=entry.day, year=year, is_working_day=entry.is_working_day, note=entry.note))
    existing = session.get(CalendarYear, year)
    if existing is None:
        session.add(CalendarYear(year=year, source=source, loaded_at=runtime.now()))
    else:
        existing.source, existing.loaded_at = source, runtime.now()
    session.flush()
    return year


def working_calendar(session: Session,
                     replacing: tuple[int, Mapping[date, bool]] | None = None) -> WorkingCalendar:
    """The calendar in force: chinesecalendar's years plus every loaded schedule (later years provisional).
    ``replacing=(year, overrides)``: the calendar as it would be with that year's schedule loaded instead."""
    overrides, years = _schedule(session)
    if replacing is None:
        return _built(overrides, years)
    year, days = replacing
    replaced = {day: working for day, working in overrides if day.year != year} | dict(days)
    return _built(tuple(sorted(replaced.items())), tuple(sorted(set(years) | {year})))


@functools.lru_cache(maxsize=16)
def _built(overrides: tuple[tuple[date, bool], ...], years: tuple[int, ...]) -> WorkingCalendar:
    """One calendar object per schedule content: its per-year tables are built once, not per reading
    (keyed on the content itself, so a reloaded schedule is a new key and a stale one is never served)."""
    return WorkingCalendar(dict(overrides), extra_years=list(years))


def stored_entries(session: Session, year: int) -> set[tuple[date, bool, str]]:
    """The loaded schedule of ``year`` as (day, is_working_day, note) triples (empty if none was loaded)."""
    rows = session.scalars(select(CalendarDay).where(CalendarDay.year == year))
    return {(row.day, row.is_working_day, row.note) for row in rows}


def refresh_calendar(session: Session, runtime: Runtime) -> WorkingCalendar:
    """Point ``runtime.calendar`` (what the models' ``item_due`` counts on) at the calendar in force; the
    previous calendar object, with its per-year tables, is kept while the loaded schedules are unchanged."""
    source = _schedule(session)
    if source != runtime.calendar_source:
        runtime.calendar, runtime.calendar_source = _built(*source), source
    return runtime.calendar


Schedule = tuple[tuple[tuple[date, bool], ...], tuple[int, ...]]
_READ = "approval.calendar_schedule"  # transaction_memo key: {"schedule": the schedule}


def _schedule(session: Session) -> Schedule:
    """Every loaded day (sorted) and year: read once per transaction (savepoint included), not once per use —
    an action reads it when it loads the workflow and again for each clock it reads. ``load_schedule`` forgets
    it; a savepoint reads its own, so a rolled-back one leaves nothing behind."""
    read = transaction_memo(session, _READ)
    if "schedule" in read:
        return cast(Schedule, read["schedule"])
    # two columns as tuples, not ORM rows (a few dozen days a year)
    rows = session.execute(select(CalendarDay.day, CalendarDay.is_working_day)).all()
    years = session.scalars(select(CalendarYear.year)).all()
    schedule: Schedule = (tuple(sorted((day, working) for day, working in rows)), tuple(sorted(years)))
    read["schedule"] = schedule
    return schedule


def promised_date(session: Session, start: datetime, days: int) -> tuple[date, bool]:
    """承诺办结日期 of a limit of ``days`` working days counted from ``start`` on the calendar in force (the day
    a clock started then would reach its limit), and whether it is 暂定 (a year without a published schedule)."""
    reading = evaluate([ClockEvent.started(start, days)], start, working_calendar(session))
    return reading.deadline, reading.provisional
