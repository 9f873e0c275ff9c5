"""Reading materials: a project's list, one material's bytes, and a stage's checklist with what is
attached. Whoever may see the project (``visible_project``: its owner, an agent with 查看, the window,
supervisors, and examiners of a department that has or had work on it) sees its materials; anyone else
gets "not found", exactly as for a project that does not exist."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFound
from ..organisation.actors import Actor
from ..organisation.models import UserAccount
from ..runtime import Runtime
from ..visibility import visible_project
from .checklist import stage_checklist
from .models import Material, MaterialBlob


@dataclass(frozen=True)
class MaterialRow:
    id: int
    project_code: str
    stage: str
    requirement: str | None
    display_name: str
    sha256: str
    size: int
    content_type: str
    uploaded_by_name: str
    uploaded_at: datetime


@dataclass(frozen=True)
class ChecklistLine:
    material: str
    catalogue_item: str
    attached: bool


@dataclass(frozen=True)
class StageMaterials:
    """What a stage application lists (the checklist) and what is attached to it."""

    stage: str
    checklist: list[ChecklistLine]
    materials: list[MaterialRow]


def project_materials(session: Session, actor: Actor, project_code: str, *, stage: str | None = None,
                      runtime: Runtime | None = None) -> list[MaterialRow]:
    """The project's materials in force (removed ones left out), oldest first, optionally of one stage.

    :raise NotFound: no such project, or one the actor may not see.
    """
    project = visible_project(session, actor, project_code, runtime=runtime)
    return material_rows(session, project.code, stage)


def material_content(session: Session, actor: Actor, project_code: str, material_id: int, *,
                     runtime: Runtime | None = None) -> tuple[MaterialRow, bytes]:
    """A material and its bytes, for download.

    :raise NotFound: no such material in force, or a project the actor may not see.
    """
    project = visible_project(session, actor, project_code, runtime=runtime)
    rows = material_rows(session, project.code, None, material_id)
    if not rows:
        raise NotFound("材料不存在", material_id=material_id)
    return rows[0], session.get_one(MaterialBlob, rows[0].sha256).data


def stage_materials(session: Session, project_code: str, stage: str) -> StageMaterials:
    """A stage's checklist and attached materials, for a page whose caller already checked that the
    actor may see the project (the task pages, through ``task_context``)."""
    rows = material_rows(session, project_code, stage)
    fulfilled = {r.requirement for r in rows}
    lines = [ChecklistLine(e.material, e.catalogue_item, e.material in fulfilled) for e in stage_checklist(stage)]
    return StageMaterials(stage, lines, rows)


def material_rows(session: Session, project_code: str, stage: str | None,
                  material_id: int | None = None) -> list[MaterialRow]:
    m = Material
    stmt = (select(m, UserAccount.display_name).join(UserAccount, UserAccount.id == m.uploaded_by)
            .where(m.project_code == project_code, m.removed_at.is_(None)).order_by(m.uploaded_at, m.id))
    if stage is not None:
        stmt = stmt.where(m.stage == stage)
    if material_id is not None:
        stmt = stmt.where(m.id == material_id)
    return [MaterialRow(x.id, x.project_code, x.stage, x.requirement, x.display_name, x.sha256, x.size,
                        x.content_type, name, x.uploaded_at) for x, name in session.execute(stmt)]
