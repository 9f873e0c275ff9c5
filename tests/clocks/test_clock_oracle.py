"""Random clocks checked against a brute-force reading of the counting rule, instant by instant.

The oracle knows nothing of the walk in ``segments``: it asks, for each instant where anything can
change (events, midnight, 17:30), whether the clock runs and how many counted working days lie
behind it, using only ``is_working_day``.
"""

import datetime as dt
import math
import random

from engine.clocks import CHINA_TZ, ClockEvent, ClockState, PauseReason, WorkingCalendar, evaluate
from engine.clocks.segments import END_OF_WORKING_DAY

CAL = WorkingCalendar()
RATIO = 0.8


def _random_clock(rng):
    """A started clock with a few pauses, resumes and extensions; times include 00:00 and 17:30 exactly."""
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 960))
    moment = dt.datetime.combine(day, _random_time(rng), tzinfo=CHINA_TZ)
    events, running = [ClockEvent.started(moment, rng.randrange(1, 21))], True
    for _ in range(rng.randrange(0, 6)):
        moment = _later(rng, moment)
        if rng.random() < 0.2:
            events.append(ClockEvent.extended(moment, rng.randrange(1, 6), "延期"))
        elif running:
            events.append(ClockEvent.paused(moment, rng.choice(list(PauseReason))))
        else:
            events.append(ClockEvent.resumed(moment))
        running = running ^ (events[-1].kind != "extended")
    if rng.random() < 0.2:
        events.append(ClockEvent.stopped(_later(rng, moment)))
    return events, _later(rng, events[-1].at)


def _random_time(rng):
    return rng.choice([dt.time(0), END_OF_WORKING_DAY, dt.time(rng.randrange(24), rng.randrange(60))])


def _later(rng, moment):
    day = (moment + dt.timedelta(days=rng.randrange(0, 12))).date()
    later = dt.datetime.combine(day, _random_time(rng), tzinfo=CHINA_TZ)
    return max(later, moment)


def _spans(events, now):
    spans, opened = [], None
    for event in (e for e in events if e.at <= now):
        if event.kind in ("started", "resumed"):
            opened = event.at
        elif event.kind in ("paused", "stopped") and opened:
            spans.append((opened, event.at))
            opened = None
    return [*spans, (opened, now)] if opened else spans


def _used_at(spans, instant):
    counted = set()
    for start, end in (span for span in spans if span[0] <= instant):
        day, last = start.date() + dt.timedelta(days=1), min(end, instant).date()
        while day <= last:
            if CAL.is_working_day(day):
                counted.add(day)
            day += dt.timedelta(days=1)
    return len(counted)


def _oracle_overdue(events, now, limit):
    spans = _spans(events, now)
    instants = {e.at for e in events if e.at <= now} | {now}
    day = events[0].at.date()
    while day <= now.date():
        for time in (dt.time(0), END_OF_WORKING_DAY):
            instants.add(dt.datetime.combine(day, time, tzinfo=CHINA_TZ))
        day += dt.timedelta(days=1)
    for instant in sorted(i for i in instants if i <= now):
        if not any(start <= instant <= end for start, end in spans):
            continue
        used = _used_at(spans, instant)
        if used > limit or (used == limit and instant.time() >= END_OF_WORKING_DAY):
            return True
    return False


def test_random_clocks_agree_with_the_brute_force_oracle():
    rng = random.Random(20261013)
    for _ in range(400):
        events, now = _random_clock(rng)
        reading = evaluate(events, now, CAL, RATIO)
        limit = sum(e.days for e in events if e.kind in ("started", "extended") and e.at <= now)
        used = _used_at(_spans(events, now), now)
        assert (reading.limit_days, reading.used_days) == (limit, used), events
        overdue = _oracle_overdue(events, now, limit)
        assert (reading.state is ClockState.OVERDUE) == overdue, (events, now)
        if not overdue:
            expected = ClockState.WARNING if used >= math.ceil(RATIO * limit - 1e-9) else ClockState.NORMAL
            assert reading.state is expected


def test_timers_fire_exactly_when_the_state_changes():
    rng = random.Random(17)
    checked = 0
    for _ in range(400):
        events, now = _random_clock(rng)
        reading = evaluate(events, now, CAL, RATIO)
        if reading.due_at_overdue is None or reading.state is ClockState.OVERDUE:
            continue
        due = reading.due_at_overdue
        assert evaluate(events, due, CAL, RATIO).state is ClockState.OVERDUE
        assert evaluate(events, due - dt.timedelta(seconds=1), CAL, RATIO).state is not ClockState.OVERDUE
        if reading.due_at_warning > now:
            warn = reading.due_at_warning
            assert evaluate(events, warn, CAL, RATIO).state is ClockState.WARNING
            assert evaluate(events, warn - dt.timedelta(seconds=1), CAL, RATIO).state is ClockState.NORMAL
        checked += 1
    assert checked > 100
