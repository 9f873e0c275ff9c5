"""Load a year's holiday schedule into the database, and build the working calendar from it."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..clocks import WorkingCalendar, parse_override_entries, parse_override_file
from ..runtime import Runtime
from .models import CalendarDay, CalendarYear


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
    overrides = {row.day: row.is_working_day for row in session.scalars(select(CalendarDay))}
    return WorkingCalendar(overrides, extra_years=session.scalars(select(CalendarYear.year)))
