"""Whether next year's official schedule is known: shown to administrators and supervisors from 1 October."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..clocks import local_date
from ..runtime import Runtime
from ..time_limits.calendar_store import working_calendar

WARN_FROM_MONTH = 10  # the State Council usually publishes in November; warn from 1 October


@dataclass(frozen=True)
class CalendarStatus:
    """``this_year``/``next_year`` official or provisional; ``warn``: from 1 October, next year is not official."""

    this_year: int
    this_year_official: bool
    next_year: int
    next_year_official: bool
    warn: bool


def calendar_status(session: Session, runtime: Runtime) -> CalendarStatus:
    today = local_date(runtime.now())
    calendar = working_calendar(session)
    this_official = not calendar.is_provisional_year(today.year)
    next_official = not calendar.is_provisional_year(today.year + 1)
    warn = not this_official or (today.month >= WARN_FROM_MONTH and not next_official)
    return CalendarStatus(today.year, this_official, today.year + 1, next_official, warn)
