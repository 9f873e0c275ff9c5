"""建筑工程综合许可证 (自选下单): the owner picks licences from the menu, submits one form; the window
accepts once, 行政审批局 leads one joint site inspection (联合踏勘), each picked licence's department
approves in parallel (process ``comprehensive_construction_permit``), and one certificate is issued with
a header and one block per licence. Ordering more licences later runs the same process for the new ones;
its issuance re-issues the certificate with every licence and supersedes the old one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

import certificates
from forms import keys

from ..audit.trail import Entry, record
from ..clocks.segments import local_date
from ..errors import FormRejected, InvalidState, NotFound
from ..issuance import Certificate, Issue, allocate_number, issue_certificate, settings_for
from ..issuance.models import VALID
from ..jsonable import jsonable
from ..organisation.actors import Actor
from ..processes import workflow
from ..processes.models import ProcessInstance
from ..projects.models import Project, StageApplication
from ..projects.queries import lock_project, visible_project
from ..runtime import Runtime
from ..validation import validated
from ..work_items.models import WorkItem
from . import one_permit
from .menu import ANCHOR, BY_CODE, LICENCES, PROCESS_ID, cn, numbering_rules
from .models import ComprehensiveLicence, ComprehensiveOrder
from .phases import _applicant

KIND = "comprehensive_construction_permit"
ORDER_KIND = "comprehensive_permit"
ISSUING_DEPARTMENT = "administrative_approval"


def order_comprehensive_permit(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                               data: dict[str, Any]) -> ComprehensiveOrder:
    """The owner (or an agent authorised to 申报 in 施工许可) orders licences with one form.

    The first order always includes 建筑工程施工许可; a later one orders only licences not yet granted.

    :raise NotFound/NotAllowed: as for any application. :raise FormRejected: bad form, a licence not on
    the menu or already granted, a picked licence's facts missing. :raise InvalidState: an order is running.
    """
    project, actor = _applicant(session, runtime, actor, project_code)
    clean = validated(keys.COMPREHENSIVE_PERMIT_APPLICATION, data)
    project = lock_project(session, project.code)
    if _running_order(session, project.code) is not None:
        raise InvalidState("该项目已有正在办理的综合许可申请", project_code=project.code)
    licences = _selection(clean["licences"], _granted(session, project.code))
    if ANCHOR in licences:
        one_permit.check_may_order_permit(session, project.code)
    _check_facts(clean, licences)
    routing = {"project_code": project.code, **{f"selected_{lic.code}": lic.code in licences for lic in LICENCES},
               **{f"review_{lic.code}": "" for lic in LICENCES if lic.code not in licences}}
    orders = session.scalar(select(func.count(ComprehensiveOrder.id)).where(
        ComprehensiveOrder.project_code == project.code)) or 0
    # an instance's kind is unique per project: each order is its own instance (综合许可-1, -2, …)
    instance, _ = workflow.start(session, runtime, project.code, f"{ORDER_KIND}-{orders + 1}", PROCESS_ID, routing)
    order = ComprehensiveOrder(project_code=project.code, instance_id=instance.id, licences=licences,
                               form=jsonable(clean), submitted_by=actor.user_id, acting_for=actor.acting_for_id,
                               submitted_at=runtime.now())
    session.add(order)
    session.flush()
    record(session, runtime, actor, Entry("order_comprehensive_permit", project.code, instance.id,
                                          task_name="建筑工程综合许可证申请", status_after=instance.status,
                                          details={"licences": licences, "order_id": order.id}))
    return order


def issue_comprehensive_permit(session: Session, runtime: Runtime, actor: Actor, instance: ProcessInstance,
                               item: WorkItem, issuance: dict[str, Any]) -> Certificate:
    """Grant the order's licences (each with its own number) and issue the certificate holding every
    licence of the project; a valid earlier certificate is superseded by it. Called on ``TaskCompleted``
    with the instance locked, after the 核发 task was completed."""
    order = session.scalars(select(ComprehensiveOrder).where(ComprehensiveOrder.instance_id == instance.id)).one()
    project = session.get_one(Project, order.project_code)
    settings, today = settings_for(runtime), local_date(runtime.now())
    numbering = replace(settings, rules={**settings.rules, **numbering_rules()})
    for code in order.licences:
        licence = BY_CODE[code]
        block = licence.block(order.form, project.name, today)
        kind = f"licence_{code}" if licence.number_prefix else "construction_permit"
        session.add(ComprehensiveLicence(
            project_code=project.code, order_id=order.id, licence=code, department_code=licence.department,
            number=allocate_number(session, numbering, kind, today), scope=block.scope,
            valid_from=block.valid_from, valid_until=block.valid_until, conditions=block.conditions,
            granted_at=runtime.now()))
    session.flush()
    old = session.scalar(select(Certificate).where(Certificate.project_code == project.code,
                                                   Certificate.kind == KIND, Certificate.status == VALID)
                         .with_for_update())
    cert = issue_certificate(session, runtime, actor, Issue(
        kind=KIND, project_code=project.code, instance_id=instance.id, stage=PROCESS_ID,
        department_code=ISSUING_DEPARTMENT, holder=project.owner_name,
        issuing_authority=settings.authority(ISSUING_DEPARTMENT), fields=_header(project, order, issuance),
        blocks=_blocks(session, project.code), supersedes=old))
    order.certificate_id = cert.id
    session.flush()
    one_permit.settle_construction_stage(session, runtime, actor, project.code)
    return cert


def project_licences(session: Session, actor: Actor, project_code: str, *,
                     runtime: Runtime | None = None) -> list[ComprehensiveLicence]:
    """The licences granted to the project, in menu order, for whoever may see the project."""
    project = visible_project(session, actor, project_code, runtime=runtime)
    return _licences(session, project.code)


def project_orders(session: Session, actor: Actor, project_code: str, *,
                   runtime: Runtime | None = None) -> list[ComprehensiveOrder]:
    project = visible_project(session, actor, project_code, runtime=runtime)
    return list(session.scalars(select(ComprehensiveOrder).where(ComprehensiveOrder.project_code == project.code)
                                .order_by(ComprehensiveOrder.id)))


def order_by_id(session: Session, order_id: int) -> ComprehensiveOrder:
    order = session.get(ComprehensiveOrder, order_id)
    if order is None:
        raise NotFound("综合许可申请不存在", order_id=order_id)
    return order


def order_as_application(session: Session, instance_id: int) -> StageApplication | None:
    """The order's one form shaped as a stage application (never stored), so the desk's task page shows
    the window and the departments what was applied for: the licences by name, and the facts given."""
    order = session.scalar(select(ComprehensiveOrder).where(ComprehensiveOrder.instance_id == instance_id))
    if order is None:
        return None
    data = {k: v for k, v in order.form.items() if v is not None}
    data["licences"] = [BY_CODE[code].name for code in order.licences]
    return StageApplication(project_code=order.project_code, instance_id=instance_id, stage=PROCESS_ID, round=1,
                            form_key=keys.COMPREHENSIVE_PERMIT_APPLICATION, data=data, submitted_by=order.submitted_by,
                            acting_for=order.acting_for, submitted_at=order.submitted_at)


# --- internals -------------------------------------------------------------------------------------------

def _running_order(session: Session, code: str) -> ComprehensiveOrder | None:
    return session.scalar(select(ComprehensiveOrder).join(ProcessInstance, ProcessInstance.id ==
                                                          ComprehensiveOrder.instance_id)
                          .where(ComprehensiveOrder.project_code == code, ProcessInstance.status == workflow.RUNNING))


def _granted(session: Session, code: str) -> set[str]:
    """Licences the project holds; a 施工许可证 from the stage's own route counts as the anchor."""
    held = set(session.scalars(select(ComprehensiveLicence.licence).where(ComprehensiveLicence.project_code == code)))
    return held | ({ANCHOR} if one_permit.permit_from_stage(session, code) else set())


