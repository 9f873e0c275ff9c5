"""Use cases: an examiner requests an extension (延期) of an item's time limit; the department lead decides.

A request changes no clock. Only the lead (role ``department_lead``) of the item's department decides it;
approval adds the days to the item's limit with an ``extended`` clock event and moves the item's deadline
timers to the instants the clock now gives (a paused clock's timers stay parked and are set on resume).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..audit.trail import Entry, record
from ..errors import InvalidState, NotAllowed, NotFound
from ..extensions import ExtensionDecided, registry
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENT_LEAD
from ..processes import workflow
from ..processes.models import ProcessInstance
from ..runtime import Runtime
from ..time_limits import ledger
from ..timers.deadlines import resume_item_timers
from ..work_items.models import WorkItem
from .common import item_context, locked_item, open_item_clock, validated
from .models import APPROVED, PENDING, REFUSED, DeadlineExtension
from .queries import ExtensionLine, extension_line

REQUEST_FORM, DECISION_FORM = "extension_request", "extension_decision"


def request_extension(session: Session, runtime: Runtime, actor: Actor, task_id: str,
                      data: dict[str, Any]) -> DeadlineExtension:
    """An examiner who may act on the item asks for ``days`` more working days, giving a ``reason``.

    :raise NotFound: no such open item. :raise NotAllowed: not the item's department, or claimed by another.
    :raise InvalidState: no running item clock, or a request of this item already awaits the lead.
    :raise FormRejected: days not a whole number from 1 to 30, or no reason.
    """
    instance, item = locked_item(session, runtime, actor, task_id)
    open_item_clock(session, runtime, item)
    if _pending_of(session, item.task_id) is not None:
        raise InvalidState("该事项已有待部门负责人审批的延期申请", task_id=item.task_id)
    clean = validated(REQUEST_FORM, data)
    request = DeadlineExtension(
        instance_id=instance.id, project_code=instance.project_code, task_id=item.task_id, task_name=item.name,
        stage=item.stage, department_code=item.department_code, days=clean["days"], reason=clean["reason"],
        requested_by=actor.user_id, requested_at=runtime.now(), status=PENDING)
    session.add(request)
    session.flush()
    record(session, runtime, actor, Entry(
        "request_extension", instance.project_code, instance.id, item.task_id, item.name, details={
            **item_context(item), "extension_id": request.id, "days": request.days, "reason": request.reason}))
    return request


def decide_extension(session: Session, runtime: Runtime, actor: Actor, extension_id: int,
                     data: dict[str, Any]) -> DeadlineExtension:
    """The department lead approves or refuses a pending request (``decision``, ``note`` — required to refuse).

    :raise NotFound: no such request. :raise NotAllowed: not the lead of the item's department.
    :raise InvalidState: already decided, or the item is no longer open. :raise FormRejected: bad form.
    """
    request = session.get(DeadlineExtension, extension_id) if 0 < extension_id < 2**31 else None
    if request is None:
        raise NotFound("延期申请不存在", extension_id=extension_id)
    if actor.role != DEPARTMENT_LEAD or actor.department_code != request.department_code:
        raise NotAllowed("只有该事项所属部门的负责人可以审批延期申请", extension_id=extension_id)
    instance = workflow.lock(session, request.instance_id)
    session.refresh(request)
    item = _still_open(session, runtime, request)
    clean = validated(DECISION_FORM, data)
    request.decided_by, request.decided_at, request.note = actor.user_id, runtime.now(), clean.get("note")
    request.status = APPROVED if clean["decision"] == "approve" else REFUSED
    if request.status == APPROVED:
        _extend(session, runtime, instance, item, request)
    session.flush()
    record(session, runtime, actor, Entry(
        "decide_extension", instance.project_code, instance.id, item.task_id, item.name, PENDING, request.status,
        clean["decision"], {**item_context(item), "extension_id": request.id, "days": request.days,
                            "note": request.note or "", "deadline_before": _day(request.deadline_before),
                            "deadline_after": _day(request.deadline_after)}))
    registry.publish(ExtensionDecided(session, runtime, actor, request))
    return request


def _still_open(session: Session, runtime: Runtime, request: DeadlineExtension) -> WorkItem:
    if request.status != PENDING:
        raise InvalidState("该延期申请已审批", extension_id=request.id)
    item = session.get(WorkItem, request.task_id)
    if item is None:
        raise InvalidState("该事项已办结，延期申请不再适用", extension_id=request.id)
    open_item_clock(session, runtime, item)
    return item


def _extend(session: Session, runtime: Runtime, instance: ProcessInstance, item: WorkItem,
            request: DeadlineExtension) -> None:
    now, key = runtime.now(), ledger.item_key(item.task_id)
    request.deadline_before = open_item_clock(session, runtime, item).deadline
    ledger.extend(session, instance, key, request.days, f"extension:{request.id}", now)
    request.deadline_after = open_item_clock(session, runtime, item).deadline
    resume_item_timers(session, runtime, instance, item)  # running: timers move; paused: they stay parked


def _pending_of(session: Session, task_id: str) -> DeadlineExtension | None:
    return session.scalar(select(DeadlineExtension).where(
        DeadlineExtension.task_id == task_id, DeadlineExtension.status == PENDING))


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def pending_extensions(session: Session, actor: Actor) -> list[ExtensionLine]:
    """The requests awaiting the lead's decision in the lead's department, oldest first.

    :raise NotAllowed: the actor is not a department lead.
    """
    if actor.role != DEPARTMENT_LEAD or not actor.department_code:
        raise NotAllowed("只有部门负责人可以审批延期申请", role=actor.role)
    return [extension_line(e) for e in session.scalars(select(DeadlineExtension).where(
        DeadlineExtension.department_code == actor.department_code, DeadlineExtension.status == PENDING)
        .order_by(DeadlineExtension.requested_at, DeadlineExtension.id))]
