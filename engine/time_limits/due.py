"""Which deadline timer a timer element is: the 时限预警/时限逾期/超时默许 boundary events of a review.

The instants they wait for are ``engine.clocks.due`` (``item_due`` in the models).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..clocks.due import OVERDUE, WARNING


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