def _selection(picked: list[str], granted: set[str]) -> list[str]:
    """The order's licences in menu order; the anchor joins the first order by itself."""
    errors = [f"“{code}”不在自选许可清单中" for code in picked if code not in BY_CODE]
    errors += [f"“{BY_CODE[code].name}”已经取得，无需重复申请" for code in picked if code in granted]
    chosen = set(picked) | ({ANCHOR} if not granted else set())
    if not errors and not chosen:
        errors = ["请至少选择一项许可"]
    if errors:
        raise FormRejected(keys.COMPREHENSIVE_PERMIT_APPLICATION, {"licences": errors})
    return [lic.code for lic in LICENCES if lic.code in chosen]


def _check_facts(clean: dict[str, Any], licences: list[str]) -> None:
    """Each picked licence needs its own facts (night-work dates and hours, spoil route and site, …)."""
    errors: dict[str, list[str]] = {}
    for code in licences:
        for name in BY_CODE[code].needs:
            if clean.get(name) is None:
                errors.setdefault(name, []).append(f"申请“{BY_CODE[code].name}”须填写此项")
    if errors:
        raise FormRejected(keys.COMPREHENSIVE_PERMIT_APPLICATION, errors)


def _licences(session: Session, code: str) -> list[ComprehensiveLicence]:
    order = {lic.code: index for index, lic in enumerate(LICENCES)}
    rows = session.scalars(select(ComprehensiveLicence).where(ComprehensiveLicence.project_code == code))
    return sorted(rows, key=lambda row: order.get(row.licence, len(order)))


def _blocks(session: Session, code: str) -> tuple[certificates.LicenceBlock, ...]:
    return tuple(certificates.LicenceBlock(BY_CODE[row.licence].name, row.number, (
        ("许可范围", row.scope), ("有效期限", f"{cn(row.valid_from)}至{cn(row.valid_until)}"),
        ("许可条件", row.conditions))) for row in _licences(session, code))


def _header(project: Project, order: ComprehensiveOrder, issuance: dict[str, Any]) -> tuple:
    form = order.form
    remarks = (issuance.get("certificate_remarks") or "").strip()
    rows = [("工程名称", project.name), ("项目代码", project.code), ("建设地址", project.site_address or "见申请材料"),
            ("建设规模", form["construction_scale"]), ("合同价格（万元）", str(form["contract_price"])),
            ("施工单位", form["general_contractor"]), ("监理单位", form["supervision_unit"]),
            ("合同工期", f"{form['contract_duration_days']}日历天")]
    return tuple(rows + ([("备注", remarks)] if remarks else []))
