"""China's working-day calendar: statutory holidays and weekend make-up working days (调休).

Every approval time limit is counted in working days, and the State Council moves them every
year (a Saturday can be a working day, a Wednesday a holiday). The calendar therefore has two
sources and no third:

* ``chinesecalendar``'s data, for the years that library covers;
* an override table an administrator fills from the State Council notice (see
  :mod:`engine.clocks.overrides`). A year the administrator *declared* complete is read as the
  notice reads: the listed days are holidays or working days, every other day follows the
  Monday–Friday rule. For a declared year the notice is the authority, even where the library
  also has data, so that a library upgrade never silently moves a deadline. For an undeclared
  year the library is the base and single overrides correct it.

A year after the library's last one that nobody has declared is served *provisionally*: Monday–Friday
less the statutory holidays (:mod:`engine.clocks.statutory`: 全国年节及纪念日放假办法, no 调休 invented), with
any single overrides applied. The calendar says which years those are (:meth:`WorkingCalendar.is_provisional_year`,
:meth:`WorkingCalendar.provisional_between`), so every deadline that used such a day is shown as 暂定 and
recomputed when the State Council's notice is loaded: the service never stops because a year is unpublished.
Only a year *before* the library's range raises :class:`UnknownCalendarYear` (no statutory rule of today
applies to it). Dates are plain ``datetime.date``; a ``datetime`` is refused because truncating it in
the wrong time zone would pick the wrong day (callers convert to Asia/Shanghai first).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from functools import cache

import chinese_calendar

from engine.clocks.errors import UnknownCalendarYear
from engine.clocks.statutory import statutory_holidays

#: Years for which ``chinesecalendar`` has the official schedule (the same bounds it checks).
LIBRARY_YEARS = range(min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year + 1)

_SATURDAY = 5


def _ordinals_of_year(year: int) -> range:
    return range(dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal() + 1)


@cache
def _library_working_days(year: int) -> frozenset[int]:
    """Ordinals of the library's working days in ``year`` (cached: the data never changes)."""
    return frozenset(
        ordinal
        for ordinal in _ordinals_of_year(year)
        if chinese_calendar.is_workday(dt.date.fromordinal(ordinal))
    )


@cache
def _weekday_rule_working_days(year: int) -> frozenset[int]:
    """Ordinals of Monday–Friday in ``year``: the base of a declared (notice-loaded) year."""
    return frozenset(
        ordinal for ordinal in _ordinals_of_year(year) if dt.date.fromordinal(ordinal).weekday() < _SATURDAY
    )


@cache
def _provisional_working_days(year: int) -> frozenset[int]:
    """Ordinals of Monday–Friday in ``year`` that are not statutory holidays (no 调休: none is known yet)."""
    holidays = {day.toordinal() for day in statutory_holidays(year)}
    return _weekday_rule_working_days(year) - holidays


def _require_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(f"expected a datetime.date (local date in Asia/Shanghai), got {value!r}")
    return value


