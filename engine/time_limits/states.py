"""Each clock's kept state (``clock_state``): written with each of its events, read instead of its events.

The ledger calls :func:`keep` in the transaction that adds an event (the clock's row read locked), and
:func:`kept_reading` before it reads a clock's events: the state answers in O(1) whatever the number of 补正
rounds, with exactly the reading of the events (``engine.clocks.kept``). It answers only what it can: a
reading of the past (before the clock's latest event), on a calendar other than the one it was walked on (a
schedule loaded since), or of a clock whose events ``evaluate`` refuses goes to the events; the clock's next
event then rebuilds the state from its events. :func:`rebuild_states` rebuilds every state (the migration that
creates the table, ``approval clocks rebuild`` after events were written without the engine).
"""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import groupby

from sqlalchemy import delete, inspect, select
from sqlalchemy.orm import Session

from ..clocks import ClockEvent, ClockReading, EventKind, InvalidClockEvent, WorkingCalendar
from ..clocks.kept import KeptClock, advance, read_kept, summarise
from ..db import transaction_memo
from .calendar_store import working_calendar
from .events import clock_event
from .models import ClockEventRow, ClockStateRow

BATCH = 10_000
_HELD = "approval.clock_states"  # transaction_memo key: the states this transaction read, held


def kept_reading(session: Session, key: str, now: datetime) -> ClockReading | None:
    """The clock's reading at ``now`` from its kept state; None if the state cannot answer (read the events)."""
    if now.utcoffset() is None:
        return None  # the events refuse a naive "now" (ClockError), as they always did
    state = _get(session, key)
    if state is None or state.calendar_key is None or now < state.last_at:
        return None
    calendar = working_calendar(session)
    if state.calendar_key != calendar.fingerprint:
        return None
    return read_kept(_kept(state), now, calendar)


def kept_status(session: Session, key: str, *, lock: bool = False) -> ClockStateRow | None:
    """The clock's state row (its subject and latest status), if it is kept; ``lock``: read it FOR UPDATE
    (an event follows: ``keep`` then finds it locked in the session)."""
    state = _get(session, key, lock=lock)
    return state if state is not None and state.calendar_key is not None else None


def keep(session: Session, row: ClockEventRow, event: ClockEvent) -> None:
    """Add ``event`` (just stored as ``row``) to its clock's state: O(1), or from the clock's events where the
    state cannot advance (a clock without a state yet, another calendar, see ``advance``). The row is the one
    ``mark``/``extend`` read locked (a start finds none); every writer of a clock holds its instance's lock."""
    state = _get(session, row.clock_key)
    calendar = working_calendar(session)
    walked = state is not None and state.calendar_key == calendar.fingerprint
    kept = advance(_kept(state), event, calendar) if state is not None and walked else None
    if state is not None and kept is not None:
        _store(state, row, kept, calendar, state.events + 1)
        return
    if state is None and event.kind == EventKind.STARTED:  # a new clock: a key names one task's or run's clock
        state = _held(session)[row.clock_key] = _new_state(session, row)
        _store(state, row, advance(None, event, calendar), calendar, 1)
        return
    events = _events(session, row.clock_key)
    if state is None:
        state = _held(session)[row.clock_key] = _new_state(session, events[0])
    _store(state, row, _summarised(events, calendar), calendar, len(events))


def rebuild_states(session: Session) -> int:
    """Replace every kept state by the one summarised from its clock's events; returns how many clocks."""
    session.info.pop(_HELD, None)
    session.execute(delete(ClockStateRow))
    calendar, clocks = working_calendar(session), 0
    rows = session.scalars(select(ClockEventRow).order_by(ClockEventRow.clock_key, ClockEventRow.id)
                           .execution_options(yield_per=BATCH))
    for _, group in groupby(rows, key=lambda r: r.clock_key):
        events = list(group)
        _store(_new_state(session, events[0]), events[-1], _summarised(events, calendar), calendar, len(events))
        clocks += 1
    return clocks


def _get(session: Session, key: str, *, lock: bool = False) -> ClockStateRow | None:
    """The clock's state row, held for the rest of the transaction: the session's identity map holds rows
    only while something references them, and an action reads a clock's state three or four times (mark, keep,
    the work item's and the timers' readings) — one SELECT, not four."""
    held = _held(session)
    known = held.get(key)
    if not lock and known is not None and known in session and not inspect(known).deleted:
        return known
    state = session.get(ClockStateRow, key, with_for_update=True if lock else None)
    if state is not None:
        held[key] = state
    return state


def _held(session: Session) -> dict[str, ClockStateRow]:
    """Per transaction, savepoint included (as the calendar is read): a rolled-back savepoint's rows go with it."""
    return transaction_memo(session, _HELD)


def _events(session: Session, key: str) -> list[ClockEventRow]:
    return list(session.scalars(select(ClockEventRow).where(ClockEventRow.clock_key == key)
                                .order_by(ClockEventRow.id)))


def _summarised(rows: list[ClockEventRow], calendar: WorkingCalendar) -> KeptClock | None:
    try:
        return summarise([clock_event(r) for r in rows], calendar)
    except InvalidClockEvent:
        return None  # readings refuse the clock as they do today: the events answer (and raise)


def _new_state(session: Session, first: ClockEventRow) -> ClockStateRow:
    state = ClockStateRow(clock_key=first.clock_key, instance_id=first.instance_id, project_code=first.project_code,
                          stage=first.stage, label=first.label, department_code=first.department_code)
    session.add(state)
    return state


def _store(state: ClockStateRow, row: ClockEventRow, kept: KeptClock | None, calendar: WorkingCalendar,
           events: int) -> None:
    state.events, state.last_event_id = events, row.id
    if kept is None:
        state.calendar_key = None
        kept = KeptClock(0, EventKind(row.kind), row.at, None, row.at, row.at, row.at)  # placeholders, unread
    else:
        state.calendar_key = calendar.fingerprint
    state.limit_days, state.status, state.status_reason = kept.limit, str(kept.status), kept.status_reason
    state.status_at, state.resumed_at = _utc(kept.status_at), _utc(kept.resumed_at)
    state.started_at, state.last_at = _utc(kept.started_at), _utc(kept.last_at)
    state.used_days, state.used_before_last, state.deadline = kept.used, kept.used_before_last, kept.deadline
    state.due_at_overdue, state.overdue_at = _utc_or_none(kept.due_at_overdue), _utc_or_none(kept.overdue_at)
    state.last_span_start = _utc_or_none(kept.last_span_start)
    state.last_span_end = _utc_or_none(kept.last_span_end)


def _kept(state: ClockStateRow) -> KeptClock:
    return KeptClock(state.limit_days, EventKind(state.status), state.status_at, state.status_reason,
                     state.resumed_at, state.started_at, state.last_at, state.used_days, state.used_before_last,
                     state.deadline, state.due_at_overdue, state.overdue_at, state.last_span_start,
                     state.last_span_end)


def _utc(moment: datetime) -> datetime:
    """As the column reads it back (UTC), so a reading in this transaction equals one in the next."""
    return moment.astimezone(UTC)


def _utc_or_none(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC)
