"""Load a year's holiday schedule into the database, and build the working calendar from it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..clocks import WorkingCalendar, parse_override_entries, parse_override_file
from .models import CalendarDay, CalendarYear

if TYPE_CHECKING:
    from ..runtime import Runtime  # annotations only: the runtime builds on organisation and time limits


def load_schedule(session: Session, runtime: Runtime, text: str, source: str) -> int:
    """Replace a year's schedule with the one in ``text`` (the State Council notice typed as
    ``date,kind,note`` lines). Returns the year. :raise OverrideFileError: with the line number."""
    year, _ = parse_override_file(text)  # validates the whole file first: one year, no duplicates
    entries = parse_override_entries(text)
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


def working_calendar(session: Session) -> WorkingCalendar:
    """The calendar in force: chinesecalendar's years plus every loaded schedule."""
    overrides, years = _schedule(session)
    return WorkingCalendar(overrides, extra_years=years)


def refresh_calendar(session: Session, runtime: Runtime) -> WorkingCalendar:
    """Point ``runtime.calendar`` (what the models' ``item_due`` counts on) at the calendar in force; the
    previous calendar object, with its per-year tables, is kept while the loaded schedules are unchanged."""
    overrides, years = _schedule(session)
    source = (tuple(sorted(overrides.items())), tuple(sorted(years)))
    if source != runtime.calendar_source:
        runtime.calendar, runtime.calendar_source = WorkingCalendar(overrides, extra_years=years), source
    return runtime.calendar


def _schedule(session: Session) -> tuple[dict, list[int]]:
    overrides = {row.day: row.is_working_day for row in session.scalars(select(CalendarDay))}
    return overrides, list(session.scalars(select(CalendarYear.year)))
