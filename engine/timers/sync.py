"""Keep the timer table equal to the timers the workflow waits on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import bpmn

from ..extensions import Registry, WorkflowSaved
from .models import Timer

if TYPE_CHECKING:
    from ..processes.models import ProcessInstance


def register(registry: Registry) -> None:
    """Every saved workflow rebuilds its instance's timer rows (after its work items)."""
    registry.subscribe(WorkflowSaved, _on_saved)


def _on_saved(event: WorkflowSaved) -> None:
    if event.workflow.library.has_timers:  # a model without timer events never has timer rows
        sync_timers(event.session, event.instance, event.workflow.timers())


def sync_timers(session: Session, instance: ProcessInstance, timers: Sequence[bpmn.DueTimer]) -> None:
    """Delete rows for timers that fired or were cancelled; add rows for new ones; move the due time of a
    timer that was rescheduled (a paused or resumed item clock)."""
    wanted = {t.task_id: t for t in timers}
    rows = {row.task_id: row for row in session.scalars(select(Timer).where(Timer.instance_id == instance.id))}
    stored = set(rows)
    gone = stored - wanted.keys()
    if gone:
        session.execute(delete(Timer).where(Timer.task_id.in_(gone)))
    for task_id in stored & wanted.keys():
        if rows[task_id].due_at != wanted[task_id].due_at:
            rows[task_id].due_at = wanted[task_id].due_at
    for task_id in wanted.keys() - stored:
        t = wanted[task_id]
        session.add(Timer(task_id=task_id, instance_id=instance.id, bpmn_id=t.bpmn_id, name=t.name,
                          stage=t.process_id, due_at=t.due_at))
