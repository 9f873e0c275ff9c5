"""Keep the timer table equal to the timers the workflow waits on."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

import bpmn

from ..extensions import Registry, WorkflowSaved
from ..processes.mirrors import SavedMirror
from .models import Timer

if TYPE_CHECKING:
    from ..processes.models import ProcessInstance


def register(registry: Registry) -> None:
    """Every saved workflow rebuilds its instance's timer rows (after its work items)."""
    registry.subscribe(WorkflowSaved, _on_saved)


_written: SavedMirror[dict[str, datetime]] = SavedMirror()
"""The timers (task id: due time) the last save of a cached workflow left in the table: its next save needs
no SELECT, and writes nothing when no timer changed."""


def _on_saved(event: WorkflowSaved) -> None:
    if event.workflow.library.has_timers:  # a model without timer events never has timer rows
        timers = event.workflow.timers()
        sync_timers(event.session, event.instance, timers, _written.recall(event))
        _written.remember(event, {t.task_id: t.due_at for t in timers})


def prime(workflow: bpmn.Workflow, revision: str, stored: dict[str, datetime]) -> None:
    """The instance's rows (task id: due time) as read for ``revision`` under its lock: its next save needs
    no SELECT (``SavedMirror.prime``)."""
    _written.prime(workflow, revision, stored)


def sync_timers(session: Session, instance: ProcessInstance, timers: Sequence[bpmn.DueTimer],
                stored: dict[str, datetime] | None = None) -> None:
    """Delete rows for timers that fired or were cancelled; add rows for new ones; move the due time of a
    timer that was rescheduled (a paused or resumed item clock). ``stored``: the instance's rows (task id:
    due time) when the caller knows them (``SavedMirror``), else they are read."""
    wanted = {t.task_id: t for t in timers}
    if stored is None:
        stored = dict(session.execute(select(Timer.task_id, Timer.due_at).where(Timer.instance_id == instance.id))
                      .all())
    gone = stored.keys() - wanted.keys()
    if gone:
        session.execute(delete(Timer).where(Timer.task_id.in_(gone)))
    for task_id in stored.keys() & wanted.keys():
        if stored[task_id] != wanted[task_id].due_at:
            session.execute(update(Timer).where(Timer.task_id == task_id).values(due_at=wanted[task_id].due_at))
    for task_id in wanted.keys() - stored.keys():
        t = wanted[task_id]
        session.add(Timer(task_id=task_id, instance_id=instance.id, bpmn_id=t.bpmn_id, name=t.name,
                          stage=t.process_id, due_at=t.due_at))
