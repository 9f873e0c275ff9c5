"""Reading a time-limit clock (限时办结): one pure function over its append-only events.

A stage or an item has a limit in working days. Its clock is started at acceptance, paused while
time is not the authority's to count (补正 waiting for the applicant, 特别程序 such as expert
review, public notice or a hearing), resumed, extended with a reason, and stopped when the work
is done (events: :mod:`engine.clocks.events`). The reading is computed from the events, so it can
never drift from the history supervisors audit; :mod:`engine.clocks.kept` keeps the walk over the closed
spans so that the same reading (``reading_of``) costs O(1) after any number of pauses.

Counting rule (all dates are local dates in Asia/Shanghai):

* The clock *runs* from a ``started``/``resumed`` event to the next ``paused``/``stopped`` event
  (or to ``now``). A running span from date ``a`` to date ``b`` counts the working days ``d`` with
  ``a < d <= b``: the day the span begins is not counted, the day it ends is counted in full, the
  same convention as "the first day of a period is not counted" in Chinese law.
* Hence acceptance on 2026-09-30 with a 5-day limit reaches 5 used days on 2026-10-13; and a pause
  on day ``P`` resumed on day ``R`` leaves the working days ``P < d <= R`` uncounted: ``P`` counts,
  counting picks up again the day after ``R``.
* A day counts as used from its first moment (``used_days`` on the morning of the deadline day
  already equals the limit). The deadline is the date of the limit-th counted working day; the
  clock is *overdue* from 17:30 (end of the working day) on that date if it is running then, and
  stays overdue. A clock resumed with no days left is overdue from 17:30 on the resume day.
* *Warning* (预警) once ``used_days >= ceil(warn_ratio * limit)``, i.e. from 00:00 of the working
  day that reaches the threshold. ``due_at_warning``/``due_at_overdue`` are exactly those instants
  (+08:00), so a timer set for them finds the new state when it fires.
* Extensions add to the limit whenever they were recorded, so a late extension moves the deadline
  and the state is recomputed against the new limit.
* While paused, ``deadline`` is the date the clock would reach if it were resumed today, and the
  timer instants are ``None``: nothing should fire while the time is not being counted. A stopped
  clock reads as it stood when it stopped (so "finished late" stays 逾期).
* Events later than ``now`` are ignored, so a reading can be taken for any past moment.
* ``provisional`` says the reading used a day of a year without an official holiday schedule (between the
  clock's start and the later of its deadline and the last counted day): its deadline and timer instants
  are 暂定 and move when the State Council's schedule is loaded.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from engine.clocks.calendar import WorkingCalendar
from engine.clocks.errors import InvalidClockEvent
from engine.clocks.events import ClockEvent, EventKind, PauseReason, require_aware, validate_events

#: China has had no daylight saving since 1991, so a fixed +08:00 offset is Asia/Shanghai.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")
END_OF_WORKING_DAY = dt.time(17, 30)


class ClockState(StrEnum):
    NORMAL = "normal"
    WARNING = "warning"
    OVERDUE = "overdue"


STATE_LABELS = {ClockState.NORMAL: "正常", ClockState.WARNING: "预警", ClockState.OVERDUE: "逾期"}


@dataclass(frozen=True)
class ClockReading:
    """What a clock says at one moment: for supervisors (state), owners (days, why paused) and timers."""

    limit_days: int
    used_days: int
    remaining_days: int
    overdue_days: int
    deadline: dt.date
    paused: bool
    pause_reason: PauseReason | None
    paused_since: dt.datetime | None
    stopped: bool
    state: ClockState
    due_at_warning: dt.datetime | None
    due_at_overdue: dt.datetime | None
    provisional: bool = False

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class Span:
    start: dt.datetime
    end: dt.datetime | None  # None: still running


def evaluate(
    events: Sequence[ClockEvent],
    now: dt.datetime,
    calendar: WorkingCalendar,
    warn_ratio: float = 0.8,
) -> ClockReading:
    """Read the clock described by ``events`` at ``now`` (see the module docstring for the rule)."""
    require_aware(now, "now")
    if not 0 < warn_ratio <= 1:
        raise ValueError(f"warn_ratio must be in (0, 1], got {warn_ratio}")
    history = [event for event in validate_events(events) if event.at <= now]
    if not history:
        raise InvalidClockEvent(f"the clock has not started by {now.isoformat()}")
    limit = sum(event.days or 0 for event in history if event.kind in (EventKind.STARTED, EventKind.EXTENDED))
    spans = _running_spans(history)
    walk = Walk(calendar, limit, now)
    for span in spans:
        walk.add(span)
    return reading_of(_tail(history, spans), walk, warn_threshold(warn_ratio, limit))


def warn_threshold(warn_ratio: float, limit: int) -> int:
    """Days used from which the clock is 预警."""
    return math.ceil(round(warn_ratio * limit, 9))


def _running_spans(history: list[ClockEvent]) -> list[Span]:
    spans, opened = [], None
    for event in history:
        if event.kind in (EventKind.STARTED, EventKind.RESUMED):
            opened = event.at
        elif event.kind in (EventKind.PAUSED, EventKind.STOPPED) and opened is not None:
            spans.append(Span(opened, event.at))
            opened = None
    if opened is not None:
        spans.append(Span(opened, None))
    return spans


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar day of ``moment`` in Asia/Shanghai (the day that counts, wherever the server is)."""
    return moment.astimezone(CHINA_TZ).date()


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=CHINA_TZ)


