"""What the 容缺 and 告知承诺 pages show, one query per page: the project's acceptance modes (what the stage now
at the window may be accepted with missing, the signed cases, the listed 告知承诺 items and their decisions),
one 容缺 case with the files supplied for each material, and the window's list of cases to check."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..catalogue.stages import stage_numbers
from ..catalogue.store import items_in_force
from ..clocks.segments import local_date
from ..errors import NotAllowed, NotFound
from ..materials.queries import MaterialRow, material_rows
from ..organisation.actors import Actor
from ..organisation.lanes import WINDOW_CLERK
from ..processes.models import ProcessInstance
from ..projects.models import Project
from ..runtime import Runtime
from ..time_limits.calendar_store import refresh_calendar
from ..visibility import visible_project
from ..work_items.models import WorkItem
from .models import OPEN, RETURNED, SUPPLIED, SUSPENDED, CommitmentCase, ToleranceCase
from .published import CommitmentEntry, ToleranceEntry, commitment_list, listed_tolerance, tolerance_list
from .queries import ToleranceView, tolerance_view

WAITING = (OPEN, SUSPENDED, SUPPLIED)  # open cases the window follows


@dataclass(frozen=True)
class ToleranceOffer:
    """A listed item of the stage application now at the window: the owner may sign its 容缺 commitment."""

    instance_id: int
    stage: str
    entry: ToleranceEntry
    signed: bool


@dataclass(frozen=True)
class CommitmentOffer:
    """A listed 告知承诺 item and this project's decisions on it (newest first)."""

    entry: CommitmentEntry
    cases: tuple[CommitmentCase, ...]

    @property
    def decided(self) -> bool:
        """A decision stands (not revoked): the item is not offered again."""
        return any(c.status != "breached" for c in self.cases)


@dataclass(frozen=True)
class AcceptanceModes:
    project: Project
    offers: tuple[ToleranceOffer, ...]
    tolerance: tuple[ToleranceView, ...]
    commitments: tuple[CommitmentOffer, ...]


def acceptance_modes(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> AcceptanceModes:
    """The project's 容缺 offers and cases and its 告知承诺 items, for whoever may see the project.

    :raise NotFound: no such project, or one the actor may not see.
    """
    project = visible_project(session, actor, project_code, runtime=runtime)
    calendar, today = refresh_calendar(session, runtime), local_date(runtime.now())
    cases = list(session.scalars(select(ToleranceCase).where(ToleranceCase.project_code == project.code)
                                 .order_by(ToleranceCase.id)))
    decided = list(session.scalars(select(CommitmentCase).where(CommitmentCase.project_code == project.code)
                                   .order_by(CommitmentCase.id.desc())))
    commitments = tuple(CommitmentOffer(e, tuple(c for c in decided if c.item == e.item)) for e in commitment_list())
    return AcceptanceModes(project, _offers(session, runtime, project, cases),
                           tuple(tolerance_view(c, calendar, today) for c in cases), commitments)


def _offers(session: Session, runtime: Runtime, project: Project,
            cases: list[ToleranceCase]) -> tuple[ToleranceOffer, ...]:
    accept = session.scalar(select(WorkItem).join(ProcessInstance, ProcessInstance.id == WorkItem.instance_id).where(
        WorkItem.project_code == project.code, WorkItem.bpmn_id == "accept",
        ProcessInstance.kind == "main_approval").limit(1))  # a stage of the main approval, not the 综合许可证's
    if accept is None:
        return ()
    numbers = stage_numbers(accept.stage)
    in_stage = {i.code for i in items_in_force(session, project.category, runtime.now()) if i.stage in numbers}
    taken = {c.item for c in cases if c.instance_id == accept.instance_id and c.stage == accept.stage
             and c.status != RETURNED}
    return tuple(ToleranceOffer(accept.instance_id, accept.stage, e, e.item in taken)
                 for e in tolerance_list() if e.item in in_stage)


@dataclass(frozen=True)
class SuppliedItem:
    material: str
    files: tuple[MaterialRow, ...]


@dataclass(frozen=True)
class ToleranceCasePage:
    project: Project
    case: ToleranceCase
    view: ToleranceView
    entry: ToleranceEntry
    items: tuple[SuppliedItem, ...]

    @property
    def may_supply(self) -> bool:
        """Waiting for materials: before the deadline, or suspended within the grace period."""
        return self.case.status in (OPEN, SUSPENDED)


def tolerance_case_page(session: Session, runtime: Runtime, actor: Actor, case_id: int) -> ToleranceCasePage:
    """One 容缺 case with the files supplied for each missing material (since its acceptance).

    :raise NotFound: no such case, or one of a project the actor may not see.
    """
    case = session.get(ToleranceCase, case_id)
    if case is None:
        raise NotFound("没有该容缺事项", case_id=case_id)
    try:
        project = visible_project(session, actor, case.project_code, runtime=runtime)
    except NotFound:  # found from a case id: the refusal must not name the project
        raise NotFound("没有该容缺事项", case_id=case_id) from None
    calendar, now = refresh_calendar(session, runtime), runtime.now()
    since = case.accepted_at or case.signed_at
    rows = [r for r in material_rows(session, project.code, case.stage) if r.uploaded_at >= since]
    items = tuple(SuppliedItem(m, tuple(r for r in rows if r.requirement == m)) for m in case.missing_materials)
    return ToleranceCasePage(project, case, tolerance_view(case, calendar, local_date(now)),
                             listed_tolerance(case.item), items)


@dataclass(frozen=True)
class CaseRow:
    case: ToleranceCase
    project_name: str
    item_name: str


def tolerance_desk(session: Session, actor: Actor) -> list[CaseRow]:
    """The window's 容缺 cases still open — supplied ones (to check) first, then those waiting for materials.

    :raise NotAllowed: not the window.
    """
    if actor.role != WINDOW_CLERK:
        raise NotAllowed("只有综合窗口可以核验容缺材料")
    rows = session.execute(select(ToleranceCase, Project.name).join(Project, Project.code == ToleranceCase.project_code)
                           .where(ToleranceCase.status.in_(WAITING)).order_by(ToleranceCase.id))
    found = [CaseRow(case, name, listed_tolerance(case.item).name) for case, name in rows]
    return sorted(found, key=lambda r: (r.case.status != SUPPLIED, r.case.id))
