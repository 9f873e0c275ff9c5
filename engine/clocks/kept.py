"""A clock's state kept beside its events, so that reading it costs the same after 1 or 100 补正 rounds.

``evaluate`` walks every running span of a clock; a clock paused and resumed a hundred times has a hundred
spans. Everything the walk learns from the spans that are closed (paused or stopped) no longer depends on
``now``, so it is kept: :class:`KeptClock` is the walk after the closed spans plus what the reading needs of
the history (its :class:`~engine.clocks.segments.Tail`). :func:`read_kept` finishes the walk with the open
span and gives exactly the reading ``evaluate`` gives over the events — at any ``now`` not before the latest
event, on the calendar the state was walked on (a reading of the past, or on another calendar, goes back to
the events). :func:`advance` adds one event in O(1); :func:`summarise` builds the state from all events
(the migration, a rebuild, and the rare event :func:`advance` declines: an extension of a clock already
overdue in a closed span, whose overdue moment the larger limit may move, or an event ``evaluate`` refuses).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from engine.clocks.calendar import WorkingCalendar
from engine.clocks.errors import InvalidClockEvent
from engine.clocks.events import ClockEvent, EventKind, validate_events
from engine.clocks.segments import ClockReading, Span, Tail, Walk, reading_of, warn_threshold

_OPEN = (EventKind.STARTED, EventKind.RESUMED)
_CLOSE = (EventKind.PAUSED, EventKind.STOPPED)


@dataclass(frozen=True)
class KeptClock:
    """The walk after the closed spans (``used`` … ``overdue_at``), the last closed span (its start and the
    days used before it, to move its deadline when an extension raises the limit), and the tail."""

    limit: int
    status: EventKind  # the latest status event: started, resumed, paused or stopped
    status_at: dt.datetime
    status_reason: str | None
    resumed_at: dt.datetime  # the latest start or resume: the open span's start while running
    started_at: dt.datetime
    last_at: dt.datetime  # the latest event of any kind: readings before it go back to the events
    used: int = 0
    used_before_last: int = 0
    deadline: dt.date | None = None
    due_at_overdue: dt.datetime | None = None
    overdue_at: dt.datetime | None = None
    last_span_start: dt.datetime | None = None
    last_span_end: dt.datetime | None = None

    @property
    def running(self) -> bool:
        return self.status in _OPEN


def read_kept(kept: KeptClock, now: dt.datetime, calendar: WorkingCalendar, warn_ratio: float = 0.8) -> ClockReading:
    """The reading ``evaluate`` gives over the clock's events at ``now`` (``now`` not before ``kept.last_at``,
    ``calendar`` the one the state was walked on)."""
    if now < kept.last_at:
        raise ValueError(f"a reading before the latest event ({kept.last_at.isoformat()}) needs the events")
    walk = _walk(kept, calendar, now)
    if kept.running:
        walk.add(Span(kept.resumed_at, None))
    tail = Tail(kept.status, kept.status_at, kept.status_reason, kept.resumed_at, kept.started_at,
                None if kept.running else kept.last_span_end)
    return reading_of(tail, walk, warn_threshold(warn_ratio, kept.limit))


def advance(kept: KeptClock | None, event: ClockEvent, calendar: WorkingCalendar) -> KeptClock | None:
    """The state after one more event, or None where only the events can tell (see the module docstring)."""
    try:
        checked = validate_events([event] if kept is None else [*_prefix(kept), event])[-1]
    except InvalidClockEvent:
        return None  # out of order or not allowed now: every reading will refuse it, as today
    if kept is None:
        return KeptClock(checked.days or 0, checked.kind, checked.at, None, checked.at, checked.at, checked.at)
    kept = dataclasses.replace(kept, last_at=checked.at)
    if checked.kind is EventKind.EXTENDED:
        return _extended(kept, checked.days or 0, calendar)
    if checked.kind is EventKind.RESUMED:
        return dataclasses.replace(kept, status=checked.kind, status_at=checked.at, status_reason=None,
                                   resumed_at=checked.at)
    closed = dataclasses.replace(kept, status=checked.kind, status_at=checked.at, status_reason=checked.reason)
    return _closed(closed, Span(kept.resumed_at, checked.at), calendar) if kept.running else closed


def summarise(events: Sequence[ClockEvent], calendar: WorkingCalendar) -> KeptClock:
    """The state of the clock ``events`` describe, from all of them (as ``evaluate`` walks them)."""
    history = validate_events(events)
    if not history:
        raise InvalidClockEvent("the clock has no events")
    limit = sum(e.days or 0 for e in history if e.kind in (EventKind.STARTED, EventKind.EXTENDED))
    kept = KeptClock(limit, history[0].kind, history[0].at, None, history[0].at, history[0].at, history[-1].at)
    for event in history[1:]:
        if event.kind is EventKind.RESUMED:
            kept = dataclasses.replace(kept, status=event.kind, status_at=event.at, status_reason=None,
                                       resumed_at=event.at)
        elif event.kind in _CLOSE:
            closed = dataclasses.replace(kept, status=event.kind, status_at=event.at, status_reason=event.reason)
            kept = _closed(closed, Span(kept.resumed_at, event.at), calendar) if kept.running else closed
    return kept


def _prefix(kept: KeptClock) -> list[ClockEvent]:
    """Events that leave ``validate_events`` where the kept clock stands (status, latest instant), so that it
    checks the next event against it exactly as it would against the whole history."""
    start = ClockEvent.started(kept.last_at, 1)
    if kept.status in (EventKind.PAUSED, EventKind.STOPPED):
        return [start, ClockEvent(kept.status, kept.last_at, reason=kept.status_reason)]
    return [start]


def _walk(kept: KeptClock, calendar: WorkingCalendar, now: dt.datetime) -> Walk:
    walk = Walk(calendar, kept.limit, now)
    walk.used, walk.used_before_last = kept.used, kept.used_before_last
    walk.deadline, walk.due_at_overdue, walk.overdue_at = kept.deadline, kept.due_at_overdue, kept.overdue_at
    return walk


def _closed(kept: KeptClock, span: Span, calendar: WorkingCalendar) -> KeptClock:
    """``kept`` with one more closed span walked (its end is ``now`` to the walk: it is not open)."""
    assert span.end is not None
    walk = _walk(kept, calendar, span.end)
    walk.add(span)
    return dataclasses.replace(kept, used=walk.used, used_before_last=walk.used_before_last, deadline=walk.deadline,
                               due_at_overdue=walk.due_at_overdue, overdue_at=walk.overdue_at,
                               last_span_start=span.start, last_span_end=span.end)


def _extended(kept: KeptClock, days: int, calendar: WorkingCalendar) -> KeptClock | None:
    """A larger limit: no closed span that was not overdue becomes overdue (each deadline only moves later),
    so only the last closed span's deadline moves; an overdue closed span may stop being so: the events tell."""
    if kept.overdue_at is not None:
        return None
    kept = dataclasses.replace(kept, limit=kept.limit + days)
    if kept.last_span_start is None:
        return kept
    walk = _walk(dataclasses.replace(kept, used=kept.used_before_last), calendar, kept.last_span_start)
    walk.add(Span(kept.last_span_start, kept.last_span_end))
    return dataclasses.replace(kept, deadline=walk.deadline, due_at_overdue=walk.due_at_overdue)
