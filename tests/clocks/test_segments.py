"""Clock readings: exact day counts against the calendar, states, timers, refused sequences."""

import datetime as dt

import pytest

from engine.clocks import (
    CHINA_TZ,
    PAUSE_REASON_LABELS,
    STATE_LABELS,
    ClockError,
    ClockEvent,
    ClockState,
    InvalidClockEvent,
    PauseReason,
    UnknownCalendarYear,
    WorkingCalendar,
    evaluate,
)

D = dt.date
CAL = WorkingCalendar()


def at(year, month, day, hour=9, minute=0, second=0):
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=CHINA_TZ)


def read(events, now, **kwargs):
    return evaluate(events, now, CAL, **kwargs)


NATIONAL_DAY = [ClockEvent.started(at(2026, 9, 30, 10), 5)]


def test_five_days_across_national_day_end_on_13_october():
    reading = read(NATIONAL_DAY, at(2026, 10, 13, 9))
    assert (reading.limit_days, reading.used_days, reading.remaining_days) == (5, 5, 0)
    assert reading.deadline == D(2026, 10, 13) == CAL.add_working_days(D(2026, 9, 30), 5)
    assert reading.state is ClockState.WARNING
    assert reading.due_at_overdue == at(2026, 10, 13, 17, 30)
    assert not reading.paused and reading.pause_reason is None and not reading.stopped


@pytest.mark.parametrize(
    ("now", "used", "state"),
    [
        (at(2026, 9, 30, 16), 0, "normal"),
        (at(2026, 10, 7, 16), 0, "normal"),  # the whole holiday counts nothing
        (at(2026, 10, 10, 9), 3, "normal"),  # Saturday make-up working day counts
        (at(2026, 10, 11, 9), 3, "normal"),  # Sunday does not
        (at(2026, 10, 12, 0), 4, "warning"),  # 4 of 5 = 80 %
        (at(2026, 10, 13, 17, 29, 59), 5, "warning"),
        (at(2026, 10, 13, 17, 30), 5, "overdue"),
        (at(2026, 10, 14, 9), 6, "overdue"),
    ],
)
def test_days_used_and_state_through_national_day(now, used, state):
    reading = read(NATIONAL_DAY, now)
    assert (reading.used_days, reading.state) == (used, state)
    assert reading.deadline == D(2026, 10, 13)


def test_overdue_reading_counts_the_days_over():
    reading = read(NATIONAL_DAY, at(2026, 10, 16, 9))
    assert (reading.used_days, reading.remaining_days, reading.overdue_days) == (8, 0, 3)
    assert (reading.state_label, STATE_LABELS[ClockState.NORMAL]) == ("逾期", "正常")


CORRECTION = [
    ClockEvent.started(at(2026, 9, 30, 10), 5),
    ClockEvent.paused(at(2026, 10, 8, 15), PauseReason.CORRECTION),
    ClockEvent.resumed(at(2026, 10, 14, 10)),
]


def test_days_waiting_for_a_correction_are_not_counted():
    during = read(CORRECTION, at(2026, 10, 13, 11))
    assert during.paused and during.pause_reason is PauseReason.CORRECTION
    assert PAUSE_REASON_LABELS[during.pause_reason] == "补正"
    assert during.paused_since == at(2026, 10, 8, 15)
    assert during.used_days == 1 == CAL.working_days_between(D(2026, 9, 30), D(2026, 10, 8))
    assert during.due_at_warning is None and during.due_at_overdue is None
    assert during.deadline == CAL.add_working_days(D(2026, 10, 13), 4)  # if resumed today
    after = read(CORRECTION, at(2026, 10, 16, 11))
    assert after.used_days == 1 + CAL.working_days_between(D(2026, 10, 14), D(2026, 10, 16)) == 3
    assert after.deadline == CAL.add_working_days(D(2026, 10, 14), 4) == D(2026, 10, 20)
    paused_working_days = CAL.working_days_between(D(2026, 10, 8), D(2026, 10, 14))
    assert paused_working_days == 5
    assert after.deadline == CAL.add_working_days(D(2026, 10, 13), paused_working_days)
    assert after.due_at_overdue == at(2026, 10, 20, 17, 30)
    assert read(CORRECTION, at(2026, 10, 14, 12)).used_days == 1  # the resume day itself is free


