"""The night-work rules: the 22:00–06:00 window across midnight, nights per application, the repeat rule's hours."""

from __future__ import annotations

from datetime import date

import pytest

from engine.night_work.rules import NightWorkRules

RULES = NightWorkRules()
TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(("start", "end", "errors"), [
    ("22:00", "06:00", set()),
    ("23:30", "01:00", set()),
    ("00:00", "05:59", set()),
    ("21:59", "06:00", {"start_time"}),
    ("06:00", "05:00", {"start_time"}),  # only the start is named: the end cannot be judged against it
    ("06:00", "07:00", {"start_time", "end_time"}),
    ("22:00", "06:01", {"end_time"}),
    ("23:00", "22:30", {"end_time"}),
    ("01:00", "00:30", {"end_time"}),
])
def test_hours_must_lie_in_the_night_window_in_order(start: str, end: str, errors: set[str]) -> None:
    assert set(RULES.hours_error(start, end)) == errors


@pytest.mark.parametrize(("first", "last", "field"), [
    (date(2026, 12, 6), date(2026, 12, 7), "first_night"),
    (date(2027, 1, 7), date(2027, 1, 7), "first_night"),
    (date(2026, 12, 8), date(2026, 12, 15), "last_night"),
])
def test_nights_in_the_past_too_far_ahead_or_too_many_are_refused(first: date, last: date, field: str) -> None:
    assert set(RULES.nights_error(first, last, TODAY)) == {field}


def test_seven_nights_starting_today_or_within_thirty_days_are_fine() -> None:
    assert RULES.nights_error(TODAY, date(2026, 12, 13), TODAY) == {}
    assert RULES.nights_error(date(2027, 1, 6), date(2027, 1, 6), TODAY) == {}


@pytest.mark.parametrize(("hours", "within"), [
    (("23:00", "05:00"), True), (("23:30", "04:00"), True), (("22:30", "05:00"), False), (("23:00", "05:30"), False),
])
def test_a_repeat_must_stay_inside_the_reviewed_hours(hours: tuple[str, str], within: bool) -> None:
    assert RULES.within_hours(*hours, "23:00", "05:00") is within
