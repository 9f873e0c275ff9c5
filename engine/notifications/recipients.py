"""Who is concerned: the project's side (the owner and the agents whose grant is in force), the window, a
department's examiners and lead, the supervisors."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..agency.models import AgencyAuthorisation
from ..agency.rules import in_force
from ..organisation.lanes import SUPERVISOR, WINDOW_CLERK
from ..organisation.models import UserAccount
from ..projects.models import Project
from .service import department_recipients, departments_recipients


def applicant_side(session: Session, project: Project, now: datetime) -> list[int]:
    """The owner, and every agent authorised for the project right now (they act on it for the owner)."""
    agents = session.scalars(select(AgencyAuthorisation.agent_id).where(
        AgencyAuthorisation.project_code == project.code, in_force(now)).order_by(AgencyAuthorisation.agent_id))
    return [project.owner_id, *agents]


def by_role(session: Session, role: str) -> list[int]:
    return list(session.scalars(select(UserAccount.id).where(UserAccount.role == role,
                                                             UserAccount.active.is_(True)).order_by(UserAccount.id)))


def window_clerks(session: Session) -> list[int]:
    return by_role(session, WINDOW_CLERK)


def supervisors(session: Session) -> list[int]:
    return by_role(session, SUPERVISOR)


def department(session: Session, code: str | None) -> list[int]:
    return department_recipients(session, code)


def departments(session: Session, codes: list[str | None]) -> dict[str, list[int]]:
    """``department`` of several departments, in one query."""
    return departments_recipients(session, codes)