def test_pausing_and_resuming_the_same_day_loses_nothing():
    events = [
        ClockEvent.started(at(2026, 9, 30, 10), 5),
        ClockEvent.paused(at(2026, 10, 9, 9), "expert_review"),
        ClockEvent.resumed(at(2026, 10, 9, 16)),
    ]
    assert read(events, at(2026, 10, 13, 9)).used_days == 5
    assert read(events, at(2026, 10, 13, 9)).deadline == D(2026, 10, 13)


def test_an_extension_moves_the_deadline():
    events = [*NATIONAL_DAY, ClockEvent.extended(at(2026, 10, 12, 10), 3, "重大复杂，经负责人批准延长")]
    reading = read(events, at(2026, 10, 13, 18))
    assert reading.limit_days == 8
    assert reading.deadline == CAL.add_working_days(D(2026, 9, 30), 8) == D(2026, 10, 16)
    assert reading.state is ClockState.NORMAL  # 5 of 8 < 80 %
    assert reading.due_at_overdue == at(2026, 10, 16, 17, 30)


def test_warning_at_80_percent_and_its_timer():
    events = [ClockEvent.started(at(2026, 3, 2, 9), 10)]
    eighth_day = CAL.add_working_days(D(2026, 3, 2), 8)
    before = read(events, at(2026, 3, 11, 17))
    assert (before.used_days, before.state) == (7, ClockState.NORMAL)
    assert before.due_at_warning == dt.datetime.combine(eighth_day, dt.time(0), tzinfo=CHINA_TZ)
    assert read(events, before.due_at_warning).state is ClockState.WARNING
    assert read(events, before.due_at_warning - dt.timedelta(seconds=1)).state is ClockState.NORMAL
    assert read(events, at(2026, 3, 11, 17), warn_ratio=0.5).state is ClockState.WARNING


def test_overdue_while_running_stays_overdue_when_paused():
    events = [*NATIONAL_DAY, ClockEvent.paused(at(2026, 10, 13, 18), PauseReason.HEARING)]
    reading = read(events, at(2026, 10, 20, 9))
    assert reading.paused and reading.state is ClockState.OVERDUE and reading.used_days == 5


def test_paused_on_the_last_morning_is_not_overdue_until_the_resume_day_ends():
    events = [*NATIONAL_DAY, ClockEvent.paused(at(2026, 10, 13, 10), PauseReason.PUBLIC_NOTICE)]
    assert read(events, at(2026, 10, 19, 9)).state is ClockState.WARNING
    events.append(ClockEvent.resumed(at(2026, 10, 20, 9)))
    resumed = read(events, at(2026, 10, 20, 12))
    assert (resumed.used_days, resumed.state, resumed.deadline) == (5, ClockState.WARNING, D(2026, 10, 20))
    assert resumed.due_at_overdue == at(2026, 10, 20, 17, 30)
    assert read(events, at(2026, 10, 21, 9)).state is ClockState.OVERDUE


def test_a_stopped_clock_reads_as_it_stood():
    on_time = read([*NATIONAL_DAY, ClockEvent.stopped(at(2026, 10, 9, 11))], at(2026, 12, 1, 9))
    assert (on_time.stopped, on_time.used_days, on_time.state) == (True, 2, ClockState.NORMAL)
    assert on_time.due_at_warning is None and on_time.due_at_overdue is None
    late = read([*NATIONAL_DAY, ClockEvent.stopped(at(2026, 10, 14, 11))], at(2026, 12, 1, 9))
    assert (late.used_days, late.state, late.deadline) == (6, ClockState.OVERDUE, D(2026, 10, 13))


def test_days_are_counted_in_shanghai_whatever_the_offset_of_the_timestamps():
    utc = dt.UTC
    late_evening_utc = dt.datetime(2026, 10, 12, 17, 0, tzinfo=utc)  # 2026-10-13 01:00 in Shanghai
    reading = read([ClockEvent.started(late_evening_utc, 5)], dt.datetime(2026, 10, 14, 2, tzinfo=utc))
    assert reading.deadline == CAL.add_working_days(D(2026, 10, 13), 5)
    assert reading.used_days == 1


