"""The kept clock state reads exactly what ``evaluate`` reads over all the events, at every ``now``.

Random sequences of pauses (every reason), resumes, extensions (also of clocks already overdue) and stops,
started in 2024–2027 so that spans cross weekends, statutory holidays, 调休 working days and the provisional
year 2027 (and a calendar with 2027's schedule declared), read at several instants from the latest event on:
the state advanced event by event, and the state summarised from all events, give the same reading.
"""

import datetime as dt
import random

import pytest

from engine.clocks import CHINA_TZ, ClockEvent, InvalidClockEvent, PauseReason, WorkingCalendar, evaluate
from engine.clocks.kept import KeptClock, advance, read_kept, summarise
from engine.clocks.segments import END_OF_WORKING_DAY

LIBRARY = WorkingCalendar()
DECLARED_2027 = WorkingCalendar({dt.date(2027, 2, 6): False, dt.date(2027, 2, 14): True}, extra_years=[2027])
CALENDARS = (LIBRARY, DECLARED_2027)


def _time(rng: random.Random) -> dt.time:
    return rng.choice([dt.time(0), END_OF_WORKING_DAY, dt.time(17, 29), dt.time(rng.randrange(24), rng.randrange(60))])


def _later(rng: random.Random, moment: dt.datetime, most: int = 15) -> dt.datetime:
    day = (moment + dt.timedelta(days=rng.randrange(0, most))).date()
    return max(dt.datetime.combine(day, _time(rng), tzinfo=CHINA_TZ), moment)


def _random_clock(rng: random.Random) -> list[ClockEvent]:
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 4 * 365 - 30))
    moment = dt.datetime.combine(day, _time(rng), tzinfo=CHINA_TZ)
    events, running = [ClockEvent.started(moment, rng.randrange(1, 21))], True
    for _ in range(rng.randrange(0, 14)):
        moment = _later(rng, moment)
        if rng.random() < 0.2:
            events.append(ClockEvent.extended(moment, rng.randrange(1, 6), "延期"))
            continue
        events.append(ClockEvent.paused(moment, rng.choice(list(PauseReason))) if running
                      else ClockEvent.resumed(moment))
        running = not running
    if rng.random() < 0.3:
        events.append(ClockEvent.stopped(_later(rng, moment)))
    return events


def _advanced(events: list[ClockEvent], calendar: WorkingCalendar) -> KeptClock:
    kept: KeptClock | None = None
    for index, event in enumerate(events):
        kept = advance(kept, event, calendar) or summarise(events[:index + 1], calendar)  # None: from the events
    assert kept is not None
    return kept


def _nows(rng: random.Random, last: dt.datetime) -> list[dt.datetime]:
    return [last, *(_later(rng, last, most) for most in (1, 5, 20, 60, 400))]


@pytest.mark.parametrize("seed", range(6))
def test_the_kept_state_reads_what_the_events_read(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        events, calendar = _random_clock(rng), rng.choice(CALENDARS)
        for prefix in range(1, len(events) + 1):  # after each event: the state as the ledger keeps it
            seen = events[:prefix]
            kept, whole = _advanced(seen, calendar), summarise(seen, calendar)
            assert kept == whole, seen
            for now in _nows(rng, seen[-1].at):
                assert read_kept(kept, now, calendar) == evaluate(seen, now, calendar), (seen, now)


def test_an_extension_of_a_clock_overdue_in_a_closed_span_goes_back_to_the_events() -> None:
    start = dt.datetime(2026, 3, 2, 9, tzinfo=CHINA_TZ)
    events = [ClockEvent.started(start, 2), ClockEvent.paused(start + dt.timedelta(days=7), "correction")]
    kept = _advanced(events, LIBRARY)
    assert kept.overdue_at is not None
    extension = ClockEvent.extended(start + dt.timedelta(days=8), 10, "延期")
    assert advance(kept, extension, LIBRARY) is None
    now = start + dt.timedelta(days=9)
    after = summarise([*events, extension], LIBRARY)
    assert read_kept(after, now, LIBRARY) == evaluate([*events, extension], now, LIBRARY)
    assert after.overdue_at is None  # the longer limit was not reached in the closed span


def test_an_event_the_events_would_refuse_is_not_kept() -> None:
    start = dt.datetime(2026, 3, 2, 9, tzinfo=CHINA_TZ)
    kept = advance(None, ClockEvent.started(start, 5), LIBRARY)
    assert kept is not None
    assert advance(kept, ClockEvent.resumed(start + dt.timedelta(hours=1)), LIBRARY) is None  # not paused
    assert advance(kept, ClockEvent.paused(start - dt.timedelta(hours=1), "correction"), LIBRARY) is None  # earlier
    assert advance(kept, ClockEvent.paused(start, "coffee"), LIBRARY) is None  # no such reason
    with pytest.raises(InvalidClockEvent):
        summarise([ClockEvent.started(start, 5), ClockEvent.resumed(start)], LIBRARY)


def test_a_reading_before_the_latest_event_is_refused() -> None:
    start = dt.datetime(2026, 3, 2, 9, tzinfo=CHINA_TZ)
    kept = summarise([ClockEvent.started(start, 5), ClockEvent.paused(start + dt.timedelta(days=1), "hearing")],
                     LIBRARY)
    with pytest.raises(ValueError, match="needs the events"):
        read_kept(kept, start + dt.timedelta(hours=2), LIBRARY)
