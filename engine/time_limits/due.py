"""When an item's deadline timers are due: the instants behind the models' ``item_due(item, which, days)``.

Every review task carries a 时限预警 (warning) and a 时限逾期 (overdue) boundary timer, and the joint reviews a
超时默许 (deemed consent) timer at the overdue moment (docs/modelling.md "Deadline timers"). Their ``timeDate``
calls the whitelisted ``item_due``, evaluated once when the review task appears — the same moment the item's
clock starts (``ledger.start_item``) — so the instants are exactly the ones ``engine.clocks.evaluate`` reports
for that clock (``due_at_warning``: 00:00 of the working day that reaches 80 % of the limit;
``due_at_overdue``: 17:30 on the deadline date), on the working calendar in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..clocks import CHINA_TZ, ClockEvent, WorkingCalendar, evaluate

WARNING, OVERDUE = "warning", "overdue"
PARKED = datetime(9999, 12, 31, tzinfo=CHINA_TZ)
"""Where a paused item's timers wait (far beyond any real deadline) until its clock resumes."""


def item_due_at(item: str, which: str, days: int, now: datetime, calendar: WorkingCalendar) -> datetime:
    """The warning or overdue instant of ``item``'s clock of ``days`` working days if it starts at ``now``."""
    if which not in (WARNING, OVERDUE):
        raise ValueError(f"which must be {WARNING!r} or {OVERDUE!r}, got {which!r}")
    if not isinstance(days, int) or days <= 0:
        raise ValueError(f"item {item!r}: days must be a positive whole number, got {days!r}")
    reading = evaluate([ClockEvent.started(now, days)], now, calendar)
    due = reading.due_at_warning if which == WARNING else reading.due_at_overdue
    assert due is not None  # a running clock always has both instants
    return due


def iso(moment: datetime) -> str:
    """The ISO string a ``timeDate`` must return, in +08:00 (a naive string would be read in server time)."""
    return moment.astimezone(CHINA_TZ).isoformat()


@dataclass(frozen=True)
class DeadlineTimer:
    """A deadline timer of a review, recognised by its element id (``warn_``/``overdue_``/``deemed_<review>``)."""

    kind: str  # "warning", "overdue" or "deemed"
    review_bpmn_id: str

    @property
    def which(self) -> str:
        """Which instant of the item's clock the timer waits for."""
        return WARNING if self.kind == WARNING else OVERDUE


_PREFIXES = {"warn_": WARNING, "overdue_": OVERDUE, "deemed_": "deemed"}


CLOCK_TIMERS = {"clock_warning": WARNING, "clock_overdue": OVERDUE}
"""The timers of a process whose only purpose is to time one clock (e.g. ``utility_deadline``): they wait for
that clock's warning and overdue instants, and a new holiday schedule moves them with the clock."""


def deadline_timer(bpmn_id: str) -> DeadlineTimer | None:
    """The deadline timer an element id names, or None for any other element."""
    for prefix, kind in _PREFIXES.items():
        review = bpmn_id.removeprefix(prefix)
        if review != bpmn_id and review.startswith("review_"):
            return DeadlineTimer(kind, review)
    return None
