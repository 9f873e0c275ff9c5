"""What starting a procedure, requesting an extension and deciding one share: finding the item under its
instance's lock, checking who acts, validating the form, and the item's clock as it stands."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

import forms

from ..clocks import ClockReading
from ..errors import FormRejected, InvalidState, NotFound
from ..organisation.actors import Actor
from ..processes import workflow
from ..processes.models import ProcessInstance
from ..projects.models import Project
from ..runtime import Runtime
from ..time_limits import ledger
from ..work_items.authorisation import check_may_act, check_may_reach
from ..work_items.models import WorkItem


def locked_item(session: Session, runtime: Runtime, actor: Actor, task_id: str) -> tuple[ProcessInstance, WorkItem]:
    """The open work item ``task_id`` under its instance's lock, if ``actor`` may act on it.

    :raise NotFound: no such open item, or (an applicant) not their project.
    :raise NotAllowed: not an examiner of the item's department, or someone else claimed it.
    """
    found = session.get(WorkItem, str(task_id))
    if found is None or not found.department_code or not found.item:
        raise NotFound("待办事项不存在", task_id=task_id)
    instance = workflow.lock(session, found.instance_id)
    session.refresh(found)  # read again under the lock: it may have been decided meanwhile
    project = session.get(Project, instance.project_code)
    check_may_reach(session, actor, project, task_id=task_id)
    if project is None:  # a work item always belongs to a project (foreign key); keeps the types honest
        raise NotFound("待办事项不存在", task_id=task_id)
    check_may_act(session, actor, found, project, runtime)
    return instance, found


def open_item_clock(session: Session, runtime: Runtime, item: WorkItem) -> ClockReading:
    """The item's clock, which must have started and not stopped.

    :raise InvalidState: the item has no time limit (no clock), or its clock has stopped.
    """
    reading = ledger.item_reading(session, item.task_id, runtime.now())
    if reading is None or reading.stopped:
        raise InvalidState("该事项没有正在计算的办理时限", task_id=item.task_id)
    return reading


def validated(form_key: str, data: dict[str, Any]) -> dict[str, Any]:
    try:
        return forms.validate(form_key, data)
    except forms.FormInvalid as exc:
        raise FormRejected(form_key, exc.errors) from exc


def item_context(item: WorkItem) -> dict[str, Any]:
    """The item's identity as audit details carry it."""
    return {"stage": item.stage, "item": item.item, "department": item.department_code}
