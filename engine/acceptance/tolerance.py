"""容缺受理: accept a stage application with secondary materials missing, then supply, check or return.

The owner signs the 容缺受理承诺书 (an agent alone may not); the window accepts when every main material is
present and the owner is not on the bad-credit list, and a 容缺受理通知书 is issued; the reviews go on, but the
stage cannot be issued (``guards``) until the missing materials are supplied and checked. A deadline instance
(``tolerance_deadline.bpmn``) suspends the case when the deadline passes and returns it (退件) after the grace
period (``timers``). Every change is audited on the stage instance's chain.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from ..agency.rules import SUPPLEMENT, act_for_owner
from ..audit.trail import Entry, record
from ..clocks.due import iso
from ..clocks.segments import local_date
from ..errors import Conflict, FormRejected, InvalidState, NotAllowed, NotFound
from ..issuance import Issue, issue_document
from ..issuance import settings_for as issuance_settings
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT, WINDOW_CLERK
from ..processes import workflow
from ..projects.models import Project
from ..runtime import Runtime
from ..validation import validated
from ..work_items.completion import Completed, complete_task
from ..work_items.models import WorkItem
from .common import at_close, chinese_date, owner_in_person
from .credit import bad_credit
from .errors import BadCredit, MainMaterialsMissing, NotOnList
from .models import COMPLETED, OPEN, SIGNED, SUPPLIED, SUSPENDED, ToleranceCase
from .published import ToleranceEntry, tolerance_entry
from .settings import settings_for

DEADLINE_PROCESS = "tolerance_deadline"


def sign_tolerance_commitment(session: Session, runtime: Runtime, actor: Actor, instance_id: int,
                              data: dict) -> ToleranceCase:
    """The owner signs the 容缺受理承诺书 for one listed item of the stage now at the window.

    :raise NotAllowed: an agent (the commitment is the owner's own). :raise NotFound: not the owner's project.
    :raise NotOnList: the item or a material is not on the published list. :raise InvalidState: nothing at the
    window. :raise Conflict: a commitment for this item is already signed.
    """
    instance = workflow.lock(session, instance_id)
    owner_in_person(session, actor, instance.project_code, instance_id=instance_id)
    clean = validated(keys.TOLERANCE_COMMITMENT, data)
    entry = _listed(clean["item"], keys.TOLERANCE_COMMITMENT)
    _only_tolerable(entry, clean["missing_materials"], keys.TOLERANCE_COMMITMENT, "missing_materials")
    accept = _accept_item(session, instance.id)
    if _case(session, instance.id, accept.stage, entry.item, (SIGNED, OPEN, SUPPLIED, SUSPENDED)) is not None:
        raise Conflict("该事项已签署容缺受理承诺书", item=entry.item)
    case = ToleranceCase(project_code=instance.project_code, instance_id=instance.id, stage=accept.stage,
                         item=entry.item, missing_materials=list(clean["missing_materials"]), status=SIGNED,
                         signed_by=actor.user_id, signed_at=runtime.now())
    session.add(case)
    session.flush()
    audit_case(session, runtime, actor, case, ("sign_tolerance_commitment", None),
               {"materials": case.missing_materials})
    return case


def accept_with_tolerance(session: Session, runtime: Runtime, actor: Actor, instance_id: int, task_id: str,
                          data: dict) -> Completed:
    """The window accepts the stage application (its 受理 task) with the signed item's materials missing.

    :raise NotAllowed: not the window. :raise BadCredit: the owner is on the bad-credit list.
    :raise MainMaterialsMissing: a main material is not among those received. :raise InvalidState: no signed
    commitment, or the task is not the window's acceptance.
    """
    if actor.role != WINDOW_CLERK:
        raise NotAllowed("只有综合窗口可以容缺受理")
    instance = workflow.lock(session, instance_id)
    clean = validated(keys.TOLERANCE_ACCEPTANCE, data)
    entry = _listed(clean["item"], keys.TOLERANCE_ACCEPTANCE)
    accept = session.get(WorkItem, str(task_id))
    if accept is None or accept.instance_id != instance.id or accept.bpmn_id != "accept":
        raise InvalidState("只能在受理环节容缺受理", task_id=task_id)
    case = _case(session, instance.id, accept.stage, entry.item, (SIGNED,))
    if case is None:
        raise InvalidState("建设单位尚未签署容缺受理承诺书", item=entry.item)
    project = session.get_one(Project, instance.project_code)
    now = runtime.now()
    if bad_credit(session, project.owner_id, local_date(now)) is not None:
        raise BadCredit("申请人存在失信记录，不适用容缺受理", owner=project.owner_name)
    absent = [m for m in entry.main_materials if m not in clean["present_materials"]]
    if absent:
        raise MainMaterialsMissing(absent)
    done = complete_task(session, runtime, actor, instance.id, accept.task_id,
                         {"decision": "accept", "opinion": clean.get("opinion") or "主要材料齐全，容缺受理"})
    _open(session, runtime, actor, case, entry, project)
    return done


def _open(session: Session, runtime: Runtime, actor: Actor, case: ToleranceCase, entry: ToleranceEntry,
          project: Project) -> None:
    now = runtime.now()
    today = local_date(now)
    calendar = runtime.calendar
    due_day = calendar.add_working_days(today, entry.supplement_days)
    grace_day = calendar.add_working_days(due_day, settings_for(runtime).grace_days)
    case.status, case.accepted_by, case.accepted_at = OPEN, actor.user_id, now
    case.supplement_due, case.grace_due = at_close(due_day), at_close(grace_day)
    notice = issue_document(session, runtime, actor, Issue(
        kind="tolerance_acceptance_notice", project_code=project.code, instance_id=case.instance_id,
        stage=case.stage, department_code=None, holder=project.owner_name,
        issuing_authority=issuance_settings(runtime).authority("administrative_approval"), fields=(
            ("申请人", project.owner_name), ("项目名称", project.name), ("项目代码", project.code),
            ("申请事项", entry.name), ("容缺材料", "、".join(case.missing_materials)), ("补正方式", entry.method),
            ("补正期限", f"{chinese_date(due_day)}17时30分前（{entry.supplement_days}个工作日）"),
            ("逾期后果", entry.consequence))))
    case.notice_number = notice.number
    deadline, _ = workflow.start(session, runtime, project.code, f"tolerance:{case.id}", DEADLINE_PROCESS,
                                 {"supplement_due": iso(case.supplement_due), "grace_due": iso(case.grace_due)})
    case.deadline_instance_id = deadline.id
    session.flush()
    audit_case(session, runtime, actor, case, ("tolerance_accept", SIGNED), {
        "notice": notice.number, "materials": case.missing_materials, "supplement_due": iso(case.supplement_due)})


def supply_tolerance_materials(session: Session, runtime: Runtime, actor: Actor, case_id: int,
                               data: dict) -> ToleranceCase:
    """The owner (or an agent granted 补正 for the stage) supplies every missing material.

    :raise InvalidState: the case is not waiting for materials (e.g. already returned).
    :raise FormRejected: not every missing material is supplied.
    """
    case = locked_case(session, case_id)
    project = session.get_one(Project, case.project_code)
    if actor.role == AGENT:
        try:
            actor = act_for_owner(session, runtime, actor, project, act=SUPPLEMENT, stage_process_id=case.stage)
        except NotAllowed:  # found from a case id: the refusal must not name a project it may not act for
            raise NotFound("没有该容缺事项", case_id=case_id) from None
    elif project.owner_id != actor.user_id:
        raise NotFound("没有该容缺事项", case_id=case_id)
    clean = validated(keys.TOLERANCE_SUPPLY, data)
    if case.status not in (OPEN, SUSPENDED):
        raise InvalidState(f"该容缺事项状态为“{case.status_name}”，不能补正", case_id=case_id)
    lacking = [m for m in case.missing_materials if m not in clean["materials"]]
    if lacking:
        raise FormRejected(keys.TOLERANCE_SUPPLY, {"materials": ["尚未补齐：" + "、".join(lacking)]})
    before = case.status
    case.status, case.supplied_materials, case.supplied_at = SUPPLIED, list(clean["materials"]), runtime.now()
    session.flush()
    audit_case(session, runtime, actor, case, ("tolerance_supply", before), {"materials": case.supplied_materials})
    return case


def check_tolerance_supply(session: Session, runtime: Runtime, actor: Actor, case_id: int,
                           data: dict) -> ToleranceCase:
    """The window checks the supplied materials: the case is complete, or waits for them again.

    :raise NotAllowed: not the window. :raise InvalidState: nothing supplied to check.
    """
    if actor.role != WINDOW_CLERK:
        raise NotAllowed("只有综合窗口可以核验容缺材料")
    case = locked_case(session, case_id)
    clean = validated(keys.TOLERANCE_CHECK, data)
    if case.status != SUPPLIED:
        raise InvalidState(f"该容缺事项状态为“{case.status_name}”，没有待核验的材料", case_id=case_id)
    now = runtime.now()
    case.checked_by, case.checked_at, case.check_opinion = actor.user_id, now, clean.get("opinion") or ""
    if clean["decision"] == "pass":
        case.status, case.closed_at = COMPLETED, now
    else:  # back to waiting; past the deadline the item stays suspended
        case.status = OPEN if case.supplement_due is None or now <= case.supplement_due else SUSPENDED
    session.flush()
    audit_case(session, runtime, actor, case, ("tolerance_check", SUPPLIED), {"opinion": case.check_opinion},
           clean["decision"])
    return case


# --- internals -------------------------------------------------------------------------------------------

def _listed(item: str, form_key: str) -> ToleranceEntry:
    entry = tolerance_entry(item)
    if entry is None:
        raise NotOnList(form_key, "item", "该事项不在容缺受理清单内")
    return entry


def _only_tolerable(entry: ToleranceEntry, materials: list[str], form_key: str, field: str) -> None:
    outside = [m for m in materials if m not in entry.tolerable_materials]
    if outside:
        raise NotOnList(form_key, field, "以下材料不在可容缺材料清单内：" + "、".join(outside))


def _accept_item(session: Session, instance_id: int) -> WorkItem:
    accept = session.scalar(select(WorkItem).where(WorkItem.instance_id == instance_id, WorkItem.bpmn_id == "accept"))
    if accept is None:
        raise InvalidState("当前没有待综合窗口受理的申请", instance_id=instance_id)
    return accept


def _case(session: Session, instance_id: int, stage: str, item: str, statuses: tuple[str, ...]) -> ToleranceCase | None:
    return session.scalar(select(ToleranceCase).where(
        ToleranceCase.instance_id == instance_id, ToleranceCase.stage == stage, ToleranceCase.item == item,
        ToleranceCase.status.in_(statuses)))


def locked_case(session: Session, case_id: int) -> ToleranceCase:
    case = session.get(ToleranceCase, case_id)
    if case is None:
        raise NotFound("没有该容缺事项", case_id=case_id)
    workflow.lock(session, case.instance_id)  # the stage's chain has one writer
    session.refresh(case)
    return case


def audit_case(session: Session, runtime: Runtime, actor: Actor | None, case: ToleranceCase,
               transition: tuple[str, str | None], details: dict, decision: str | None = None) -> None:
    """Audit a change of ``case`` on its stage's chain; ``transition`` is (action, status before)."""
    action, before = transition
    entry = tolerance_entry(case.item)
    record(session, runtime, actor, Entry(
        action, case.project_code, case.instance_id, task_name=f"容缺受理：{entry.name if entry else case.item}",
        status_before=before, status_after=case.status, decision=decision,
        details={"case_id": case.id, "item": case.item, "stage": case.stage, **details}))
