"""Use case: complete a work item with its form — the one path every human decision takes.

One transaction: lock the instance, check the task is a READY work item *of this instance* that the
actor may do, validate the form, record the business rows, advance the workflow, save, audit. Any
refusal happens before anything is written, so bad input changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import bpmn
from forms import keys

from ..audit.trail import Entry, record
from ..errors import InvalidState, NotFound
from ..extensions import (
    CompletionRequested,
    InstanceFinished,
    StageAccepted,
    StageIssued,
    TaskCompleted,
    registry,
)
from ..jsonable import jsonable
from ..organisation.actors import Actor
from ..organisation.lanes import OWNER, WINDOW_CLERK
from ..processes import workflow
from ..processes.models import ProcessInstance
from ..projects.models import Project, StageApplication
from ..runtime import Runtime
from ..time_limits import ledger
from ..validation import validated
from .authorisation import check_may_act, check_may_reach
from .models import AWAITING_SUPPLEMENT, IN_SPECIAL_PROCEDURE, Decision, WorkItem
from .supplements import open_supplement_request


@dataclass(frozen=True)
class Completed:
    """What an action did: the instance's status afterwards and the outcome recorded."""

    instance_id: int
    task_name: str
    outcome: str | None
    instance_status: str


def complete_task(session: Session, runtime: Runtime, actor: Actor, instance_id: int, task_id: str,
                  form_data: dict[str, Any]) -> Completed:
    """Complete a READY work item with its form.

    A ``supplement`` decision does not advance the workflow: it opens a one-time correction notice
    and parks the item until the applicant answers (see ``supplements``).

    :raise NotFound: no such instance, or the task is not a work item of this instance.
    :raise InvalidState: the task is not READY, or waits for the applicant's supplement, or a feature's
        precondition refuses (e.g. the 多测合一 result is not in yet for the stage-4 application).
    :raise NotAllowed: the actor may not act on this item.
    :raise FormRejected: the form data is invalid.
    """
    instance = workflow.lock(session, instance_id)
    project = session.get_one(Project, instance.project_code)  # held: the identity map keeps only what is referenced
    check_may_reach(session, actor, project, instance_id=instance_id)
    item, project = _ready_item(session, runtime, instance, task_id)
    actor = check_may_act(session, actor, item, project, runtime)  # an agent comes back acting for the owner
    registry.check(CompletionRequested(session, project, item))  # features' preconditions (容缺, 多测合一…)
    clean = validated(item.form_key, form_data)
    if clean.get("decision") == "supplement":
        open_supplement_request(session, runtime, actor, item, clean)
        return Completed(instance.id, item.name, "supplement", instance.status)
    return _advance(session, runtime, actor, instance, item, clean)


def _ready_item(session: Session, runtime: Runtime, instance: ProcessInstance,
                task_id: str) -> tuple[WorkItem, Project]:
    item = session.get(WorkItem, str(task_id))
    if item is None or item.instance_id != instance.id:
        _explain_missing(session, runtime, instance, task_id, item)
    if item.status == AWAITING_SUPPLEMENT:
        raise InvalidState("该事项正在等待申请人补正材料", task_id=task_id)
    if item.status == IN_SPECIAL_PROCEDURE:
        raise InvalidState("该事项正在进行特别程序，记录特别程序结果后才能作出决定", task_id=task_id)
    return item, session.get_one(Project, instance.project_code)


def _explain_missing(session: Session, runtime: Runtime, instance: ProcessInstance, task_id: str,
                     item: WorkItem | None) -> NoReturn:
    """Say precisely why a task cannot be completed here (another instance, or not READY)."""
    if item is not None:
        raise NotFound("该任务不属于此办件", task_id=task_id, instance_id=instance.id)
    run = workflow.load(session, runtime, instance)
    try:
        run.human_task(task_id)
    except bpmn.TaskNotFound as exc:
        raise NotFound("该任务不属于此办件", task_id=task_id, instance_id=instance.id) from exc
    except bpmn.TaskNotReady as exc:
        raise InvalidState("该任务当前不可办理", task_id=task_id, state=exc.state) from exc
    finally:
        runtime.put_cached(instance.id, instance.revision, run)
    raise InvalidState("该任务当前不可办理", task_id=task_id)



