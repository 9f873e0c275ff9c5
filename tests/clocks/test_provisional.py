"""Provisional years: the statutory holidays (全国年节及纪念日放假办法, 2025) and nothing else, from a lunar library."""

import datetime as dt

import chinese_calendar
import pytest

from engine.clocks import CHINA_TZ, LIBRARY_YEARS, ClockEvent, WorkingCalendar, evaluate
from engine.clocks.statutory import statutory_holidays

D = dt.date
_LUNAR_NAMES = {"春节": "Spring Festival", "清明节": "Tomb-sweeping Day", "端午节": "Dragon Boat Festival",
                "中秋节": "Mid-autumn Festival"}


def _days(year):
    return [D(year, 1, 1) + dt.timedelta(days=i) for i in range((D(year + 1, 1, 1) - D(year, 1, 1)).days)]


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_lunar_holiday_cores_match_chinesecalendar(year):
    """Each lunar holiday the library computes is that holiday in chinesecalendar's official data. (2024 predates
    the 2025 revision, which added 除夕 to 春节: its 除夕 is only checked from 2025.)"""
    for day, name in statutory_holidays(year).items():
        official = chinese_calendar.get_holiday_detail(day)
        if name == "春节" and day == min(d for d, n in statutory_holidays(year).items() if n == "春节") and year < 2025:
            continue
        assert not chinese_calendar.is_workday(day), (day, name)
        if name in _LUNAR_NAMES:
            assert official[1] is not None and official[1] == _LUNAR_NAMES[name], (day, name, official)


@pytest.mark.parametrize("year", [2027, 2028, 2031])
def test_a_provisional_year_is_the_weekday_rule_less_the_statutory_holidays(year):
    calendar = WorkingCalendar()
    holidays = statutory_holidays(year)
    assert len(holidays) in (12, 13)  # 13 days, two may coincide (中秋 on 国庆)
    for day in _days(year):
        assert calendar.is_working_day(day) == (day.weekday() < 5 and day not in holidays), day
    assert calendar.is_provisional_year(year) and year not in calendar.covered_years


def test_2027_statutory_days():
    assert sorted(statutory_holidays(2027)) == [
        D(2027, 1, 1), D(2027, 2, 5), D(2027, 2, 6), D(2027, 2, 7), D(2027, 2, 8), D(2027, 4, 5), D(2027, 5, 1),
        D(2027, 5, 2), D(2027, 6, 9), D(2027, 9, 15), D(2027, 10, 1), D(2027, 10, 2), D(2027, 10, 3)]


def test_no_make_up_working_day_and_no_observed_day():
    calendar = WorkingCalendar()
    assert not calendar.is_working_day(D(2027, 2, 6))  # Saturday in 春节: just a weekend day
    assert calendar.is_working_day(D(2027, 2, 9))  # Tuesday after 春节: no observed day for the weekend
    assert not any(calendar.is_working_day(d) for d in _days(2027) if d.weekday() >= 5)  # no 调休 invented


def test_every_day_and_every_short_deadline_2024_to_2026_is_chinesecalendar():
    calendar = WorkingCalendar()
    days = [d for year in (2024, 2025, 2026) for d in _days(year)]
    assert [d for d in days if calendar.is_working_day(d) != chinese_calendar.is_workday(d)] == []
    compared = 0
    for start in days:
        expected = _official_deadlines(start, 30)  # late December: only the n that stay in 2026
        assert [calendar.add_working_days(start, n) for n in range(1, len(expected) + 1)] == expected, start
        assert not calendar.provisional_between(start, expected[-1]) if expected else True
        compared += len(expected)
    assert compared > 1096 * 29


def _official_deadlines(start, most):
    """chinesecalendar's n-th working day after ``start`` (start excluded), n = 1..most, while it knows the year."""
    found = []
    day = start
    while len(found) < most:
        day += dt.timedelta(days=1)
        if day.year > 2026:
            break
        if chinese_calendar.is_workday(day):
            found.append(day)
    return found


def test_a_declared_year_is_no_longer_provisional_and_the_next_one_is():
    year = LIBRARY_YEARS.stop
    calendar = WorkingCalendar(extra_years=[year])
    assert not calendar.is_provisional_year(year) and calendar.is_provisional_year(year + 1)


def test_a_reading_says_whether_it_used_a_provisional_day():
    calendar = WorkingCalendar()
    started = dt.datetime(2026, 12, 20, 10, tzinfo=CHINA_TZ)
    reading = evaluate([ClockEvent.started(started, 20)], started, calendar)
    assert reading.provisional and reading.deadline.year == 2027
    short = evaluate([ClockEvent.started(started, 5)], started, calendar)
    assert not short.provisional and short.deadline == D(2026, 12, 25)
    official = evaluate([ClockEvent.started(started, 20)], started, calendar.with_schedule(2027, {}))
    assert not official.provisional