class Walk:
    """Accumulates running spans in order: days used, the deadline, and when the clock went overdue."""

    def __init__(self, calendar: WorkingCalendar, limit: int, now: dt.datetime) -> None:
        self.calendar, self.limit, self.now = calendar, limit, now
        self.used = 0
        self.used_before_last = 0
        self.deadline: dt.date | None = None
        self.due_at_overdue: dt.datetime | None = None
        self.overdue_at: dt.datetime | None = None

    def add(self, span: Span) -> None:
        begin, end = local_date(span.start), span.end or self.now
        if self.overdue_at is None:
            self.deadline = self.calendar.add_working_days(begin, max(self.limit - self.used, 0))
            self.due_at_overdue = max(_at(self.deadline, END_OF_WORKING_DAY), span.start)
            if self.due_at_overdue <= end:
                self.overdue_at = self.due_at_overdue
        self.used_before_last = self.used
        self.used += self.calendar.working_days_between(begin, local_date(end))


@dataclass(frozen=True)
class Tail:
    """What a reading needs of the history besides the walk: the latest status event (extensions are not
    one), the latest start or resume, and the first span's start and the last one's end (None: running)."""

    status: EventKind
    status_at: dt.datetime
    status_reason: str | None
    resumed_at: dt.datetime
    first_start: dt.datetime | None
    last_end: dt.datetime | None


def _tail(history: list[ClockEvent], spans: list[Span]) -> Tail:
    last = next(event for event in reversed(history) if event.kind is not EventKind.EXTENDED)
    resumed_at = next(e.at for e in reversed(history) if e.kind in (EventKind.STARTED, EventKind.RESUMED))
    return Tail(last.kind, last.at, last.reason, resumed_at, spans[0].start if spans else None,
                spans[-1].end if spans else None)


def reading_of(tail: Tail, walk: Walk, warn_at: int) -> ClockReading:
    """The reading once every running span was walked (shared by ``evaluate`` and the kept state)."""
    stopped, paused = tail.status is EventKind.STOPPED, tail.status is EventKind.PAUSED
    running = not (stopped or paused)
    deadline = walk.deadline
    # No counted span yet (started this instant) counts from now, like a paused clock does.
    if deadline is None or (paused and walk.overdue_at is None):
        deadline = walk.calendar.add_working_days(local_date(walk.now), max(walk.limit - walk.used, 0))
    if walk.overdue_at is not None:
        state = ClockState.OVERDUE
    else:
        state = ClockState.WARNING if walk.used >= warn_at else ClockState.NORMAL
    return ClockReading(
        limit_days=walk.limit,
        used_days=walk.used,
        remaining_days=max(walk.limit - walk.used, 0),
        overdue_days=max(walk.used - walk.limit, 0),
        deadline=deadline,
        paused=paused,
        pause_reason=PauseReason(tail.status_reason) if paused and tail.status_reason else None,
        paused_since=tail.status_at if paused else None,
        stopped=stopped,
        state=state,
        due_at_warning=_due_at_warning(tail.resumed_at, walk, warn_at) if running else None,
        due_at_overdue=(walk.overdue_at or walk.due_at_overdue) if running else None,
        provisional=deadline is not None and _provisional(walk, tail, deadline),
    )


def _provisional(walk: Walk, tail: Tail, deadline: dt.date) -> bool:
    """Whether a provisional day lies between the clock's start and the later of its deadline and last counted day."""
    if tail.first_start is None:
        return walk.calendar.provisional_between(deadline, deadline)
    first = local_date(tail.first_start)
    last = max(deadline, local_date(tail.last_end or walk.now))
    return walk.calendar.provisional_between(first, last)


def _due_at_warning(resumed_at: dt.datetime, walk: Walk, warn_at: int) -> dt.datetime:
    """Start of the working day on which ``used_days`` reaches the warning threshold."""
    missing = warn_at - walk.used_before_last
    if missing <= 0:
        return resumed_at
    return _at(walk.calendar.add_working_days(local_date(resumed_at), missing), dt.time(0))
