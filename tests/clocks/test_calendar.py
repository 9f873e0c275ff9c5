"""The working-day calendar against an independent source, and its refusal to guess."""

import datetime as dt
import random

import chinese_calendar
import holidays
import pytest

from engine.clocks import UnknownCalendarYear, WorkingCalendar, parse_override_file

D = dt.date


@pytest.fixture(scope="module")
def calendar():
    return WorkingCalendar()


@pytest.fixture(scope="module")
def cn_holidays():
    """The ``holidays`` package's CN calendar: built from its own data, not from chinesecalendar."""
    return holidays.country_holidays("CN", years=range(2024, 2027))


def _days(first, last):
    return [D.fromordinal(o) for o in range(first.toordinal(), last.toordinal() + 1)]


def test_matches_the_holidays_package_day_by_day_2024_to_2026(calendar, cn_holidays):
    days = _days(D(2024, 1, 1), D(2026, 12, 31))
    disagreements = [d for d in days if calendar.is_working_day(d) != cn_holidays.is_working_day(d)]
    assert len(days) == 1096
    assert disagreements == []


def test_the_comparison_is_not_just_the_weekend_rule(calendar, cn_holidays):
    make_up_saturday, national_day_thursday = D(2026, 10, 10), D(2026, 10, 1)
    assert calendar.is_working_day(make_up_saturday) and cn_holidays.is_working_day(make_up_saturday)
    assert not calendar.is_working_day(national_day_thursday)
    assert not cn_holidays.is_working_day(national_day_thursday)


def test_deadline_across_national_day_2026(calendar, cn_holidays):
    assert calendar.add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 13)
    assert cn_holidays.get_nth_working_day(D(2026, 9, 30), 5) == D(2026, 10, 13)
    assert calendar.working_days_between(D(2026, 9, 30), D(2026, 10, 13)) == 5


def test_a_year_before_the_library_raises_and_names_the_real_command(calendar):
    with pytest.raises(UnknownCalendarYear) as raised:
        calendar.is_working_day(D(2003, 6, 2))
    assert raised.value.year == 2003
    assert "approval calendar load FILE" in str(raised.value)
    assert "load 2003 <file>" not in str(raised.value)


def test_arithmetic_into_an_unpublished_year_is_provisional_not_refused(calendar):
    assert calendar.add_working_days(D(2026, 12, 20), 30) == D(2027, 2, 1)
    assert calendar.working_days_between(D(2026, 12, 20), D(2027, 1, 5)) == 11  # 元旦 off, no 调休
    assert calendar.add_working_days(D(2027, 1, 4), 0) == D(2027, 1, 4)
    assert calendar.provisional_between(D(2026, 12, 20), D(2027, 2, 1))
    assert not calendar.provisional_between(D(2026, 12, 1), D(2026, 12, 31))
    assert calendar.is_provisional(D(2027, 1, 4)) and not calendar.is_provisional(D(2026, 12, 31))


SYNTHETIC_2027 = """\
date,kind,note
2027-02-06,holiday,春节
2027-02-07,holiday,春节
2027-02-08,holiday,春节
2027-02-09,holiday,春节
2027-02-10,holiday,春节
2027-02-11,holiday,春节
2027-02-12,holiday,春节
2027-02-13,holiday,春节
2027-02-14,workday,春节调休
"""


def test_a_loaded_year_answers_like_the_notice(calendar):
    year, overrides = parse_override_file(SYNTHETIC_2027)
    loaded = calendar.with_schedule(year, overrides)
    assert 2027 in loaded.covered_years and 2027 not in calendar.covered_years
    assert not loaded.is_working_day(D(2027, 2, 8))  # Monday, listed holiday
    assert loaded.is_working_day(D(2027, 2, 14))  # Sunday, listed make-up working day
    assert loaded.is_working_day(D(2027, 3, 1))  # unlisted Monday: weekend rule
    assert not loaded.is_working_day(D(2027, 3, 6))  # unlisted Saturday: weekend rule
    assert loaded.add_working_days(D(2027, 2, 5), 1) == D(2027, 2, 14)
    assert loaded.add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 1)  # this file lists no 元旦
    assert loaded.is_working_day(D(2026, 10, 10))  # library years are unchanged


def test_overrides_win_over_the_library_in_a_covered_year():
    corrected = WorkingCalendar({D(2026, 10, 9): False, D(2026, 10, 11): True})
    assert not corrected.is_working_day(D(2026, 10, 9))
    assert corrected.is_working_day(D(2026, 10, 11))
    assert corrected.is_working_day(D(2026, 10, 12))
    assert corrected.add_working_days(D(2026, 9, 30), 5) == D(2026, 10, 13)
    assert corrected.working_days_between(D(2026, 10, 8), D(2026, 10, 11)) == 2


