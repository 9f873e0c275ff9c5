"""Use cases: attach a material to a stage of a project, and remove it.

Who: the project's owner, or an agent whose grant in force covers the stage with 申报 or 补正 (the acts
that need materials). When: once the approval has started and until the stage is issued (办结); after
that the stage's file is closed. Each upload and removal is recorded in the project's audit chain,
under the project row lock (one writer per chain). Nothing is written before every check has passed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from ..agency.rules import APPLY, SUPPLEMENT, act_for_owner
from ..audit.trail import Entry, record
from ..catalogue.materials import required_materials
from ..catalogue.stages import BY_PROCESS
from ..errors import InvalidState, NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT, OWNER
from ..processes.models import ProcessInstance
from ..projects.models import Project
from ..projects.queries import lock_project
from ..runtime import Runtime
from ..work_items.models import Decision, SupplementRequest
from .checklist import requirements
from .errors import MaterialRejected
from .models import Material
from .storage import MaterialLimits, Upload, checked, store_blob


@dataclass(frozen=True)
class NewMaterial:
    """What a person sends: the stage (process id), the file's name and bytes, and optionally which
    checklist entry (``requirement``) it fulfils."""

    stage: str
    name: str | None
    data: bytes
    requirement: str | None = None


def attach_material(session: Session, runtime: Runtime, actor: Actor, project_code: str, new: NewMaterial,
                    limits: MaterialLimits | None = None) -> Material:
    """Store a material of a stage of the project.

    :raise NotFound: no such project, or not one the actor may act for.
    :raise NotAllowed: an agent whose grant does not cover the stage.
    :raise InvalidState: approval not started, or the stage is issued.
    :raise MaterialRejected: (and subclasses) name, size, type, stage or requirement refused.
    """
    stage, requirement = new.stage, new.requirement or None
    project = _project_for_applicant(session, runtime, actor, project_code, stage)
    upload = checked(new.name, new.data, limits or MaterialLimits())
    allowed = requirements(stage) | _asked(session, project.code, stage)
    if requirement and requirement not in allowed | set(required_materials(session, project.category, stage,
                                                                            runtime.now())):
        raise MaterialRejected("所选材料名称不在本阶段的材料清单或补正通知中", requirement=requirement)
    _stage_open(session, project.code, stage)
    return store_upload(session, runtime, actor, project, stage, upload, requirement)


def store_upload(session: Session, runtime: Runtime, actor: Actor, project: Project, stage: str, upload: Upload,
                 requirement: str | None) -> Material:
    """Store a checked upload as a material of the (locked) project's stage and audit it; the caller has
    checked who may attach it and that ``requirement`` names something asked for (a 容缺 case's material)."""
    store_blob(session, upload)
    material = Material(project_code=project.code, stage=stage, requirement=requirement,
                        display_name=upload.display_name, sha256=upload.sha256, size=upload.size,
                        content_type=upload.content_type, uploaded_by=actor.user_id,
                        acting_for=_acting_for(actor, project), uploaded_at=runtime.now())
    session.add(material)
    session.flush()
    record(session, runtime, _as_recorded(actor, project), Entry("attach_material", project.code, details={
        "material_id": material.id, "stage": stage, "display_name": material.display_name,
        "sha256": material.sha256, "size": material.size, "content_type": material.content_type,
        "requirement": material.requirement}))
    return material


def remove_material(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                    material_id: int) -> Material:
    """Mark a material removed (its bytes stay for the audit trail).

    :raise NotFound: no such material of a project the actor may act for.
    :raise InvalidState: already removed, or the stage is issued.
    """
    material = session.get(Material, material_id)
    if material is None or material.project_code != project_code:
        raise NotFound("材料不存在", material_id=material_id)
    project = _project_for_applicant(session, runtime, actor, project_code, material.stage)
    session.refresh(material)  # read again under the project lock
    if material.removed_at is not None:
        raise InvalidState("该材料已撤回", material_id=material_id)
    _stage_open(session, project.code, material.stage)
    material.removed_by, material.removed_at = actor.user_id, runtime.now()
    session.flush()
    record(session, runtime, _as_recorded(actor, project), Entry("remove_material", project.code, details={
        "material_id": material.id, "stage": material.stage, "display_name": material.display_name,
        "sha256": material.sha256}))
    return material


def _project_for_applicant(session: Session, runtime: Runtime, actor: Actor, code: str, stage: str) -> Project:
    """The project, locked, if the actor is its owner or an agent covered for this stage."""
    project = session.get(Project, code)
    if project is None or actor.role not in (OWNER, AGENT):
        raise NotFound("项目不存在", project_code=code)
    if actor.role == OWNER and project.owner_id != actor.user_id:
        raise NotFound("项目不存在", project_code=code)
    if actor.role == AGENT:
        _agent_covered(session, runtime, actor, project, stage if stage in BY_PROCESS else None)
    if stage not in BY_PROCESS:  # only said to someone who may act on the project
        raise MaterialRejected("审批阶段无效", stage=stage)
    return lock_project(session, code)


def _agent_covered(session: Session, runtime: Runtime, actor: Actor, project: Project, stage: str | None) -> None:
    """申报 or 补正 for the stage; an agent with no grant at all gets "not found" like a stranger."""
    try:
        act_for_owner(session, runtime, actor, project, act=APPLY, stage_process_id=stage)
    except NotAllowed as refused:
        try:
            act_for_owner(session, runtime, actor, project, act=SUPPLEMENT, stage_process_id=stage)
        except NotAllowed:
            if refused.message == "您没有本项目的代办授权":
                raise NotFound("项目不存在", project_code=project.code) from None
            raise refused from None


def _stage_open(session: Session, project_code: str, stage: str) -> None:
    started = session.scalar(select(ProcessInstance.id).where(ProcessInstance.project_code == project_code,
                                                              ProcessInstance.kind == "main_approval"))
    if started is None:
        raise InvalidState("项目尚未启动审批，暂不能上传材料", project_code=project_code)
    issued = session.scalar(select(Decision.id).where(Decision.project_code == project_code,
                                                      Decision.stage == stage, Decision.form_key == keys.ISSUANCE)
                            .limit(1))
    if issued is not None:
        raise InvalidState("本阶段已办结，材料不能再修改", stage=stage)


def _acting_for(actor: Actor, project: Project) -> int | None:
    return project.owner_id if actor.role == AGENT else None


def _as_recorded(actor: Actor, project: Project) -> Actor:
    """An agent is recorded as "agent for the owner", like every delegated act."""
    return replace(actor, acting_for_id=project.owner_id) if actor.role == AGENT else actor


def _asked(session: Session, project_code: str, stage: str) -> set[str]:
    """What the stage's open correction notices ask for: a file answers one of those items by its name."""
    notices = session.scalars(select(SupplementRequest.materials).where(
        SupplementRequest.project_code == project_code, SupplementRequest.stage == stage,
        SupplementRequest.supplied_at.is_(None)))
    return {name for asked in notices for name in asked}
