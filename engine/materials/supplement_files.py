"""A 补正 answered with files: each item a correction notice listed, with the files uploaded against it
(``Material.requirement`` = the item's name) since the notice was sent."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..errors import NotFound
from ..organisation.actors import Actor
from ..projects.models import Project
from ..runtime import Runtime
from ..visibility import visible_project
from ..work_items.models import SupplementRequest
from ..work_items.supplements import open_requests_for_project
from .queries import MaterialRow, material_rows


@dataclass(frozen=True)
class AskedItem:
    name: str
    files: tuple[MaterialRow, ...]


@dataclass(frozen=True)
class SupplementAnswer:
    project: Project
    notice: SupplementRequest
    items: tuple[AskedItem, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """The listed items no file answers yet."""
        return tuple(item.name for item in self.items if not item.files)


def supplement_answer(session: Session, actor: Actor, project_code: str, task_id: str, *,
                      runtime: Runtime | None = None) -> SupplementAnswer:
    """The open notice on ``task_id`` with the files answering each item.

    :raise NotFound: a project the actor may not see, or no open notice on that task.
    """
    project = visible_project(session, actor, project_code, runtime=runtime)
    notice = next((n for n in open_requests_for_project(session, project.code) if n.task_id == task_id), None)
    if notice is None:
        raise NotFound("没有待补正的事项", task_id=task_id)
    rows = [r for r in material_rows(session, project.code, notice.stage) if r.uploaded_at >= notice.requested_at]
    return SupplementAnswer(project, notice, tuple(AskedItem(name, tuple(r for r in rows if r.requirement == name))
                                          for name in notice.materials))
