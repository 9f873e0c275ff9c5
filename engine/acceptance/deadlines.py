"""A 容缺 case's 补正期限 and 宽限期 are working days counted from its acceptance: when a year's official holiday
schedule replaces the guess, they move with it — the case's dates and the deadline instance's waiting timer
(and the grace variable its later timer reads) — as ``DeadlineMove``s that ``engine.schedules`` applies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from ..clocks import local_date
from ..extensions import CalendarChanging, DeadlineMove
from ..processes import workflow
from ..time_limits.due import iso
from .common import at_close
from .models import OPEN, SUSPENDED, ToleranceCase

SUPPLEMENT_TIMER, GRACE_TIMER = "supplement_deadline", "grace_end"


def tolerance_moves(event: CalendarChanging) -> None:
    """Add the moves of every 容缺 case still waiting for its materials (or in its grace period)."""
    cases = event.session.scalars(select(ToleranceCase).where(
        ToleranceCase.status.in_((OPEN, SUSPENDED)), ToleranceCase.supplement_due.is_not(None),
        ToleranceCase.grace_due.is_not(None), ToleranceCase.accepted_at.is_not(None)).order_by(ToleranceCase.id))
    for case in cases:
        move = _move(event, case)
        if move is not None:
            event.moves.append(move)


def _move(event: CalendarChanging, case: ToleranceCase) -> DeadlineMove | None:
    assert case.supplement_due and case.grace_due and case.accepted_at  # selected so
    due, grace = local_date(case.supplement_due), local_date(case.grace_due)
    new_due = event.new.recount(local_date(case.accepted_at), due, event.old) if case.status == OPEN else due
    new_grace = event.new.add_working_days(new_due, max(event.old.working_days_between(due, grace), 0))
    if (new_due, new_grace) == (due, grace):
        return None
    kind, old, new = ("容缺补正期限", due, new_due) if new_due != due else ("容缺宽限期", grace, new_grace)
    return DeadlineMove(kind, f"tolerance:{case.id}", case.project_code, case.deadline_instance_id,
                        f"容缺受理：{case.item}", None, old, new, _apply(event, case, new_due, new_grace))


def _apply(event: CalendarChanging, case: ToleranceCase, due: date, grace: date) -> Callable[[], None]:
    def apply() -> None:
        case.supplement_due, case.grace_due = at_close(due), at_close(grace)
        if case.deadline_instance_id is None:
            return
        instance = workflow.lock(event.session, case.deadline_instance_id)
        run = workflow.load(event.session, event.runtime, instance)
        instants = {SUPPLEMENT_TIMER: case.supplement_due, GRACE_TIMER: case.grace_due}
        for timer in run.timers():
            if timer.bpmn_id in instants:
                run.reschedule_timer(timer.task_id, instants[timer.bpmn_id])
        run.set_variables({"supplement_due": iso(case.supplement_due), "grace_due": iso(case.grace_due)})
        workflow.save(event.session, event.runtime, instance, run)
    return apply
