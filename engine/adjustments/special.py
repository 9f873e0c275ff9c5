"""Use cases: start a 特别程序 on an item, and end it by recording its result.

While it runs the item's clock is paused with the procedure's kind as the reason and the item's deadline
timers wait (``timers.deadlines.park_item_timers``, as during 补正); the item cannot be decided or sent for
补正 (its status is ``in_special_procedure``). The procedure's own clock runs from start to result.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys
from forms.time_limits import SPECIAL_PROCEDURE_KINDS

from ..audit.trail import Entry, record
from ..errors import InvalidState, NotFound
from ..organisation.actors import Actor
from ..runtime import Runtime
from ..time_limits import ledger
from ..timers.deadlines import park_item_timers, resume_item_timers
from ..work_items.models import AWAITING_SUPPLEMENT, IN_SPECIAL_PROCEDURE, READY, WorkItem
from .common import item_context, locked_item, open_item_clock, validated
from .models import SpecialProcedure

START_FORM, END_FORM = keys.SPECIAL_PROCEDURE_START, keys.SPECIAL_PROCEDURE_END


def start_special_procedure(session: Session, runtime: Runtime, actor: Actor, task_id: str,
                            data: dict[str, Any]) -> SpecialProcedure:
    """An examiner who may act on the item starts a special procedure: ``kind``, ``reason``, ``limit_days``.

    :raise NotFound: no such open item. :raise NotAllowed: not the item's department, or claimed by another.
    :raise InvalidState: the item awaits 补正, already has a procedure running, or has no running clock.
    :raise FormRejected: bad kind, missing reason, a limit that is not a positive whole number.
    """
    instance, item = locked_item(session, runtime, actor, task_id)
    _check_may_start(session, runtime, item)
    clean = validated(START_FORM, data)
    now = runtime.now()
    procedure = SpecialProcedure(
        instance_id=instance.id, project_code=instance.project_code, task_id=item.task_id, task_name=item.name,
        stage=item.stage, department_code=item.department_code, kind=clean["kind"], reason=clean["reason"],
        limit_days=clean["limit_days"], started_by=actor.user_id, started_at=now)
    session.add(procedure)
    item.status = IN_SPECIAL_PROCEDURE
    session.flush()
    label = f"{SPECIAL_PROCEDURE_KINDS[procedure.kind]}（{item.name}）"
    ledger.mark(session, instance, ledger.item_key(item.task_id), ledger.PAUSED, now, reason=procedure.kind)
    ledger.start_procedure(session, instance, item, procedure.id, label, procedure.limit_days, now)
    park_item_timers(session, runtime, instance, item)  # the procedure's days are not the item's
    record(session, runtime, actor, Entry(
        "start_special_procedure", instance.project_code, instance.id, item.task_id, item.name, READY,
        IN_SPECIAL_PROCEDURE, procedure.kind, {**item_context(item), "procedure_id": procedure.id,
                                               "kind": procedure.kind, "reason": procedure.reason,
                                               "limit_days": procedure.limit_days}))
    return procedure


def _check_may_start(session: Session, runtime: Runtime, item: WorkItem) -> None:
    if item.status == AWAITING_SUPPLEMENT:
        raise InvalidState("该事项正在等待申请人补正材料，补正期间不能启动特别程序", task_id=item.task_id)
    if item.status == IN_SPECIAL_PROCEDURE or running_procedure(session, item.task_id) is not None:
        raise InvalidState("该事项已有正在进行的特别程序，记录结果后才能启动新的特别程序", task_id=item.task_id)
    if open_item_clock(session, runtime, item).paused:
        raise InvalidState("该事项的办理时限已暂停，不能启动特别程序", task_id=item.task_id)


def end_special_procedure(session: Session, runtime: Runtime, actor: Actor, task_id: str,
                          data: dict[str, Any]) -> SpecialProcedure:
    """The examiner records the running procedure's ``result``; the item's clock and timers run again.

    :raise NotFound: no such open item, or no procedure running on it.
    :raise NotAllowed: not the item's department, or claimed by another. :raise FormRejected: no result.
    """
    instance, item = locked_item(session, runtime, actor, task_id)
    procedure = running_procedure(session, item.task_id)
    if procedure is None:
        raise NotFound("该事项没有正在进行的特别程序", task_id=task_id)
    clean = validated(END_FORM, data)
    now = runtime.now()
    procedure.result, procedure.ended_by, procedure.ended_at = clean["result"], actor.user_id, now
    item.status = READY
    session.flush()
    ledger.mark(session, instance, ledger.procedure_key(procedure.id), ledger.STOPPED, now)
    ledger.mark(session, instance, ledger.item_key(item.task_id), ledger.RESUMED, now)
    resume_item_timers(session, runtime, instance, item)
    record(session, runtime, actor, Entry(
        "end_special_procedure", instance.project_code, instance.id, item.task_id, item.name,
        IN_SPECIAL_PROCEDURE, READY, procedure.kind, {**item_context(item), "procedure_id": procedure.id,
                                                      "result": procedure.result}))
    return procedure


def running_procedure(session: Session, task_id: str) -> SpecialProcedure | None:
    return session.scalar(select(SpecialProcedure).where(
        SpecialProcedure.task_id == task_id, SpecialProcedure.ended_at.is_(None)))