def test_a_declared_library_year_reads_the_notice_with_the_weekend_rule(calendar):
    """A notice lists only weekday holidays and weekend working days; with those, 2026 is unchanged."""
    days = _days(D(2026, 1, 1), D(2026, 12, 31))
    exceptions = {
        d: calendar.is_working_day(d) for d in days if calendar.is_working_day(d) != (d.weekday() < 5)
    }
    declared = WorkingCalendar(exceptions, extra_years={2026})
    assert [d for d in days if declared.is_working_day(d) != calendar.is_working_day(d)] == []
    assert not WorkingCalendar({}, extra_years={2026}).is_working_day(D(2026, 10, 10))  # unlisted Saturday


def test_partial_overrides_correct_a_provisional_year_without_making_it_official():
    partial = WorkingCalendar({D(2027, 2, 14): True})
    assert partial.is_working_day(D(2027, 2, 14))  # Sunday listed as a working day
    assert not partial.is_working_day(D(2027, 2, 5))  # statutory 除夕, still provisional
    assert partial.is_provisional_year(2027) and 2027 not in partial.covered_years


def test_covered_years_are_the_library_years_plus_declared_ones():
    assert WorkingCalendar(extra_years=[2027]).covered_years == frozenset(range(2004, 2027)) | {2027}


def test_add_and_between_are_inverse_on_random_dates(calendar, cn_holidays):
    rng = random.Random(20260930)
    first = D(2024, 1, 1).toordinal()
    for _ in range(3000):
        start = D.fromordinal(rng.randrange(first, D(2026, 6, 30).toordinal()))
        n = rng.randrange(0, 120)
        end = calendar.add_working_days(start, n)
        assert calendar.working_days_between(start, end) == n
        assert calendar.working_days_between(end, start) == -n
        if n:
            assert end == cn_holidays.get_nth_working_day(start, n)
            assert calendar.is_working_day(end)
            assert calendar.working_days_between(start, end - dt.timedelta(days=1)) == n - 1


def test_add_agrees_with_chinesecalendar_find_workday_from_working_days(calendar):
    rng = random.Random(7)
    for _ in range(300):
        start = calendar.working_day_on_or_after(
            D.fromordinal(rng.randrange(D(2010, 1, 1).toordinal(), D(2026, 6, 30).toordinal()))
        )
        n = rng.randrange(1, 100)
        assert calendar.add_working_days(start, n) == chinese_calendar.find_workday(n, start)


def test_from_a_weekend_the_first_working_day_is_day_one(calendar, cn_holidays):
    """``find_workday`` first rolls a weekend start forward and counts from there (one day more);
    a time limit counts every working day after the start, as the ``holidays`` package does."""
    saturday = D(2014, 10, 25)
    assert calendar.add_working_days(saturday, 1) == D(2014, 10, 27)
    assert calendar.add_working_days(saturday, 5) == D(2014, 10, 31)
    other_saturday = D(2025, 10, 25)
    assert calendar.add_working_days(other_saturday, 5) == cn_holidays.get_nth_working_day(other_saturday, 5)
    assert chinese_calendar.find_workday(5, saturday) == D(2014, 11, 3)


def test_zero_days_is_the_same_date_and_rolling_forward_is_separate(calendar, cn_holidays):
    national_day = D(2026, 10, 1)
    assert calendar.add_working_days(national_day, 0) == national_day
    assert calendar.working_day_on_or_after(national_day) == D(2026, 10, 8)
    assert calendar.working_day_on_or_after(national_day) == cn_holidays.get_nth_working_day(national_day, 0)
    assert calendar.working_day_on_or_after(D(2026, 10, 9)) == D(2026, 10, 9)


def test_between_counts_start_exclusive_end_inclusive(calendar):
    assert calendar.working_days_between(D(2026, 10, 9), D(2026, 10, 9)) == 0
    assert calendar.working_days_between(D(2026, 10, 8), D(2026, 10, 9)) == 1
    assert calendar.working_days_between(D(2024, 1, 1), D(2026, 12, 31)) == sum(
        calendar.is_working_day(d) for d in _days(D(2024, 1, 2), D(2026, 12, 31))
    )


def test_wrong_arguments_are_refused(calendar):
    with pytest.raises(TypeError, match=r"datetime\.date"):
        calendar.is_working_day(dt.datetime(2026, 10, 9, 23, 0))
    with pytest.raises(ValueError, match="n must be >= 0"):
        calendar.add_working_days(D(2026, 10, 9), -1)
    with pytest.raises(TypeError, match="bool"):
        WorkingCalendar({D(2026, 10, 9): "holiday"})
