"""What the 施工预许可 pages show: the project's pre-permits for whoever may see the project (the owner applies
there), and the valid pre-permits the housing department may convert into the formal 施工许可证."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotAllowed
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENT_LEAD, EXAMINER, OWNER
from ..projects.models import Project
from ..runtime import Runtime
from ..visibility import visible_project
from .models import VALID, PrePermit
from .prepermits import HOUSING, project_pre_permits
from .settings import settings_for


@dataclass(frozen=True)
class PrePermitPage:
    project: Project
    permits: tuple[PrePermit, ...]
    scope: str  # what a pre-permit allows (published)
    months: int  # how long it is valid
    may_apply: bool  # the owner in person: the commitment is the owner's alone (an agent is told so)


@dataclass(frozen=True)
class ConversionLine:
    permit: PrePermit
    project: Project


def pre_permit_page(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> PrePermitPage:
    """:raise NotFound: a project the actor may not see."""
    project = visible_project(session, actor, project_code, runtime=runtime)
    settings = settings_for(runtime)
    return PrePermitPage(project, tuple(project_pre_permits(session, project.code)), settings.pre_permit_scope,
                         settings.pre_permit_months, actor.role == OWNER)


def convertible_pre_permits(session: Session, actor: Actor) -> list[ConversionLine]:
    """Every valid pre-permit, the soonest to expire first, for the housing department's staff to convert.

    :raise NotAllowed: anyone but staff of the housing department.
    """
    if actor.role not in (EXAMINER, DEPARTMENT_LEAD) or actor.department_code != HOUSING:
        raise NotAllowed("只有住房和城乡建设部门可以核发正式施工许可")
    rows = session.execute(select(PrePermit, Project).join(Project, Project.code == PrePermit.project_code)
                           .where(PrePermit.status == VALID).order_by(PrePermit.valid_until, PrePermit.id))
    return [ConversionLine(permit, project) for permit, project in rows]
