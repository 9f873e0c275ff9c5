"""先建后验: a time-boxed 施工预许可 of limited scope, issued on the owner's commitment, converted into the formal
施工许可证 without re-submitting materials, or expired when its validity runs out (see ``timers``)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from ..audit.trail import Entry, record
from ..clocks.due import iso
from ..clocks.segments import local_date
from ..errors import InvalidState, NotAllowed, NotFound
from ..issuance import Certificate, Issue, issue_document
from ..issuance import settings_for as issuance_settings
from ..issuance.models import SUPERSEDED
from ..jsonable import jsonable
from ..organisation.actors import Actor
from ..organisation.lanes import ADMINISTRATOR, DEPARTMENT_LEAD, EXAMINER, SUPERVISOR
from ..processes import workflow
from ..projects.models import Project
from ..projects.queries import lock_project
from ..runtime import Runtime
from ..validation import validated
from .commitment import check_not_banned
from .common import add_months, at_start, chinese_date, owner_in_person
from .models import CONVERTED, VALID, PrePermit
from .settings import settings_for

HOUSING = "housing_construction"


def issue_pre_permit(session: Session, runtime: Runtime, actor: Actor, project_code: str, data: dict) -> PrePermit:
    """The owner applies on a commitment; the pre-permit is issued at once for the published scope.

    :raise NotAllowed: an agent. :raise CommitmentBanned: barred from 告知承诺. :raise FormRejected: bad form.
    """
    project = owner_in_person(session, actor, project_code)
    clean = validated(keys.PRE_PERMIT_APPLICATION, data)
    check_not_banned(session, runtime, project.owner_id)
    settings, now = settings_for(runtime), runtime.now()
    today = local_date(now)
    valid_until = add_months(today, settings.pre_permit_months) - timedelta(days=1)
    cert = issue_document(session, runtime, actor, Issue(
        kind="construction_pre_permit", project_code=project.code, instance_id=None, stage=None,
        department_code=HOUSING, holder=project.owner_name,
        issuing_authority=issuance_settings(runtime).authority(HOUSING), valid_until=valid_until, fields=(
            ("建设单位", project.owner_name), ("工程名称", project.name), ("建设地址", project.site_address or ""),
            ("建设规模", clean["construction_scale"]), ("施工单位", clean["general_contractor"]),
            ("监理单位", clean["supervision_unit"]), ("施工范围", settings.pre_permit_scope),
            ("有效期限", f"{chinese_date(today)}至{chinese_date(valid_until)}"))))
    permit = PrePermit(project_code=project.code, owner_id=project.owner_id, scope=settings.pre_permit_scope,
                       application=jsonable(clean), status=VALID, issued_at=now, valid_until=valid_until,
                       certificate_number=cert.number)
    session.add(permit)
    session.flush()
    instance, _ = workflow.start(session, runtime, project.code, f"pre_permit:{permit.id}", "pre_permit",
                                 {"valid_due": iso(at_start(valid_until + timedelta(days=1)))})
    permit.validity_instance_id = instance.id
    session.flush()
    _audit(session, runtime, actor, permit, "pre_permit_issue", None, {"certificate": cert.number})
    return permit


def convert_pre_permit(session: Session, runtime: Runtime, actor: Actor, permit_id: int) -> PrePermit:
    """住建 converts a valid pre-permit into the formal 施工许可证 from the materials already submitted;
    the pre-permit's certificate is superseded by the permit.

    :raise NotAllowed: not 住建 staff. :raise InvalidState: the pre-permit is no longer valid (e.g. expired).
    """
    if actor.role not in {EXAMINER, DEPARTMENT_LEAD} or actor.department_code != HOUSING:
        raise NotAllowed("只有住房和城乡建设部门可以核发正式施工许可")
    permit = _locked(session, permit_id)
    if permit.status != VALID:
        raise InvalidState(f"预许可状态为“{permit.status_name}”，不能转为正式施工许可", permit_id=permit_id)
    project = session.get_one(Project, permit.project_code)
    old = session.scalars(select(Certificate).where(Certificate.number == permit.certificate_number)
                          .with_for_update()).one()
    form, missing = permit.application, issuance_settings(runtime).not_collected
    new = issue_document(session, runtime, actor, Issue(
        kind="construction_permit", project_code=project.code, instance_id=None, stage=None,
        department_code=HOUSING, holder=project.owner_name,
        issuing_authority=issuance_settings(runtime).authority(HOUSING), supersedes=old, fields=(
            ("工程名称", project.name), ("建设地址", project.site_address or missing),
            ("建设规模", form["construction_scale"]), ("合同价格（万元）", str(form["contract_price"])),
            ("勘察单位", form["survey_unit"]), ("设计单位", form["design_unit"]),
            ("施工单位", form["general_contractor"]), ("监理单位", form["supervision_unit"]),
            ("勘察单位项目负责人", missing), ("设计单位项目负责人", missing),
            ("施工单位项目负责人", form["project_manager"]), ("总监理工程师", form["chief_supervisor"]),
            ("合同工期", f"{form['contract_duration_days']}日历天"),
            ("备注", f"由施工预许可（编号{permit.certificate_number}）转为正式许可，申请材料沿用"))))
    now = runtime.now()
    old.status, old.superseded_by_id, old.status_changed_at = SUPERSEDED, new.id, now
    permit.status, permit.permit_number, permit.closed_at = CONVERTED, new.number, now
    session.flush()
    _audit(session, runtime, actor, permit, "pre_permit_convert", VALID, {"permit": new.number})
    return permit


def project_pre_permits(session: Session, project_code: str) -> list[PrePermit]:
    return list(session.scalars(select(PrePermit).where(PrePermit.project_code == project_code)
                                .order_by(PrePermit.id)))


def flagged_pre_permits(session: Session, actor: Actor) -> list[PrePermit]:
    """Expired pre-permits whose works are flagged: what the supervisors must follow up (监管提醒)."""
    # the administrator reads every supervision list the supervisors read (board, statistics, filings)
    if actor.role not in {SUPERVISOR, ADMINISTRATOR, EXAMINER, DEPARTMENT_LEAD}:
        raise NotAllowed("只有监管或审批人员可以查看")
    return list(session.scalars(select(PrePermit).where(PrePermit.works_flagged.is_(True)).order_by(PrePermit.id)))


def _locked(session: Session, permit_id: int) -> PrePermit:
    permit = session.get(PrePermit, permit_id)
    if permit is None:
        raise NotFound("没有该预许可", permit_id=permit_id)
    workflow.lock(session, permit.validity_instance_id)  # the sweeper's order: instance, then project
    lock_project(session, permit.project_code)
    session.refresh(permit)
    return permit


def _audit(session: Session, runtime: Runtime, actor: Actor, permit: PrePermit, action: str, before: str | None,
           details: dict) -> None:
    record(session, runtime, actor, Entry(
        action, permit.project_code, permit.validity_instance_id, task_name="建筑工程施工预许可",
        status_before=before, status_after=permit.status, details={"pre_permit_id": permit.id, **details}))