class WorkingCalendar:
    """Answers "is this a working day?" and does working-day arithmetic, exactly or not at all.

    Immutable once built; per-year tables (a sorted tuple of working-day ordinals plus a set)
    are built on first use and cached, so each query is a set lookup or a binary search, and
    arithmetic costs O(log n) per year crossed.
    """

    def __init__(
        self,
        overrides: Mapping[dt.date, bool] | None = None,
        extra_years: Iterable[int] = (),
    ) -> None:
        """``overrides`` maps a date to ``True`` (working day) or ``False`` (holiday).

        ``extra_years`` are the years an administrator declared complete. Overrides in a year
        that is neither declared nor covered by the library are kept but do not make the year
        known: a partial schedule is not a schedule.
        """
        self._overrides: dict[int, dict[int, bool]] = {}
        for day, working in (overrides or {}).items():
            if not isinstance(working, bool):
                raise TypeError(f"override for {day} must be a bool (True = working day), got {working!r}")
            self._overrides.setdefault(_require_date(day).year, {})[day.toordinal()] = working
        self._declared = frozenset(int(year) for year in extra_years)
        self._tables: dict[int, tuple[tuple[int, ...], frozenset[int]]] = {}
        self._fingerprint: str | None = None

    def with_schedule(self, year: int, overrides: Mapping[dt.date, bool]) -> WorkingCalendar:
        """A new calendar with ``year`` declared complete from a loaded notice (``parse_override_file``)."""
        merged = {dt.date.fromordinal(o): w for days in self._overrides.values() for o, w in days.items()}
        merged.update(overrides)
        return WorkingCalendar(merged, self._declared | {year})

    @property
    def fingerprint(self) -> str:
        """Names what this calendar counts (library version and years, declared years, overrides): a state
        walked on a calendar with another fingerprint may count other days (``engine.clocks.kept``)."""
        if self._fingerprint is None:
            overrides = sorted((o, w) for days in self._overrides.values() for o, w in days.items())
            content = repr((chinese_calendar.__version__, LIBRARY_YEARS, sorted(self._declared), overrides))
            self._fingerprint = hashlib.sha256(content.encode()).hexdigest()[:32]
        return self._fingerprint

    @property
    def covered_years(self) -> frozenset[int]:
        """Years this calendar knows officially (library years plus declared years)."""
        return frozenset(LIBRARY_YEARS) | self._declared

    def is_provisional_year(self, year: int) -> bool:
        """Whether ``year`` is served from the statutory holidays only (no official schedule known)."""
        return year >= LIBRARY_YEARS.stop and year not in self._declared

    def is_provisional(self, day: dt.date) -> bool:
        """Whether ``day``'s working/holiday status is provisional (its year has no official schedule)."""
        return self.is_provisional_year(_require_date(day).year)

    def provisional_between(self, start: dt.date, end: dt.date) -> bool:
        """Whether any day ``d`` with ``start < d <= end`` is provisional: a count or a deadline over that span
        (``working_days_between``, ``add_working_days``) used a guessed day and may move."""
        start, end = _require_date(start), _require_date(end)
        if end <= start or end.year < LIBRARY_YEARS.stop:
            return False  # the common case: the span ends inside the library's years
        first = start.year + (start == dt.date(start.year, 12, 31))
        return any(self.is_provisional_year(year) for year in range(first, end.year + 1))

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day (provisionally so in a year without an official schedule)."""
        day = _require_date(day)
        return day.toordinal() in self._table(day.year)[1]

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (``day`` itself never counts).

        ``n == 0`` returns ``day`` unchanged, even on a holiday, so that
        ``working_days_between(day, add_working_days(day, n)) == n`` holds for every ``n >= 0``;
        use :meth:`working_day_on_or_after` to roll a date forward. The year of ``day`` must be
        known even for ``n == 0``.
        """
        day = _require_date(day)
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        year = day.year
        ordinals = self._table(year)[0]
        if n == 0:
            return day
        index = bisect_right(ordinals, day.toordinal()) + n - 1
        while index >= len(ordinals):
            index -= len(ordinals)
            year += 1
            ordinals = self._table(year)[0]
        return dt.date.fromordinal(ordinals[index])

    def working_day_on_or_after(self, day: dt.date) -> dt.date:
        """``day`` if it is a working day, else the next working day."""
        return day if self.is_working_day(day) else self.add_working_days(day, 1)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Number of working days ``d`` with ``start < d <= end``.

        The start day is excluded (as the first day of a period is in Chinese law), the end day
        included. If ``end < start`` the result is the negated count the other way round.
        """
        start, end = _require_date(start), _require_date(end)
        if end < start:
            return -self.working_days_between(end, start)
        count = -self._rank_in_year(start)
        for year in range(start.year, end.year):
            count += len(self._table(year)[0])
        return count + self._rank_in_year(end)

    def recount(self, start: dt.date, due: dt.date, before: WorkingCalendar) -> dt.date:
        """``due`` was the n-th working day after ``start`` on the ``before`` calendar: the n-th on this one
        (a deadline stored as a date, carried over when a year's official schedule replaces the guess)."""
        return self.add_working_days(start, max(before.working_days_between(start, due), 0))

    def _rank_in_year(self, day: dt.date) -> int:
        """How many working days of ``day``'s year fall on or before ``day``."""
        return bisect_right(self._table(day.year)[0], day.toordinal())

    def _table(self, year: int) -> tuple[tuple[int, ...], frozenset[int]]:
        table = self._tables.get(year)
        if table is None:
            table = self._tables[year] = self._build_table(year)
        return table

    def _build_table(self, year: int) -> tuple[tuple[int, ...], frozenset[int]]:
        if year in self._declared:
            working = set(_weekday_rule_working_days(year))
        elif year in LIBRARY_YEARS:
            working = set(_library_working_days(year))
        elif self.is_provisional_year(year):
            working = set(_provisional_working_days(year))
        else:
            raise UnknownCalendarYear(year)
        for ordinal, is_working in self._overrides.get(year, {}).items():
            if is_working:
                working.add(ordinal)
            else:
                working.discard(ordinal)
        return tuple(sorted(working)), frozenset(working)

    def __repr__(self) -> str:
        declared = sorted(self._declared)
        return f"WorkingCalendar(library={LIBRARY_YEARS.start}-{LIBRARY_YEARS.stop - 1}, declared={declared})"
