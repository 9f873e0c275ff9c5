"""What the 分阶段施工许可 pages show: the project's phases in order with each one's application, permit and
what may be done next (the owner's or agent's page), and the applications the housing department has to
issue (its own list)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotAllowed
from ..issuance import Certificate
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT, DEPARTMENT_LEAD, EXAMINER, OWNER
from ..projects.models import Project
from ..runtime import Runtime
from ..visibility import visible_project
from .models import AWAITING_COMMITMENT, ISSUED, PHASE_STATUS_NAMES, SUBMITTED, PhasePermitApplication
from .phases import ISSUING_DEPARTMENT, Phase, phase_applications, phases_for


@dataclass(frozen=True)
class PhaseLine:
    """One phase of the project: its application (None before anyone applied) and its permit's number."""

    phase: Phase
    application: PhasePermitApplication | None
    certificate_number: str | None

    @property
    def status_name(self) -> str:
        return PHASE_STATUS_NAMES[self.application.status] if self.application else "未申请"


@dataclass(frozen=True)
class PhasePermitPage:
    project: Project
    lines: tuple[PhaseLine, ...]
    next_phase: Phase | None  # the phase that may be applied for now (the one after the last issued)
    first_application: bool  # nobody applied yet: the parties and contract are asked for
    may_apply: bool  # the owner, or an agent (the engine checks the agent's grant when it applies)

    @property
    def awaiting_commitment(self) -> tuple[PhaseLine, ...]:
        return tuple(line for line in self.lines
                     if line.application is not None and line.application.status == AWAITING_COMMITMENT)


@dataclass(frozen=True)
class IssuanceLine:
    """An application waiting for (or held up before) the housing department's issuance."""

    application: PhasePermitApplication
    project: Project
    phase: Phase
    materials: dict[str, Any]  # the parties and contract, as the project's first phase application entered them

    @property
    def status_name(self) -> str:
        return PHASE_STATUS_NAMES[self.application.status]

    @property
    def ready(self) -> bool:
        return self.application.status == SUBMITTED


def phase_permit_page(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> PhasePermitPage:
    """The project's phases for whoever may see the project.

    :raise NotFound: a project the actor may not see.
    """
    project = visible_project(session, actor, project_code, runtime=runtime)
    applications = {a.phase: a for a in phase_applications(session, actor, project.code, runtime=runtime)}
    numbers = _numbers(session, [a.certificate_id for a in applications.values() if a.certificate_id])
    phases = phases_for(runtime)
    lines = tuple(PhaseLine(p, applications.get(p.code),
                            numbers.get(applications[p.code].certificate_id or 0) if p.code in applications else None)
                  for p in phases)
    return PhasePermitPage(project, lines, _next_phase(lines), not applications, actor.role in (OWNER, AGENT))


def phase_permits_to_issue(session: Session, runtime: Runtime, actor: Actor) -> list[IssuanceLine]:
    """Every phase application not yet issued, oldest first, for the housing department's staff: those the
    owner committed to are ready; those still awaiting the owner's commitment are listed as held up.

    :raise NotAllowed: anyone but staff of the housing department.
    """
    if actor.role not in (EXAMINER, DEPARTMENT_LEAD) or actor.department_code != ISSUING_DEPARTMENT:
        raise NotAllowed("只有住房和城乡建设局可以核发分阶段施工许可", role=actor.role)
    phases = {p.code: p for p in phases_for(runtime)}
    rows = session.execute(select(PhasePermitApplication, Project)
                           .join(Project, Project.code == PhasePermitApplication.project_code)
                           .where(PhasePermitApplication.status.in_((SUBMITTED, AWAITING_COMMITMENT)))
                           .order_by(PhasePermitApplication.submitted_at, PhasePermitApplication.id))
    return [IssuanceLine(a, p, phases[a.phase], _materials(session, a)) for a, p in rows if a.phase in phases]


def _next_phase(lines: tuple[PhaseLine, ...]) -> Phase | None:
    for index, line in enumerate(lines):
        if line.application is None:
            before = lines[index - 1].application if index else None
            return line.phase if index == 0 or (before is not None and before.status == ISSUED) else None
    return None


def _materials(session: Session, application: PhasePermitApplication) -> dict[str, Any]:
    if application.materials_from_id is None:
        return application.materials
    return session.get_one(PhasePermitApplication, application.materials_from_id).materials


def _numbers(session: Session, certificate_ids: list[int]) -> dict[int, str]:
    if not certificate_ids:
        return {}
    query = select(Certificate.id, Certificate.number).where(Certificate.id.in_(certificate_ids))
    return {row.id: row.number for row in session.execute(query)}
