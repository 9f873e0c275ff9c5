"""分阶段施工许可: phase permits before the full 施工许可证 (REFERENCE §6, REQ-S3-08).

Phases are configuration (``PHASES``, or ``configure_phases(runtime, …)``). The default is 硚口's: the
first phase is 基坑支护和土方开挖 without pile foundations, then 地下室及桩基础, then 主体结构; a
phase may only be applied for once the phase before it holds a permit.

A phase permit needs the general contractor determined (its name and the 中标通知书) and the owner's
own quality and safety commitment: an agent may prepare the application, but it waits until the owner
confirms the commitment (``COMMITMENT_REFUSED`` if the agent tries). The parties and contract are entered
by the first phase's application and reused by every later one. Each phase permit is a real
施工许可证 (``phased_construction_permit``) numbered ``<main number>-<suffix><n>``; the main number is
reserved with the first phase and given to the full permit, which supersedes every phase permit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from ..agency.rules import APPLY, COMMITMENT_FORMS, COMMITMENT_REFUSED, act_for_owner
from ..audit.trail import Entry, record
from ..clocks.segments import local_date
from ..errors import FormRejected, InvalidState, NotAllowed, NotFound
from ..issuance import Certificate, Issue, allocate_number, issue_certificate, settings_for, supersede
from ..issuance.models import VALID
from ..jsonable import jsonable
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT, DEPARTMENT_LEAD, EXAMINER, OWNER
from ..projects.models import Project
from ..projects.queries import lock_project, project_for_owner, visible_project
from ..runtime import Runtime
from ..validation import validated
from .models import AWAITING_COMMITMENT, ISSUED, SUBMITTED, PhasePermitApplication

ISSUING_DEPARTMENT = "housing_construction"
CONSTRUCTION_STAGE = "stage_construction_permit"
FORM_KEY = keys.PHASE_PERMIT_APPLICATION


@dataclass(frozen=True)
class Phase:
    """One construction phase: its code, printed name and scope, and the number suffix of its permit."""

    code: str
    name: str
    scope: str
    suffix: str


PHASES: tuple[Phase, ...] = (
    Phase("excavation_support_earthworks", "基坑支护和土方开挖", "基坑支护和土方开挖（不含桩基础施工）", "S"),
    Phase("basement_piles", "地下室及桩基础", "地下室结构及桩基础施工", "J"),
    Phase("main_structure", "主体结构", "±0.000以上主体结构施工", "T"),
)

#: Materials the first phase application must hold (the engine asks only once per project).
MATERIALS = ("general_contractor", "bid_notice_no", "survey_unit", "design_unit", "supervision_unit",
             "contract_price", "contract_duration_days", "construction_scale", "project_manager",
             "chief_supervisor")


def configure_phases(runtime: Runtime, phases: tuple[Phase, ...]) -> None:
    """Give ``runtime`` its own phase list (another district's practice)."""
    runtime.construction_phases = phases  # type: ignore[attr-defined]


def phases_for(runtime: Runtime) -> tuple[Phase, ...]:
    return getattr(runtime, "construction_phases", None) or PHASES


def apply_for_phase_permit(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                           data: dict[str, Any]) -> PhasePermitApplication:
    """The owner (or an agent authorised to 申报 in 施工许可) applies for one phase's permit.

    :raise NotFound: no such project (or not the actor's). :raise NotAllowed: an agent without a grant, or
    an agent giving the commitment. :raise FormRejected: bad form, unknown phase, materials missing the
    first time, no commitment from the owner. :raise InvalidState: already applied, or the phase before
    has no permit yet.
    """
    project, actor = _applicant(session, runtime, actor, project_code)
    clean = validated(keys.PHASE_PERMIT_APPLICATION, data)
    phases = phases_for(runtime)
    phase = _phase(phases, clean["phase"])
    if actor.role == AGENT and FORM_KEY in COMMITMENT_FORMS and clean.get("quality_safety_commitment"):
        raise NotAllowed(COMMITMENT_REFUSED, form_key=FORM_KEY)
    if actor.role == OWNER and not clean.get("quality_safety_commitment"):
        raise FormRejected(keys.PHASE_PERMIT_APPLICATION, {"quality_safety_commitment": ["须承诺工程质量安全可控"]})
    _lock_project(session, project.code)
    applications = _applications(session, project.code)
    _check_order(phases, phase, applications)
    first = next(iter(applications.values()), None)
    materials = _materials(clean, first)
    application = PhasePermitApplication(
        project_code=project.code, phase=phase.code, materials=materials,
        materials_from_id=first.id if first else None,
        status=SUBMITTED if actor.role == OWNER else AWAITING_COMMITMENT, submitted_by=actor.user_id,
        acting_for=actor.acting_for_id, submitted_at=runtime.now())
    if actor.role == OWNER:
        application.commitment_confirmed_by, application.commitment_confirmed_at = actor.user_id, runtime.now()
    session.add(application)
    session.flush()
    _audit(session, runtime, actor, application, "apply_phase_permit", None, {"phase": phase.code})
    return application


def confirm_phase_commitment(session: Session, runtime: Runtime, actor: Actor,
                             application_id: int) -> PhasePermitApplication:
    """The owner confirms the quality and safety commitment of an application an agent prepared.

    :raise NotAllowed: anyone but the owner in person. :raise NotFound: no such application of the owner's.
    :raise InvalidState: nothing awaits the commitment.
    """
    if actor.role == AGENT:
        raise NotAllowed(COMMITMENT_REFUSED, application_id=application_id)
    application = _application(session, application_id)
    try:
        project_for_owner(session, actor, application.project_code)
    except NotFound:  # answered like a missing application: the refusal must not name another's project
        raise NotFound("分阶段施工许可申请不存在", application_id=application_id) from None
    _lock_project(session, application.project_code)
    if application.status != AWAITING_COMMITMENT:
        raise InvalidState("该申请不需要再确认承诺", application_id=application_id)
    application.status = SUBMITTED
    application.commitment_confirmed_by, application.commitment_confirmed_at = actor.user_id, runtime.now()
    _audit(session, runtime, actor, application, "confirm_phase_commitment", AWAITING_COMMITMENT, {})
    session.flush()
    return application


def issue_phase_permit(session: Session, runtime: Runtime, actor: Actor, application_id: int,
                       data: dict[str, Any]) -> Certificate:
    """The housing department issues the phase permit: a 施工许可证 whose scope names the phase.

    :raise NotAllowed: not staff of the housing department. :raise NotFound: no such application.
    :raise InvalidState: the owner has not committed yet, or the permit is already issued.
    """
    if actor.role not in (EXAMINER, DEPARTMENT_LEAD) or actor.department_code != ISSUING_DEPARTMENT:
        raise NotAllowed("只有住房和城乡建设局可以核发分阶段施工许可", role=actor.role)
    clean = validated(keys.PHASE_PERMIT_ISSUANCE, data)
    application = _application(session, application_id)
    project = _lock_project(session, application.project_code)
    if application.status != SUBMITTED:
        raise InvalidState("该申请尚未由建设单位确认质量安全承诺" if application.status == AWAITING_COMMITMENT
                           else "该阶段施工许可已核发", application_id=application_id)
    phase = _phase(phases_for(runtime), application.phase)
    settings, today = settings_for(runtime), local_date(runtime.now())
    main = reserved_main_number(session, project.code) or allocate_number(
        session, settings, "construction_permit", today)
    number = allocate_number(session, settings, "phased_construction_permit", today, main_number=main,
                             phase=phase.suffix)
    cert = issue_certificate(session, runtime, actor, Issue(
        kind="phased_construction_permit", project_code=project.code, instance_id=None, stage=CONSTRUCTION_STAGE,
        department_code=ISSUING_DEPARTMENT, holder=project.owner_name,
        issuing_authority=settings.authority(ISSUING_DEPARTMENT),
        fields=_permit_fields(project, phase, _effective_materials(session, application), clean), number=number))
    application.status, application.main_number, application.certificate_id = ISSUED, main, cert.id
    application.issued_by, application.issued_at = actor.user_id, runtime.now()
    _audit(session, runtime, actor, application, "issue_phase_permit", SUBMITTED, {"number": number})
    session.flush()
    return cert


def reserved_main_number(session: Session, project_code: str) -> str | None:
    """The main permit number reserved by the project's first phase permit, if any."""
    return session.scalar(select(PhasePermitApplication.main_number).where(
        PhasePermitApplication.project_code == project_code, PhasePermitApplication.main_number.is_not(None))
        .limit(1))


def cover_phase_permits(session: Session, runtime: Runtime, actor: Actor | None, full: Certificate) -> list[str]:
    """The full permit covers the phases: every valid phase permit of the project is superseded by it.
    Their status changes go on the project's audit chain, so the project row is locked (after the instance,
    the order every certificate change takes)."""
    _lock_project(session, full.project_code)
    phase_certs = list(session.scalars(select(Certificate).where(
        Certificate.project_code == full.project_code, Certificate.kind == "phased_construction_permit",
        Certificate.status == VALID).order_by(Certificate.id).with_for_update()))
    for cert in phase_certs:
        supersede(session, runtime, actor, cert, full)
    return [c.number for c in phase_certs]


def phase_applications(session: Session, actor: Actor, project_code: str, *,
                       runtime: Runtime | None = None) -> list[PhasePermitApplication]:
    """The project's phase applications in phase order, for whoever may see the project."""
    project = visible_project(session, actor, project_code, runtime=runtime)
    return list(_applications(session, project.code).values())


# --- internals -------------------------------------------------------------------------------------------

def _applicant(session: Session, runtime: Runtime, actor: Actor, code: str) -> tuple[Project, Actor]:
    if actor.role == AGENT:
        project = session.get(Project, code)
        if project is None:
            raise NotFound("项目不存在", project_code=code)
        return project, act_for_owner(session, runtime, actor, project, act=APPLY, stage_process_id=CONSTRUCTION_STAGE)
    return project_for_owner(session, actor, code), actor



def _phase(phases: tuple[Phase, ...], code: str) -> Phase:
    for phase in phases:
        if phase.code == code:
            return phase
    names = "、".join(p.name for p in phases)
    raise FormRejected(keys.PHASE_PERMIT_APPLICATION, {"phase": [f"未知的施工阶段，应为：{names}"]})


def _applications(session: Session, code: str) -> dict[str, PhasePermitApplication]:
    rows = session.scalars(select(PhasePermitApplication).where(PhasePermitApplication.project_code == code)
                           .order_by(PhasePermitApplication.id))
    return {row.phase: row for row in rows}


def _check_order(phases: tuple[Phase, ...], phase: Phase, applications: dict[str, PhasePermitApplication]) -> None:
    if phase.code in applications:
        raise InvalidState(f"已申请“{phase.name}”阶段施工许可", phase=phase.code)
    index = phases.index(phase)
    if index > 0:
        before = phases[index - 1]
        earlier = applications.get(before.code)
        if earlier is None or earlier.status != ISSUED:
            raise InvalidState(f"须先取得“{before.name}”阶段施工许可", phase=phase.code)


def _materials(clean: dict[str, Any], first: PhasePermitApplication | None) -> dict[str, Any]:
    """The first application enters the materials; a later one reuses them and may not re-enter them."""
    given = {k: clean[k] for k in MATERIALS if clean.get(k) is not None}
    if first is not None:
        if given:
            raise FormRejected(keys.PHASE_PERMIT_APPLICATION,
                               {k: ["已在首个阶段申请中提交，无需重复填写"] for k in given})
        return {}
    missing = [k for k in MATERIALS if k not in given]
    if missing:
        message = {"general_contractor": "须已依法确定施工总承包单位", "bid_notice_no": "须提供中标通知书编号"}
        raise FormRejected(keys.PHASE_PERMIT_APPLICATION, {k: [message.get(k, "首个阶段申请须填写")] for k in missing})
    return jsonable(given)


def _effective_materials(session: Session, application: PhasePermitApplication) -> dict[str, Any]:
    if application.materials_from_id is None:
        return application.materials
    return session.get_one(PhasePermitApplication, application.materials_from_id).materials


def _permit_fields(project: Project, phase: Phase, m: dict[str, Any], clean: dict[str, Any]) -> tuple:
    pending = "见申请材料"
    return (
        ("工程名称", project.name), ("项目代码", project.code), ("建设地址", project.site_address or pending),
        ("建设规模", m["construction_scale"]), ("合同价格（万元）", str(m["contract_price"])),
        ("勘察单位", m["survey_unit"]), ("设计单位", m["design_unit"]), ("施工单位", m["general_contractor"]),
        ("监理单位", m["supervision_unit"]), ("勘察单位项目负责人", pending), ("设计单位项目负责人", pending),
        ("施工单位项目负责人", m["project_manager"]), ("总监理工程师", m["chief_supervisor"]),
        ("合同工期", f"{m['contract_duration_days']}日历天"), ("施工阶段", phase.name), ("施工范围", phase.scope),
        ("备注", "；".join(p for p in ((clean.get("remarks") or ""), f"中标通知书编号：{m['bid_notice_no']}") if p)),
    )


def _application(session: Session, application_id: int) -> PhasePermitApplication:
    application = session.get(PhasePermitApplication, application_id)
    if application is None:
        raise NotFound("分阶段施工许可申请不存在", application_id=application_id)
    return application


def _lock_project(session: Session, code: str) -> Project:
    """The project row serialises the project's audit chain and its phase applications."""
    return lock_project(session, code)


def _audit(session: Session, runtime: Runtime, actor: Actor, application: PhasePermitApplication, action: str,
           before: str | None, details: dict[str, Any]) -> None:
    record(session, runtime, actor, Entry(action, application.project_code, task_name="分阶段施工许可",
                                          status_before=before, status_after=application.status,
                                          details={"application_id": application.id, **details}))
