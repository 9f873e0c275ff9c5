"""Progress of a project through its category's stages, from the side tables (never the workflow blob)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forms import keys

from ..catalogue import categories, stages_of
from ..catalogue.stages import Stage
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENTS
from ..processes.models import ProcessInstance
from ..runtime import Runtime, system_clock
from ..time_limits.rules import limits_for
from ..work_items.models import AWAITING_SUPPLEMENT, IN_SPECIAL_PROCEDURE, Decision, WorkItem
from .models import StageApplication
from .queries import visible_project

NOT_STARTED, APPLYING, AWAITING_ACCEPTANCE, IN_REVIEW, AWAITING_CORRECTION, RETURNED, ISSUED, WITHDRAWN = (
    "未开始", "待申报", "待受理", "审查中", "待补正", "已退回", "已办结", "已撤回")


@dataclass(frozen=True)
class TaskLine:
    name: str
    who: str
    status: str


@dataclass(frozen=True)
class DecisionLine:
    """A decision as people read it; ``deemed``: nobody answered, the system recorded 同意 (超时默许)."""

    task_name: str
    who: str
    outcome: str | None
    opinion: str
    deemed: bool = False


@dataclass(frozen=True)
class StageProgress:
    number: int
    name: str
    status: str
    rounds: int
    open_tasks: list[TaskLine] = field(default_factory=list)
    decisions: list[DecisionLine] = field(default_factory=list)
    limit_days: int | None = None


@dataclass(frozen=True)
class ProjectProgress:
    """``total_limit_days``: the category's total limit — bound at the first acceptance (``limits_bound``),
    before that the one in force today."""

    project_code: str
    project_name: str
    instance_id: int | None
    instance_status: str | None
    stages: list[StageProgress]
    category: str = ""
    category_name: str = ""
    total_limit_days: int | None = None
    limits_bound: bool = False


def progress(session: Session, actor: Actor, project_code: str, *, runtime: Runtime | None = None) -> ProjectProgress:
    """Per stage: status, application rounds, open tasks and every decision taken so far. (``runtime``:
    the clock an agent's grant is checked at, see ``visible_project``.)"""
    project = visible_project(session, actor, project_code, runtime=runtime)
    instance = session.scalar(select(ProcessInstance).where(ProcessInstance.project_code == project.code,
                                                            ProcessInstance.kind == "main_approval"))
    limits = limits_for(session, project, runtime.now() if runtime else system_clock())
    mine = stages_of(project.category)
    stages = [_stage(session, instance, s) for s in mine] if instance else [
        StageProgress(s.number, s.name, NOT_STARTED, 0) for s in mine]
    stages = [replace(st, limit_days=limits.stage_days.get(s.process_id)) for st, s in zip(stages, mine, strict=True)]
    return ProjectProgress(project.code, project.name, instance.id if instance else None,
                           instance.status if instance else None, stages, project.category,
                           categories()[project.category].name, limits.total_days, limits.bound)


def _stage(session: Session, instance: ProcessInstance, stage: Stage) -> StageProgress:
    items = list(session.scalars(select(WorkItem).where(WorkItem.instance_id == instance.id,
                                                        WorkItem.stage == stage.process_id)))
    decisions = list(session.scalars(select(Decision).where(Decision.instance_id == instance.id,
                                                            Decision.stage == stage.process_id)
                                     .order_by(Decision.decided_at, Decision.id)))
    rounds = session.scalar(select(func.count(StageApplication.id)).where(
        StageApplication.instance_id == instance.id, StageApplication.stage == stage.process_id)) or 0
    status = _status(instance, items, decisions)
    return StageProgress(stage.number, stage.name, status, rounds,
                         [TaskLine(i.name, _who(i.department_code, i.lane), _item_status(i)) for i in items],
                         [DecisionLine(d.task_name, _who(d.department_code, ""), d.outcome, d.opinion,
                                       bool((d.data or {}).get("deemed_consent")))
                          for d in decisions])


_ISSUED_BY = {"issuance", "comprehensive_settlement"}  # its own issuance, or the 综合许可证 (stage 3)
_OPEN_STATES = (("resubmit", RETURNED), ("apply", APPLYING), (AWAITING_SUPPLEMENT, AWAITING_CORRECTION),
                ("accept", AWAITING_ACCEPTANCE))  # first match wins: a 补正 awaited is 待补正, not 待受理


def _status(instance: ProcessInstance, items: list[WorkItem], decisions: list[Decision]) -> str:
    outcomes = {d.form_key: d.outcome for d in decisions}
    if _ISSUED_BY & set(outcomes) and not items:  # a merged stage issues two permits, one after the other
        return ISSUED
    if outcomes.get(keys.RESUBMISSION_DECISION) == "withdraw":
        return WITHDRAWN
    marks = {i.bpmn_id for i in items} | {i.status for i in items}
    found = next((status for mark, status in _OPEN_STATES if mark in marks), None)
    return found or (IN_REVIEW if items or decisions else NOT_STARTED)


def _item_status(item: WorkItem) -> str:
    if item.status == AWAITING_SUPPLEMENT:
        return "等待申请人补正"
    if item.status == IN_SPECIAL_PROCEDURE:
        return "特别程序中（不计入办理时限）"
    return "已签收" if item.claimed_by else "待办理"


def _who(department_code: str | None, lane: str) -> str:
    return DEPARTMENTS.get(department_code or "", lane)