def test_events_after_now_are_ignored_and_before_the_start_there_is_no_clock():
    assert read(CORRECTION, at(2026, 10, 8, 12)).paused is False
    with pytest.raises(InvalidClockEvent, match="has not started"):
        read(CORRECTION, at(2026, 9, 30, 9))


def test_a_deadline_in_an_unloaded_year_is_read_provisionally():
    reading = read([ClockEvent.started(at(2026, 12, 20), 20)], at(2026, 12, 21))
    assert reading.provisional and reading.deadline == D(2027, 1, 18)
    assert not read([ClockEvent.started(at(2026, 11, 2), 5)], at(2026, 11, 3)).provisional


def test_a_year_before_the_library_still_raises():
    with pytest.raises(UnknownCalendarYear, match="2003"):
        read([ClockEvent.started(at(2003, 6, 2), 5)], at(2003, 6, 3))


def test_kinds_and_reasons_read_back_from_storage_as_strings():
    events = [
        ClockEvent("started", at(2026, 9, 30, 10), days=5),
        ClockEvent("paused", at(2026, 10, 8, 15), reason="tolerance_supplement"),
    ]
    assert read(events, at(2026, 10, 9)).pause_reason is PauseReason.TOLERANCE_SUPPLEMENT


START = ClockEvent.started(at(2026, 9, 30, 10), 5)
PAUSE = ClockEvent.paused(at(2026, 10, 8, 15), PauseReason.CORRECTION)


@pytest.mark.parametrize(
    ("events", "message"),
    [
        (
            [START, PAUSE, ClockEvent.paused(at(2026, 10, 9), "hearing")],
            r"#2 \(paused .*while the clock is paused",
        ),
        ([START, ClockEvent.resumed(at(2026, 10, 9))], r"#1 \(resumed .*while the clock is running"),
        ([ClockEvent.resumed(at(2026, 10, 9))], r"#0 \(resumed .*while the clock is new"),
        ([START, ClockEvent.started(at(2026, 10, 9), 5)], r"#1 \(started .*running"),
        ([START, ClockEvent.stopped(at(2026, 10, 9)), ClockEvent.resumed(at(2026, 10, 10))], "stopped"),
        ([START, ClockEvent.paused(at(2026, 9, 29), "hearing")], r"#1 .*earlier than event #0"),
        ([START, ClockEvent.paused(at(2026, 10, 9), "lunch")], "reason must be one of correction"),
        ([START, ClockEvent.extended(at(2026, 10, 9), 3, " ")], "needs a reason"),
        ([START, ClockEvent.extended(at(2026, 10, 9), 0, "x")], "positive integer"),
        ([ClockEvent.started(at(2026, 9, 30), True)], "positive integer"),
        ([ClockEvent.started(dt.datetime(2026, 9, 30, 10), 5)], "time-zone-aware"),
        ([ClockEvent("restarted", at(2026, 9, 30))], "#0"),
    ],
)
def test_impossible_sequences_are_refused_with_context(events, message):
    with pytest.raises(InvalidClockEvent, match=message):
        read(events, at(2026, 11, 30))


def test_now_must_be_aware_and_the_ratio_sensible():
    with pytest.raises(ClockError, match="time-zone-aware"):
        read(NATIONAL_DAY, dt.datetime(2026, 10, 9, 9))
    with pytest.raises(ValueError, match="warn_ratio"):
        read(NATIONAL_DAY, at(2026, 10, 9), warn_ratio=0)


def test_resumed_after_hours_with_no_days_left_is_overdue_at_once():
    events = [
        *NATIONAL_DAY,
        ClockEvent.paused(at(2026, 10, 13, 10), PauseReason.SITE_INSPECTION),
        ClockEvent.resumed(at(2026, 10, 20, 20)),
    ]
    assert read(events, at(2026, 10, 20, 19, 59)).state is ClockState.WARNING
    reading = read(events, at(2026, 10, 20, 20))
    assert (reading.state, reading.due_at_overdue) == (ClockState.OVERDUE, at(2026, 10, 20, 20))
