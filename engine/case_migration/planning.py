"""The dry run: for every running approval (of one category, or all), what each stage would do — move to
today's models, keep its rules because the case has entered it, or nothing because its models are unchanged."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

import bpmn

from ..catalogue.categories import categories
from ..catalogue.plans import approval_files, approval_plan
from ..errors import NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import ADMINISTRATOR
from ..processes import workflow
from ..processes.models import ProcessInstance, ProcessSpec
from ..processes.workflow import RUNNING
from ..projects.models import Project
from ..projects.registration import MAIN_APPROVAL
from ..runtime import Runtime

MOVES, KEEPS, UNCHANGED = "moves", "keeps", "unchanged"
OUTCOME_NAMES = {MOVES: "迁移到现行目录", KEEPS: "已进入该阶段，保持原规则", UNCHANGED: "目录未变，无需迁移"}
PREVIEW_LIMIT = 1000  # a page of cases; the migration itself runs in batches over all of them


@dataclass(frozen=True)
class StageChange:
    process_id: str
    stage_name: str
    outcome: str

    @property
    def outcome_name(self) -> str:
        return OUTCOME_NAMES[self.outcome]


@dataclass(frozen=True)
class CasePlan:
    """What moving one running approval would do, stage by stage."""

    instance_id: int
    project_code: str
    project_name: str
    category: str
    spec_version: int
    stages: tuple[StageChange, ...]
    files: dict[str, str]  # the files the case would run on after the move (empty when nothing moves)
    failure: str = ""  # set when the moved version was tried and refused

    @property
    def movable(self) -> bool:
        return not self.failure and any(s.outcome == MOVES for s in self.stages)

    @property
    def blocked(self) -> bool:
        """A stage changed but this case cannot take it (it has entered the stage, or the move failed)."""
        return not self.movable and (bool(self.failure) or any(s.outcome == KEEPS for s in self.stages))

    @property
    def reason(self) -> str:
        """Why a case stays as it is (shown in the list of cases that cannot move)."""
        if self.failure:
            return self.failure
        if self.movable:
            return ""
        if any(s.outcome == KEEPS for s in self.stages):
            return "变化的阶段均已进入办理，保持原规则（未指定映射）"
        return "所用目录与现行目录相同"


def preview_migration(session: Session, runtime: Runtime, actor: Actor, category: str | None) -> list[CasePlan]:
    """Every running approval (of ``category``, or all) with what a migration would do; writes nothing.

    :raise NotAllowed: not an administrator. :raise NotFound: an unknown category.
    """
    require_administrator(actor)
    if category is not None and category not in categories():
        raise NotFound("未知的项目类别", category=category)
    current: dict[str, dict[str, str]] = {}
    plans = []
    for instance, project in session.execute(running_cases(category).limit(PREVIEW_LIMIT)):
        if project.category not in current:
            current[project.category] = approval_files(session, project.category, runtime.now())
        plans.append(case_plan(session, runtime, instance, project, current[project.category]))
    return plans


def require_administrator(actor: Actor) -> None:
    if actor.role != ADMINISTRATOR:
        raise NotAllowed("只有系统管理员可以迁移在办项目")


def running_cases(category: str | None) -> Select[ProcessInstance, Project]:
    query = (select(ProcessInstance, Project).join(Project, Project.code == ProcessInstance.project_code)
             .where(ProcessInstance.kind == MAIN_APPROVAL, ProcessInstance.status == RUNNING)
             .order_by(ProcessInstance.id))
    return query if category is None else query.where(Project.category == category)


def case_plan(session: Session, runtime: Runtime, instance: ProcessInstance, project: Project,
              generated: dict[str, str]) -> CasePlan:
    """Compare the case's files with today's, stage by stage, against the stages its state has entered."""
    spec = session.get_one(ProcessSpec, instance.spec_id)
    old = workflow.library_of(session, runtime, instance.spec_id)
    entered = bpmn.started_processes(instance.state)
    files, changes = dict(spec.files), []
    for stage in approval_plan(session, project.category, runtime.now()).stages:
        name = old.file_of(stage.process_id)
        outcome = _outcome(spec.files.get(name), generated.get(name), stage.process_id in entered)
        if outcome == MOVES:
            files[name] = generated[name]
        changes.append(StageChange(stage.process_id, stage.name, outcome))
    moved = any(c.outcome == MOVES for c in changes)
    return CasePlan(instance.id, project.code, project.name, project.category, spec.version, tuple(changes),
                    files if moved else {})


def _outcome(old: str | None, new: str | None, entered: bool) -> str:
    if old == new or new is None:
        return UNCHANGED
    return KEEPS if entered else MOVES
