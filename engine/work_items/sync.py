"""Keep the work-item table equal to the instance's READY human tasks (every inbox reads it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import bpmn

from ..extensions import Registry, WorkflowSaved
from ..organisation.lanes import lane
from ..processes.mirrors import SavedMirror
from ..time_limits import ledger
from . import due
from .models import READY, WorkItem

if TYPE_CHECKING:
    from ..processes.models import ProcessInstance


def register(registry: Registry) -> None:
    """Every saved workflow rebuilds its instance's work items (before anything else hears of the save)."""
    registry.subscribe(WorkflowSaved, _on_saved)


_written: SavedMirror[frozenset[str]] = SavedMirror()
"""The task ids the last save of a cached workflow left in the table: its next save needs no SELECT."""


def _on_saved(event: WorkflowSaved) -> None:
    ready = event.workflow.ready_human_tasks()
    sync_work_items(event.session, event.instance, ready, event.now, _written.recall(event))
    _written.remember(event, frozenset(t.id for t in ready))


def prime(workflow: bpmn.Workflow, revision: str, stored: frozenset[str]) -> None:
    """The instance's item task ids as read for ``revision`` under its lock: its next save needs no SELECT
    (``SavedMirror.prime``)."""
    _written.prime(workflow, revision, stored)


def sync_work_items(session: Session, instance: ProcessInstance, ready: Sequence[bpmn.HumanTask],
                    now: datetime, stored: frozenset[str] | None = None) -> None:
    """Remove items whose task is no longer READY; add new ones. Unchanged items keep their claim
    and status, because they are keyed by the workflow's task id. ``stored``: the instance's item task ids
    when the caller knows them (``SavedMirror``), else they are read."""
    wanted = {t.id: t for t in ready}
    if stored is None:
        stored = frozenset(session.scalars(select(WorkItem.task_id).where(WorkItem.instance_id == instance.id)))
    gone = stored - wanted.keys()
    if gone:
        session.execute(delete(WorkItem).where(WorkItem.task_id.in_(gone)))
    for task_id in gone:
        ledger.mark(session, instance, ledger.item_key(task_id), ledger.STOPPED, now)
    for task_id in sorted(wanted.keys() - stored):
        task = wanted[task_id]
        item = _work_item(instance, task, now)
        session.add(item)
        _start_clocks(session, instance, item, _committed_days(task), now)
        due.window(session, item)


def _committed_days(task: bpmn.HumanTask) -> int | None:
    """The item's committed working days (the ``days`` property the generated models carry)."""
    days = task.properties.get("days")
    return int(days) if days and days.isdigit() else None


def _start_clocks(session: Session, instance: ProcessInstance, item: WorkItem, days: int | None,
                  now: datetime) -> None:
    """A department's task with a committed time limit starts its item clock; a returned stage stops the
    stage clock."""
    if item.department_code and item.item and days:
        ledger.start_item(session, instance, item, days, now)
    if item.bpmn_id == "resubmit":
        ledger.mark(session, instance, ledger.current_stage_key(session, instance.id, item.stage), ledger.STOPPED, now)


def _work_item(instance: ProcessInstance, task: bpmn.HumanTask, now: datetime) -> WorkItem:
    who = lane(task.lane)
    return WorkItem(task_id=task.id, instance_id=instance.id, project_code=instance.project_code,
                    bpmn_id=task.bpmn_id, name=task.name, stage=task.process_id, lane=who.name, role=who.role,
                    department_code=who.department_code, form_key=task.form_key or "",
                    item=task.properties.get("item"), status=READY, since=now)
