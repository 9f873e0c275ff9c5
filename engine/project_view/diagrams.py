"""The owner's progress view: each process of a project drawn from its DI, with run state marked.

Read-only. The workflow is loaded to ask which elements are done, under way or waiting, then handed
back to the runtime cache unchanged (never saved). The drawing itself is ``bpmn.diagram``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import bpmn
from bpmn.diagram import element_names, flow_node_ids, render_svg

from ..adjustments.queries import TimeAdjustments, time_adjustments
from ..audit.models import AuditEvent
from ..catalogue import approval_files, main_process_id, stages_of
from ..extensions import ApplicantToDo, ApplicantToDos, ProjectTracks, TrackSection, registry
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT, OWNER
from ..processes import workflow
from ..processes.approval import MAIN_APPROVAL
from ..processes.models import ProcessInstance
from ..projects.models import Project
from ..runtime import Runtime
from ..time_limits.ledger import ClockLine, clock_lines
from ..visibility import open_supplements, visible_project, visible_trail
from ..work_items.models import AWAITING_SUPPLEMENT, SupplementRequest, WorkItem
from ..work_items.queries import InboxFilter, InboxRow, inbox
from .progress import ProjectProgress, progress

STATE_NAMES = {"completed": "已完成", "active": "进行中", "waiting": "等待中", "idle": "未开始"}


@dataclass(frozen=True)
class ElementLine:
    """One named element of a diagram and its state, for the text equivalent of the drawing."""

    bpmn_id: str
    name: str
    state: str

    @property
    def state_name(self) -> str:
        return STATE_NAMES[self.state]


@dataclass(frozen=True)
class StageDiagram:
    """A process of the project as an inline SVG (ids unique on the page) plus its element states."""

    name: str
    process_id: str
    svg: str
    elements: list[ElementLine] = field(default_factory=list)

    @property
    def current(self) -> bool:
        """Something in it is under way or waiting."""
        return any(e.state in {"active", "waiting"} for e in self.elements)


@dataclass(frozen=True)
class ProgressView:
    """Everything the project page shows: stages and decisions, diagrams, timeline, what is asked of
    the viewer now (their own work items on the project and open correction notices), and the special
    procedures and extensions that changed an item's time limit."""

    project: Project
    progress: ProjectProgress
    diagrams: list[StageDiagram]
    timeline: list[AuditEvent]
    supplements: list[SupplementRequest]
    my_tasks: list[InboxRow]
    adjustments: TimeAdjustments
    clocks: list[ClockLine] = field(default_factory=list)  # days used and left, deadlines (some 暂定)
    tracks: list[TrackSection] = field(default_factory=list)  # beside the stages (水电气联动报装…), from features
    to_dos: list[ApplicantToDo] = field(default_factory=list)  # the applicant's, on features' pages (容缺补正…)


def progress_view(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> ProgressView:
    """The project page for anyone who may see the project. :raise NotFound: otherwise."""
    project = visible_project(session, actor, project_code, runtime=runtime)
    my_tasks, _ = inbox(session, actor, InboxFilter(project_code=project.code), per_page=100, runtime=runtime)
    return ProgressView(project, progress(session, actor, project.code, runtime=runtime),
                        stage_diagrams(session, runtime, actor, project.code),
                        visible_trail(session, actor, project.code, runtime=runtime),
                        open_supplements(session, actor, project.code, runtime=runtime), my_tasks,
                        time_adjustments(session, runtime, actor, project.code),
                        clock_lines(session, project.code, runtime.now()),
                        registry.ask_every(ProjectTracks(session, runtime, project.code)),
                        _to_dos(session, runtime, actor, project))


def _to_dos(session: Session, runtime: Runtime, actor: Actor, project: Project) -> list[ApplicantToDo]:
    """What features ask of the applicant: only the owner and agents acting for the owner are shown them."""
    if actor.role not in (OWNER, AGENT):
        return []
    return registry.ask_every(ApplicantToDos(session, runtime, project.code))


def stage_diagrams(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> list[StageDiagram]:
    """The main process and the stages of a project's category, for anyone who may see the project.

    A project whose approval has not started shows the models its category would start with now.

    :raise NotFound: no such project, or the actor may not see it.
    """
    project = visible_project(session, actor, project_code, runtime=runtime)
    instance = session.scalar(select(ProcessInstance).where(ProcessInstance.project_code == project.code,
                                                            ProcessInstance.kind == MAIN_APPROVAL))
    if instance is None:
        library = runtime.current_library(approval_files(session, project.category, runtime.now()))
        states: dict[str, dict[str, str]] = {}
        main_process = main_process_id(project.category)
    else:
        library, states = _states(session, runtime, instance)
        main_process = instance.process_id
    processes = [("审批总流程", main_process)] + [(s.name, s.process_id) for s in stages_of(project.category)]
    return [_diagram(library, name, process_id, states.get(process_id, {}), index)
            for index, (name, process_id) in enumerate(processes)]


def _states(session: Session, runtime: Runtime, instance: ProcessInstance) -> tuple[Any, dict[str, dict[str, str]]]:
    run = workflow.load(session, runtime, instance)
    try:
        states = run.element_states()
    finally:
        runtime.put_cached(instance.id, instance.revision, run)
    # A review parked behind a correction notice is READY in the workflow but waits for the applicant.
    parked = session.execute(select(WorkItem.stage, WorkItem.bpmn_id).where(
        WorkItem.instance_id == instance.id, WorkItem.status == AWAITING_SUPPLEMENT))
    for stage, bpmn_id in parked:
        states.setdefault(stage, {})[bpmn_id] = "waiting"
    return run.library, states


def _diagram(library: bpmn.ProcessLibrary, name: str, process_id: str, states: dict[str, str],
             index: int) -> StageDiagram:
    xml = library.diagram(process_id)
    names = element_names(xml)
    elements = [ElementLine(key, names[key], states.get(key, "idle")) for key in flow_node_ids(xml) if key in names]
    svg = _unique_ids(render_svg(xml, states, title=name), f"diagram-{index}")
    return StageDiagram(name, process_id, svg, elements)


def _unique_ids(svg: str, prefix: str) -> str:
    """Several diagrams share one page: give each its own title/desc ids (``aria-labelledby``)."""
    return (svg.replace('aria-labelledby="t d"', f'aria-labelledby="{prefix}-t {prefix}-d"', 1)
            .replace('<title id="t">', f'<title id="{prefix}-t">', 1)
            .replace('<desc id="d">', f'<desc id="{prefix}-d">', 1))
