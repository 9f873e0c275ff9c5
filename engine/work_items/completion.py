"""Use case: complete a work item with its form — the one path every human decision takes.

One transaction: lock the instance, check the task is a READY work item *of this instance* that the
actor may do, validate the form, record the business rows, advance the workflow, save, audit. Any
refusal happens before anything is written, so bad input changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import bpmn
import forms

from ..acceptance.guards import check_completion
from ..audit.trail import Entry, record
from ..completion import filing
from ..construction import comprehensive, one_permit, phases
from ..errors import FormRejected, InvalidState, NotFound
from ..issuance.register import issue_stage_certificate
from ..jsonable import jsonable
from ..organisation.actors import Actor
from ..processes import workflow
from ..processes.models import ProcessInstance
from ..projects.models import Project, StageApplication
from ..runtime import Runtime
from ..surveys import results as survey_results
from ..time_limits import ledger
from .authorisation import check_may_act, check_may_reach
from .models import AWAITING_SUPPLEMENT, Decision, WorkItem
from .supplements import open_supplement_request

# Forms whose outcome routes the workflow; the model names the variable (``resultVariable``).
_ROUTED = {"acceptance_decision", "resubmission_decision", "review_decision"}
_DECISION_FORMS = {"acceptance_decision", "review_decision", "issuance", "resubmission_decision",
                   "comprehensive_issuance", "joint_site_inspection"}


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
    :raise InvalidState: the task is not READY, or waits for the applicant's supplement, or (stage 4) the
        多测合一 result is not in yet.
    :raise NotAllowed: the actor may not act on this item.
    :raise FormRejected: the form data is invalid.
    """
    instance = workflow.lock(session, instance_id)
    check_may_reach(session, actor, session.get(Project, instance.project_code), instance_id=instance_id)
    item, project = _ready_item(session, runtime, instance, task_id)
    actor = check_may_act(session, actor, item, project, runtime)  # an agent comes back acting for the owner
    check_completion(session, item)  # no issuance while a 容缺 item is open (engine.acceptance.guards)
    one_permit.guard_completion(session, item)  # one 施工许可证: not again once the 综合许可证 holds it
    if item.form_key == "stage_4_application":  # 多测合一 is a precondition of joint acceptance (REFERENCE §4)
        survey_results.require_complete(session, project.code)
    clean = _validated(item.form_key, form_data)
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
    return item, session.get(Project, instance.project_code)


def _explain_missing(session: Session, runtime: Runtime, instance: ProcessInstance, task_id: str,
                     item: WorkItem | None) -> None:
    """Say precisely why a task cannot be completed here (another instance, or not READY)."""
    if item is not None:
        raise NotFound("该任务不属于此办件", task_id=task_id, instance_id=instance.id)
    run = workflow.load(session, runtime, instance)
    try:
        run.human_task(task_id)
    except bpmn.TaskNotFound as exc:
        raise NotFound("该任务不属于此办件", task_id=task_id, instance_id=instance.id) from exc
    except bpmn.TaskNotReady as exc:
        if run.locate(task_id) == (one_permit.CONSTRUCTION_STAGE, "apply"):  # a page opened before the permit
            one_permit.refuse_second_permit(session, instance.project_code)
        raise InvalidState("该任务当前不可办理", task_id=task_id, state=exc.state) from exc
    finally:
        runtime.put_cached(instance.id, instance.revision, run)
    raise InvalidState("该任务当前不可办理", task_id=task_id)


def _validated(form_key: str, data: dict[str, Any]) -> dict[str, Any]:
    try:
        return forms.validate(form_key, data)
    except forms.FormInvalid as exc:
        raise FormRejected(form_key, exc.errors) from exc


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
                  "opinion": clean.get("opinion", "")}))
    _issue_certificate(session, runtime, actor, instance, item, clean)
    if item.form_key == "issuance":  # the next stage opened: a 综合许可证 granted before may settle it
        one_permit.settle_construction_stage(session, runtime, actor, instance.project_code)
    return Completed(instance.id, item.name, outcome, instance.status)


def _issue_certificate(session: Session, runtime: Runtime, actor: Actor, instance: ProcessInstance, item: WorkItem,
                       clean: dict[str, Any]) -> None:
    """An issuance task issues its certificate. The full 施工许可证 takes the main number its phase permits
    reserved and supersedes them; the comprehensive permit's issuance issues (or re-issues) that one; the
    joint acceptance opinion opens the 竣工验收备案 deadline."""
    if item.form_key == "comprehensive_issuance":
        comprehensive.issue_comprehensive_permit(session, runtime, actor, instance, item, clean)
    elif item.form_key == "issuance":
        full = item.item == "construction_permit"
        number = phases.reserved_main_number(session, instance.project_code) if full else None
        cert = issue_stage_certificate(session, runtime, actor, instance, item, clean, number=number)
        if full:
            phases.cover_phase_permits(session, runtime, actor, cert)
        elif item.item == "joint_acceptance_opinion":
            filing.open_filing(session, cert)  # 竣工验收备案 falls due 15 days after the opinion


def _stage_clock(session: Session, instance: ProcessInstance, item: WorkItem, outcome: str | None, now: Any) -> None:
    """The stage's time limit runs from the window's acceptance to issuance."""
    if item.form_key == "acceptance_decision" and outcome == "accept":
        ledger.start_stage(session, instance, item.stage, now)
    elif item.form_key == "issuance":
        ledger.mark(session, instance, ledger.current_stage_key(session, instance.id, item.stage), ledger.STOPPED, now)


def _routing(task: bpmn.HumanTask, clean: dict[str, Any]) -> dict[str, str]:
    """Only routing variables go into task data; the form itself lives in our tables."""
    if task.form_key not in _ROUTED:
        return {}
    return {task.properties.get("resultVariable", "decision"): clean["decision"]}


def _record_business_rows(session: Session, actor: Actor, instance: ProcessInstance, item: WorkItem,
                          clean: dict[str, Any], now: Any) -> str | None:
    if item.form_key.startswith("stage_") and item.form_key.endswith("_application"):
        _store_application(session, actor, instance, item, clean, now)
        return "submitted"
    if item.form_key in _DECISION_FORMS:
        outcome = clean.get("decision", "inspected" if item.form_key == "joint_site_inspection" else "issued")
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