def _advance(session: Session, runtime: Runtime, actor: Actor, instance: ProcessInstance, item: WorkItem,
             clean: dict[str, Any]) -> Completed:
    run = workflow.load(session, runtime, instance)
    before, now = instance.status, runtime.now()
    outcome = _record_business_rows(session, actor, instance, item, clean, now)
    run.complete(item.task_id, _routing(run.human_task(item.task_id), clean), now=now)
    workflow.save(session, runtime, instance, run, now)
    _stage_clock(session, instance, item, outcome, now)
    record(session, runtime, actor, Entry(
        "complete_task", instance.project_code, instance.id, item.task_id, item.name, before, instance.status,
        outcome, {"stage": item.stage, "form_key": item.form_key, "item": item.item,
                  "department": item.department_code, "form_sha256": _digest(clean),
                  "opinion": clean.get("opinion", ""), **_channel(actor, item)}))
    _publish(TaskCompleted(session, runtime, actor, instance, item, clean, outcome), before, now)
    return Completed(instance.id, item.name, outcome, instance.status)


def _channel(actor: Actor, item: WorkItem) -> dict[str, str]:
    """``channel: window`` when the window entered the owner's form for a walk-in applicant (窗口代录)."""
    return {"channel": "window"} if actor.role == WINDOW_CLERK and item.role == OWNER else {}


def _publish(done: TaskCompleted, before: str, now: datetime) -> None:
    """Tell the features what happened, after the action is saved and audited (their own audit entries
    follow it on the chain): a certificate, a phase permit superseded, a filing deadline opened…"""
    registry.publish(done)
    context = (done.session, done.runtime, done.actor, done.instance, done.item)
    if done.item.form_key == keys.ACCEPTANCE_DECISION and done.outcome == "accept":
        registry.publish(StageAccepted(*context, now))
    elif done.item.form_key == keys.ISSUANCE:
        registry.publish(StageIssued(*context, done.clean))
    if before != workflow.COMPLETED and done.instance.status == workflow.COMPLETED:
        registry.publish(InstanceFinished(done.session, done.runtime, done.instance))


def _stage_clock(session: Session, instance: ProcessInstance, item: WorkItem, outcome: str | None, now: Any) -> None:
    """The stage's time limit runs from the window's acceptance to issuance."""
    if item.form_key == keys.ACCEPTANCE_DECISION and outcome == "accept":
        ledger.start_stage(session, instance, item.stage, now)
    elif item.form_key == keys.ISSUANCE:
        ledger.mark(session, instance, ledger.current_stage_key(session, instance.id, item.stage), ledger.STOPPED, now)


def _routing(task: bpmn.HumanTask, clean: dict[str, Any]) -> dict[str, str]:
    """Only routing variables go into task data; the form itself lives in our tables."""
    if task.form_key not in keys.ROUTED_FORMS:
        return {}
    return {task.properties.get("resultVariable", "decision"): clean["decision"]}


def _record_business_rows(session: Session, actor: Actor, instance: ProcessInstance, item: WorkItem,
                          clean: dict[str, Any], now: Any) -> str | None:
    if item.form_key in keys.STAGE_APPLICATION_FORMS:
        _store_application(session, actor, instance, item, clean, now)
        return "submitted"
    if item.form_key in keys.DECISION_FORMS:
        outcome = clean.get("decision", "inspected" if item.form_key == keys.JOINT_SITE_INSPECTION else "issued")
        session.add(Decision(
            instance_id=instance.id, project_code=instance.project_code, task_id=item.task_id,
            bpmn_id=item.bpmn_id, task_name=item.name, stage=item.stage, item=item.item,
            department_code=item.department_code, form_key=item.form_key, outcome=outcome,
            opinion=clean.get("opinion") or clean.get("note") or "", data=jsonable(clean),
            decided_by=actor.user_id, acting_for=actor.acting_for_id, decided_at=now))
        return outcome
    return None


def _store_application(session: Session, actor: Actor, instance: ProcessInstance, item: WorkItem,
                       clean: dict[str, Any], now: Any) -> None:
    rounds = session.scalar(select(func.count(StageApplication.id)).where(
        StageApplication.instance_id == instance.id, StageApplication.stage == item.stage))
    session.add(StageApplication(
        project_code=instance.project_code, instance_id=instance.id, stage=item.stage, round=(rounds or 0) + 1,
        form_key=item.form_key, data=jsonable(clean), submitted_by=actor.user_id,
        acting_for=actor.acting_for_id, submitted_at=now))


def _digest(clean: dict[str, Any]) -> str:
    text = json.dumps(jsonable(clean), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
