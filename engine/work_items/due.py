"""When a work item turns 预警 and 逾期 (``WorkItem.warn_at``/``due_at``), kept on the row so inboxes show
the deadline and sort by it in the database.

* A department's item follows its item clock (``time_limits.ledger``): the ledger calls ``from_clock`` after
  every event of the clock (start, pause, resume, extension, stop), so a 补正 or a special procedure empties
  the deadline while the clock is paused and sets it again when it resumes.
* The window's acceptance has no item clock of its own: the law gives the window five working days from
  receiving an application (or its 补正) to accept it or to tell the applicant everything missing at once
  (《行政许可法》第三十二条, 期限以工作日计, 第八十二条). ``window`` sets that deadline.

A deadline that falls in a year whose official holiday schedule is not loaded is counted on the provisional
calendar (``engine.clocks.statutory``) and read as such (``Deadline.provisional``: shown “（暂定）”).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clocks import (
    CHINA_TZ,
    END_OF_WORKING_DAY,
    STATE_LABELS,
    ClockReading,
    ClockState,
    WorkingCalendar,
    local_date,
)
from ..organisation.lanes import WINDOW_CLERK
from ..time_limits.calendar_store import working_calendar
from .models import READY, SupplementRequest, WorkItem

WINDOW_ACCEPTANCE_DAYS = 5
"""《行政许可法》第三十二条: 五日内一次告知 — counted in working days (第八十二条)."""
WARN_SHARE = 0.8  # the 预警 threshold of every clock (engine.clocks.evaluate)


def from_clock(item: WorkItem, reading: ClockReading | None) -> None:
    """Copy the item clock's instants onto the item (None while paused, stopped or without a clock)."""
    item.warn_at = reading.due_at_warning if reading else None
    item.due_at = reading.due_at_overdue if reading else None


def window(session: Session, item: WorkItem) -> None:
    """The window's acceptance deadline: five working days from arrival or from the latest 补正 supplied;
    none while the applicant is asked to supply."""
    if item.role != WINDOW_CLERK:
        return
    if item.status != READY:
        item.warn_at = item.due_at = None
        return
    start = local_date(_received(session, item))
    calendar = working_calendar(session)
    warn_day = calendar.add_working_days(start, int(WINDOW_ACCEPTANCE_DAYS * WARN_SHARE))
    due_day = calendar.add_working_days(start, WINDOW_ACCEPTANCE_DAYS)
    item.warn_at = datetime.combine(warn_day, time(0), tzinfo=CHINA_TZ)
    item.due_at = datetime.combine(due_day, END_OF_WORKING_DAY, tzinfo=CHINA_TZ)


def _received(session: Session, item: WorkItem) -> datetime:
    supplied = session.scalar(select(SupplementRequest.supplied_at).where(
        SupplementRequest.task_id == item.task_id, SupplementRequest.supplied_at.is_not(None))
        .order_by(SupplementRequest.supplied_at.desc()).limit(1))
    return supplied or item.since


@dataclass(frozen=True)
class Deadline:
    """An item's deadline as people read it at one moment.

    ``state``: 正常 / 预警 / 逾期, 暂停 (the applicant is asked for materials, or a 特别程序 runs) or 无 (no time
    limit). ``days_left``: working days after today up to and including the due day; ``overdue_days``: working
    days past it; ``provisional``: the due day lies in a year without an official holiday schedule (暂定).
    """

    state: str
    due_on: date | None = None
    days_left: int | None = None
    overdue_days: int = 0
    provisional: bool = False
    paused_by: str = ""  # while 暂停: the item's status (awaiting_supplement or in_special_procedure)


NONE, PAUSED = "无", "暂停"


def reading(status: str, warn_at: datetime | None, due_at: datetime | None, now: datetime,
            calendar: WorkingCalendar) -> Deadline:
    """How the deadline of an item in ``status`` with these instants reads at ``now``."""
    if status != READY or due_at is None:
        return Deadline(PAUSED, paused_by=status) if status != READY else Deadline(NONE)
    today, due_on = local_date(now), local_date(due_at)
    provisional = calendar.is_provisional(due_on)
    if now >= due_at:
        return Deadline(STATE_LABELS[ClockState.OVERDUE], due_on, 0,
                        max(calendar.working_days_between(due_on, today), 0), provisional)
    left = max(calendar.working_days_between(today, due_on), 0)
    state = ClockState.WARNING if warn_at is not None and now >= warn_at else ClockState.NORMAL
    return Deadline(STATE_LABELS[state], due_on, left, provisional=provisional)
