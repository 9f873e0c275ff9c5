"""One 施工许可证 per project: a 建筑工程综合许可证 that grants 建筑工程施工许可 settles the main approval's
施工许可 stage instead of a second review and a second permit.

When that permit is issued (or, if it came first, when the stage opens), the stage's 提交阶段申请 is
completed on the permit's behalf with ``route = "comprehensive"``: the model's 已取得综合许可证？ gateway ends
the stage as issued (``bpmn.approval``), so the licences the permit covers (e.g. 城市建筑垃圾处置核准) are not
reviewed again. The ordinary route then refuses to apply for or issue a second permit, and an order of the
permit is refused while the stage's own application is being examined.

Imports the core (processes, work items, audit) and the construction models only.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bpmn.approval import COMPREHENSIVE_ROUTE
from forms import keys

from ..audit.trail import Entry, record
from ..errors import InvalidState
from ..issuance.models import VALID, Certificate
from ..organisation.actors import Actor
from ..processes import workflow
from ..processes.models import ProcessInstance
from ..runtime import Runtime
from ..work_items.models import Decision, WorkItem
from .menu import ANCHOR
from .models import ComprehensiveLicence

CONSTRUCTION_STAGE = "stage_construction_permit"
MAIN_APPROVAL = "main_approval"
SETTLEMENT_FORM = "comprehensive_settlement"  # Decision.form_key of a stage settled by the permit
SETTLED_NAME = "由建筑工程综合许可证办结"
ISSUING_DEPARTMENT = "administrative_approval"


def granted_permit(session: Session, project_code: str) -> ComprehensiveLicence | None:
    """The 建筑工程施工许可 granted inside the project's 综合许可证, if any."""
    return session.scalar(select(ComprehensiveLicence).where(ComprehensiveLicence.project_code == project_code,
                                                             ComprehensiveLicence.licence == ANCHOR))


def refuse_second_permit(session: Session, project_code: str) -> None:
    """:raise InvalidState: the project already holds the 施工许可 through its 综合许可证."""
    licence = granted_permit(session, project_code)
    if licence is not None:
        raise InvalidState(f"本项目已在建筑工程综合许可证中取得建筑工程施工许可（编号{licence.number}），"
                           "施工许可阶段已由该证办结，不能再申请或核发第二份施工许可证",
                           project_code=project_code, licence_number=licence.number)


def guard_completion(session: Session, item: WorkItem) -> None:
    """The ordinary route to a 施工许可证 (the stage's application, any 施工许可证 issuance) is closed once the
    综合许可证 holds it. :raise InvalidState: as ``refuse_second_permit``."""
    if (item.stage == CONSTRUCTION_STAGE and item.bpmn_id == "apply") or (
            item.form_key == keys.ISSUANCE and item.item == ANCHOR):
        refuse_second_permit(session, item.project_code)


def check_may_order_permit(session: Session, project_code: str) -> None:
    """:raise InvalidState: the 施工许可 stage's own application is being examined (accepted, reviewed or
    returned): the permit comes from that route, not from a 综合许可证 as well."""
    running = session.scalar(select(WorkItem.task_id).join(ProcessInstance, ProcessInstance.id == WorkItem.instance_id)
                             .where(WorkItem.project_code == project_code, WorkItem.stage == CONSTRUCTION_STAGE,
                                    WorkItem.bpmn_id != "apply", ProcessInstance.kind == MAIN_APPROVAL).limit(1))
    if running is not None:
        raise InvalidState("施工许可阶段的申请正在办理中，建筑工程施工许可将由该阶段核发；"
                           "如需其他许可，请在施工许可证核发后再自选下单", project_code=project_code)


def permit_from_stage(session: Session, project_code: str) -> bool:
    """Whether the project holds a valid 施工许可证 issued by the stage's own route."""
    return session.scalar(select(Certificate.id).where(Certificate.project_code == project_code,
                                                       Certificate.kind == "construction_permit",
                                                       Certificate.status == VALID).limit(1)) is not None


def settle_construction_stage(session: Session, runtime: Runtime, actor: Actor | None, project_code: str) -> bool:
    """Complete the main approval's 施工许可 stage by the granted permit, if that stage waits for its
    application now; returns whether it did. Locks the main instance (the caller may hold it already)."""
    licence = granted_permit(session, project_code)
    item = _waiting_application(session, project_code) if licence is not None else None
    if licence is None or item is None:
        return False
    instance = workflow.lock(session, item.instance_id)
    run = workflow.load(session, runtime, instance)
    if not run.has_element(CONSTRUCTION_STAGE, "gw_route"):  # a model from before the route: the guard refuses
        return False
    before, now = instance.status, runtime.now()
    run.complete(item.task_id, {"route": COMPREHENSIVE_ROUTE}, now=now)
    workflow.save(session, runtime, instance, run, now)
    opinion = f"已在建筑工程综合许可证中核发建筑工程施工许可（编号{licence.number}），本阶段不再重复审查"
    session.add(Decision(instance_id=instance.id, project_code=project_code, task_id=item.task_id, bpmn_id="apply",
                         task_name=SETTLED_NAME, stage=CONSTRUCTION_STAGE, item=ANCHOR,
                         department_code=ISSUING_DEPARTMENT, form_key=SETTLEMENT_FORM, outcome="issued",
                         opinion=opinion, data={"licence_number": licence.number},
                         decided_by=actor.user_id if actor else None,
                         acting_for=actor.acting_for_id if actor else None, decided_at=now))
    record(session, runtime, actor, Entry("settle_by_comprehensive_permit", project_code, instance.id, item.task_id,
                                          SETTLED_NAME, before, instance.status, "issued",
                                          {"stage": CONSTRUCTION_STAGE, "licence_number": licence.number}))
    return True


def _waiting_application(session: Session, project_code: str) -> WorkItem | None:
    return session.scalar(select(WorkItem).join(ProcessInstance, ProcessInstance.id == WorkItem.instance_id)
                          .where(WorkItem.project_code == project_code, WorkItem.stage == CONSTRUCTION_STAGE,
                                 WorkItem.bpmn_id == "apply", ProcessInstance.kind == MAIN_APPROVAL))
