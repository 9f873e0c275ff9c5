"""A stage application as a task list: the form (未开始/已完成), then every material of the stage with its own
files, marked 必需 (the item catalogue lists it for an item the stage reviews or issues in the project's
category) or 可选 (the 唐山 checklist of the stage lists it), and what the stage's limit would promise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from forms import keys

from ..catalogue.materials import required_materials
from ..catalogue.stages import stage_name
from ..errors import NotFound
from ..materials.checklist import stage_checklist
from ..materials.queries import MaterialRow
from ..projects.models import Project
from ..runtime import Runtime
from ..task_view import TaskContext
from ..time_limits.calendar_store import promised_date
from ..time_limits.rules import limits_for


@dataclass(frozen=True)
class MaterialTask:
    """One material of the stage: ``number`` anchors it on the pages (``material-<number>``)."""

    number: int
    material: str
    required: bool
    items: tuple[str, ...]  # the catalogue items that ask for it
    files: tuple[MaterialRow, ...]


@dataclass(frozen=True)
class StageTaskList:
    ctx: TaskContext
    stage_name: str
    answers: dict[str, Any] | None  # the saved answers; None while the form was never saved
    materials: tuple[MaterialTask, ...]
    other_files: tuple[MaterialRow, ...]  # attached to no material of the list
    limit_days: int | None
    promised_if_accepted_today: date | None
    provisional: bool

    @property
    def missing(self) -> list[MaterialTask]:
        """Required materials without a file: the submission waits for them."""
        return [m for m in self.materials if m.required and not m.files]


def stage_task_list(session: Session, runtime: Runtime, ctx: TaskContext) -> StageTaskList:
    """The task list of the stage application ``ctx`` is about (the caller got ``ctx`` through
    ``task_context``, which checked that the actor holds the work item).

    :raise NotFound: the work item is not a stage application.
    """
    item = ctx.item
    if item.form_key not in keys.STAGE_APPLICATION_FORMS or ctx.materials is None:
        raise NotFound("该待办不是阶段申请", task_id=item.task_id)
    lines = _lines(session, ctx.project, item.stage, runtime)
    files = ctx.materials.materials
    tasks = tuple(MaterialTask(n, name, required, tuple(items), tuple(f for f in files if f.requirement == name))
                  for n, (name, (required, items)) in enumerate(lines.items(), 1))
    days = limits_for(session, ctx.project, runtime.now()).stage_days.get(item.stage)
    promised, provisional = promised_date(session, runtime.now(), days) if days else (None, False)
    return StageTaskList(ctx, stage_name(item.stage), ctx.draft, tasks,
                         tuple(f for f in files if f.requirement not in lines), days, promised, provisional)


def _lines(session: Session, project: Project, stage: str, runtime: Runtime) -> dict[str, tuple[bool, list[str]]]:
    wanted = required_materials(session, project.category, stage, runtime.now())
    lines = {name: (True, items) for name, items in wanted.items()}
    for entry in stage_checklist(stage):
        if entry.material == "无":  # the catalogue's way of saying an item needs no material
            continue
        required, items = lines.setdefault(entry.material, (False, []))
        if not required and entry.catalogue_item not in items:
            items.append(entry.catalogue_item)
    return lines
