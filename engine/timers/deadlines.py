"""An item's deadline timers follow its clock: parked while 补正 pauses it, set again when it resumes.

The 时限预警 / 时限逾期 / 超时默许 timers of a review (``warn_``/``overdue_``/``deemed_<review>``) were set
from the item's clock when the review appeared. Time the applicant spends on a correction is not counted,
so while the clock is paused the timers wait far in the future (``due.PARKED``); on resume they are set to
the instants the clock reading gives (``due_at_warning``, ``due_at_overdue``). The workflow is loaded and
saved in the caller's transaction (the instance is already locked), and only if the item has timers.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clocks.due import OVERDUE, PARKED, WARNING
from ..processes import workflow
from ..processes.models import ProcessInstance
from ..runtime import Runtime
from ..time_limits import ledger
from ..time_limits.due import deadline_timer
from .models import Timer

if TYPE_CHECKING:
    from ..work_items.models import WorkItem  # annotations only: work items build on their timers


def park_item_timers(session: Session, runtime: Runtime, instance: ProcessInstance, item: WorkItem) -> None:
    """The item's clock paused: none of its deadline timers may fire until it resumes."""
    _reschedule(session, runtime, instance, item, {WARNING: PARKED, OVERDUE: PARKED})


def resume_item_timers(session: Session, runtime: Runtime, instance: ProcessInstance, item: WorkItem) -> None:
    """The item's clock resumed: its timers are due when the clock, as it now stands, says so."""
    reading = ledger.item_reading(session, item.task_id, runtime.now())
    if reading is None or reading.due_at_warning is None or reading.due_at_overdue is None:
        return  # not running (stopped, or still paused for another reason): leave the timers parked
    _reschedule(session, runtime, instance, item, {WARNING: reading.due_at_warning, OVERDUE: reading.due_at_overdue})


def _reschedule(session: Session, runtime: Runtime, instance: ProcessInstance, item: WorkItem,
                due: dict[str, datetime]) -> None:
    if not _has_timers(session, item):
        return
    run = workflow.load(session, runtime, instance)
    for timer in run.timers():
        found = deadline_timer(timer.bpmn_id)
        if found is not None and found.review_bpmn_id == item.bpmn_id and timer.process_id == item.stage:
            run.reschedule_timer(timer.task_id, due[found.which])
    workflow.save(session, runtime, instance, run)


def _has_timers(session: Session, item: WorkItem) -> bool:
    names = [f"{prefix}_{item.bpmn_id}" for prefix in ("warn", "overdue", "deemed")]
    found = session.scalar(select(Timer.task_id).where(
        Timer.instance_id == item.instance_id, Timer.stage == item.stage, Timer.bpmn_id.in_(names)).limit(1))
    return found is not None
