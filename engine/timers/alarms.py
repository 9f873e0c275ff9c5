"""逾期 of the clocks that have no deadline timers in a model: audited once, when the sweeper finds it.

A review's clock goes 预警/逾期 through its boundary timers (``sweeper``). A 特别程序 (``procedure:``), the 综合许可
order as a whole (``order:``) and a joint acceptance step (``step:``) are clocks the engine keeps beside the
model; each sweep reads the open ones not yet recorded, and the first reading that is 逾期 writes one
``clock_overdue`` entry on the project's chain and a ``clock_alarm`` row, so it is never written twice (two
sweepers racing on one clock: the second skips the locked instance, or finds the row).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..audit.trail import Entry, record
from ..clocks import ClockReading, ClockState, evaluate
from ..processes.models import ProcessInstance
from ..runtime import Runtime
from ..time_limits.calendar_store import working_calendar
from ..time_limits.ledger import STOPPED, clock_event
from ..time_limits.models import ClockAlarm, ClockEventRow

TIMERLESS = ("procedure:", "order:", "step:")
OVERDUE = "overdue"


def record_overdue_clocks(session: Session, runtime: Runtime) -> int:
    """Write the ``clock_overdue`` entry of every open timerless clock that has gone 逾期; returns how many."""
    now, calendar, written = runtime.now(), working_calendar(session), 0
    for rows in _candidates(session):
        reading = evaluate([clock_event(row) for row in rows], now, calendar)
        if (reading.state is ClockState.OVERDUE and _lock(session, rows[0].instance_id)
                and session.get(ClockAlarm, (rows[0].clock_key, OVERDUE)) is None):
            _record(session, runtime, rows[0], reading, now)
            written += 1
    return written


def _candidates(session: Session) -> Iterable[list[ClockEventRow]]:
    keyed = or_(*(ClockEventRow.clock_key.startswith(prefix, autoescape=True) for prefix in TIMERLESS))
    stopped = select(ClockEventRow.clock_key).where(keyed, ClockEventRow.kind == STOPPED)
    alarmed = select(ClockAlarm.clock_key).where(ClockAlarm.kind == OVERDUE)
    rows = session.scalars(select(ClockEventRow).where(keyed, ClockEventRow.clock_key.not_in(stopped),
                                                       ClockEventRow.clock_key.not_in(alarmed))
                           .order_by(ClockEventRow.clock_key, ClockEventRow.id))
    grouped: dict[str, list[ClockEventRow]] = {}
    for row in rows:
        grouped.setdefault(row.clock_key, []).append(row)
    return grouped.values()


def _lock(session: Session, instance_id: int) -> bool:
    """The instance's lock, unless someone is acting on it (the clock is picked up on a later sweep)."""
    return session.scalar(select(ProcessInstance.id).where(ProcessInstance.id == instance_id)
                          .with_for_update(skip_locked=True)) is not None


def _record(session: Session, runtime: Runtime, first: ClockEventRow, reading: ClockReading, now: datetime) -> None:
    session.add(ClockAlarm(clock_key=first.clock_key, kind=OVERDUE, project_code=first.project_code, recorded_at=now))
    details = {"clock": first.clock_key, "stage": first.stage, "department": first.department_code,
               "limit_days": reading.limit_days, "deadline": reading.deadline.isoformat(),
               "due_at": reading.due_at_overdue.isoformat() if reading.due_at_overdue else None,
               "provisional": reading.provisional}
    record(session, runtime, None, Entry("clock_overdue", first.project_code, first.instance_id, None, first.label,
                                         details=details))
    session.flush()
