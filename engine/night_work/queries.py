"""Who sees which night-work applications: the applicant its project's, the reviewing department its queue,
the supervising department (and 电子监察) the approved nights to come, the public every current notice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clocks.segments import local_date
from ..errors import NotAllowed
from ..organisation.actors import Actor
from ..organisation.lanes import ADMINISTRATOR, DEPARTMENT_LEAD, EXAMINER, SUPERVISOR
from ..projects.models import Project
from ..runtime import Runtime
from ..visibility import visible_project
from .models import APPROVED, PENDING, NightWorkPermit
from .rules import DEFAULT_RULES, NightWorkRules

PUBLIC_DAYS_AFTER = 7  # a notice stays public for a week after its last night, for complaints


@dataclass(frozen=True)
class NightWorkRow:
    """A permit with the project it belongs to, as lists print it."""

    permit: NightWorkPermit
    project_name: str
    site_address: str


def night_work_for_project(session: Session, runtime: Runtime, actor: Actor, code: str) -> list[NightWorkPermit]:
    """The project's applications, newest first, for anyone who may see the project."""
    project = visible_project(session, actor, code, runtime=runtime)
    return list(session.scalars(select(NightWorkPermit).where(NightWorkPermit.project_code == project.code)
                                .order_by(NightWorkPermit.id.desc())))


def review_queue(session: Session, actor: Actor, rules: NightWorkRules = DEFAULT_RULES) -> list[NightWorkRow]:
    """Applications waiting for the reviewing department, oldest first."""
    if actor.role not in (EXAMINER, DEPARTMENT_LEAD) or actor.department_code != rules.reviewing_department:
        raise NotAllowed("只有负责审查夜间施工的部门可以查看待审申请")
    return _rows(session, NightWorkPermit.status == PENDING, NightWorkPermit.id)


def supervision_list(session: Session, runtime: Runtime, actor: Actor,
                     rules: NightWorkRules = DEFAULT_RULES) -> list[NightWorkRow]:
    """Approved night work still to come or under way, pushed to the supervising department (审管联动)."""
    in_charge = actor.role in (EXAMINER, DEPARTMENT_LEAD) and actor.department_code == rules.supervising_department
    if not (in_charge or actor.role in (SUPERVISOR, ADMINISTRATOR)):
        raise NotAllowed("只有夜间施工的监管部门和电子监察可以查看")
    today = local_date(runtime.now())
    return _rows(session, (NightWorkPermit.status == APPROVED) & (NightWorkPermit.last_night >= today),
                 NightWorkPermit.first_night)


def public_night_work_notices(session: Session, runtime: Runtime) -> list[NightWorkRow]:
    """Every approval whose nights are to come or ended less than a week ago (公示, no sign-in)."""
    since: date = local_date(runtime.now()) - timedelta(days=PUBLIC_DAYS_AFTER)
    return _rows(session, (NightWorkPermit.status == APPROVED) & (NightWorkPermit.last_night >= since),
                 NightWorkPermit.first_night.desc())


def _rows(session: Session, condition: object, order: object) -> list[NightWorkRow]:
    query = (select(NightWorkPermit, Project.name, Project.site_address).join(Project)
             .where(condition).order_by(order).limit(500))  # type: ignore[arg-type]
    return [NightWorkRow(p, name, site or "") for p, name, site in session.execute(query)]
