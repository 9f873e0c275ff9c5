"""容缺 materials supplied as files: one file for each material the case left missing, stored on the case's
stage (``Material.requirement`` = the material's name) and the case marked supplied for the window to check.
All or nothing: every file is checked before anything is stored, and a refusal names the material it is about.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from forms import keys

from ..agency.rules import SUPPLEMENT, act_for_owner
from ..errors import FormRejected, InvalidState, NotAllowed, NotFound
from ..materials.errors import MaterialRejected
from ..materials.storage import MaterialLimits, Upload, checked
from ..materials.uploads import store_upload
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT
from ..projects.models import Project
from ..projects.queries import lock_project
from ..runtime import Runtime
from ..validation import validated
from .models import OPEN, SUSPENDED, ToleranceCase
from .tolerance import locked_case, supply_tolerance_materials

NOTE = "note"


@dataclass(frozen=True)
class SuppliedFile:
    """The file sent for one missing material (``name``/``data`` as uploaded; empty ``data``: none chosen)."""

    material: str
    name: str | None
    data: bytes


def supply_tolerance_files(session: Session, runtime: Runtime, actor: Actor, case_id: int,
                           files: list[SuppliedFile], data: dict,
                           limits: MaterialLimits | None = None) -> ToleranceCase:
    """The owner (or an agent granted 补正 for the stage) supplies a file for each missing material.

    :raise NotFound: not a case of the actor's (or its owner's) project. :raise InvalidState: the case does not
    wait for materials (returned after its grace period, already supplied or complete).
    :raise FormRejected: a material without a file, or a file refused (keyed by the material's name), or a bad
    note.
    """
    case = locked_case(session, case_id)
    project = _supplier_project(session, runtime, actor, case)
    clean = validated(keys.TOLERANCE_SUPPLY, {"materials": list(case.missing_materials), NOTE: data.get(NOTE)})
    if case.status not in (OPEN, SUSPENDED):
        raise InvalidState(f"该容缺事项状态为“{case.status_name}”，不能补正", case_id=case_id)
    uploads = _checked_files(case, files, limits or MaterialLimits())
    lock_project(session, project.code)
    for material, upload in uploads:
        store_upload(session, runtime, actor, project, case.stage, upload, material)
    return supply_tolerance_materials(session, runtime, actor, case.id, clean)


def _supplier_project(session: Session, runtime: Runtime, actor: Actor, case: ToleranceCase) -> Project:
    """The case's project if the actor is its owner or an agent granted 补正 for its stage; else "not found"."""
    project = session.get_one(Project, case.project_code)
    if actor.role == AGENT:
        try:
            act_for_owner(session, runtime, actor, project, act=SUPPLEMENT, stage_process_id=case.stage)
        except NotAllowed:  # found from a case id: the refusal must not name a project it may not act for
            raise NotFound("没有该容缺事项", case_id=case.id) from None
    elif project.owner_id != actor.user_id:
        raise NotFound("没有该容缺事项", case_id=case.id)
    return project


def _checked_files(case: ToleranceCase, files: list[SuppliedFile],
                   limits: MaterialLimits) -> list[tuple[str, Upload]]:
    sent = {f.material: f for f in files if f.data or f.name}
    errors: dict[str, list[str]] = {}
    stray = [m for m in sent if m not in case.missing_materials]
    if stray:
        errors["materials"] = ["以下材料不在本容缺事项的待补材料中：" + "、".join(stray)]
    uploads = []
    for material in case.missing_materials:
        file = sent.get(material)
        if file is None:
            errors[material] = [f"请为“{material}”选择要上传的文件"]
            continue
        try:
            uploads.append((material, checked(file.name, file.data, limits)))
        except MaterialRejected as refused:
            errors[material] = [f"“{file.name or '所选文件'}”未能上传：{refused.message}"]
    if errors:
        raise FormRejected(keys.TOLERANCE_SUPPLY, errors)
    return uploads
