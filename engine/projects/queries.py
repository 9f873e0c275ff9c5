"""Read-only lookups of projects, with the visibility rules applied."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..agency.rules import may_view
from ..errors import NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import ADMINISTRATOR, AGENT, OWNER, SUPERVISOR, WINDOW_CLERK
from ..runtime import Runtime
from ..work_items.models import Decision, WorkItem
from .models import Project

_SEES_ALL = {WINDOW_CLERK, SUPERVISOR, ADMINISTRATOR}


def get_project(session: Session, code: str) -> Project:
    project = session.get(Project, code)
    if project is None:
        raise NotFound("项目不存在", project_code=code)
    return project


def lock_project(session: Session, code: str) -> Project:
    """Lock the project row for the rest of the transaction and read it fresh (NotFound if there is none).

    The row serialises the project's own audit chain (events without a process instance) and its
    one-per-project records (commissions, orders, phase applications): callers that write those take it.
    Where an instance is locked too, the instance comes first (the timer sweeper's order).
    """
    project = session.scalar(select(Project).where(Project.code == code).with_for_update()
                             .execution_options(populate_existing=True))
    if project is None:
        raise NotFound("项目不存在", project_code=code)
    return project


def project_for_owner(session: Session, actor: Actor, code: str) -> Project:
    """The project if the actor owns it. Someone else's project answers "not found", exactly like a
    project that does not exist, so guessing codes reveals nothing. Only the owner in person: an agent
    never gets the owner's own rights (``engine.agency.rules`` says what a grant lets an agent do)."""
    project = session.get(Project, code)
    if project is None or actor.role != OWNER or project.owner_id != actor.user_id:
        raise NotFound("项目不存在", project_code=code)
    return project


def visible_project(session: Session, actor: Actor, code: str, *, runtime: Runtime | None = None) -> Project:
    """The project if the actor may see it: its owner, staff who see every case, an examiner of a
    department that has (or had) work on it, or an agent whose grant in force includes 查看 (checked at
    ``runtime``'s clock; the system clock without one)."""
    if actor.role == OWNER:
        return project_for_owner(session, actor, code)
    if actor.role == AGENT:
        return _delegated(session, runtime, actor, code)
    project = get_project(session, code)
    if actor.role in _SEES_ALL or _department_involved(session, actor, code):
        return project
    raise NotFound("项目不存在", project_code=code)


def _department_involved(session: Session, actor: Actor, code: str) -> bool:
    if actor.department_code is None:
        return False
    for model in (WorkItem, Decision):
        stmt = select(model.project_code).where(model.project_code == code,
                                                model.department_code == actor.department_code).limit(1)
        if session.scalar(stmt) is not None:
            return True
    return False


def _delegated(session: Session, runtime: Runtime | None, actor: Actor, code: str) -> Project:
    project = session.get(Project, code)
    if project is None or not may_view(session, runtime, actor, project):
        raise NotFound("项目不存在", project_code=code)
    return project


def owned_projects(session: Session, actor: Actor) -> list[Project]:
    """The owner's own projects (nobody else owns any; an agent's are ``engine.delegated_projects``)."""
    if actor.role != OWNER:
        return []
    return list(session.scalars(select(Project).where(Project.owner_id == actor.user_id)
                                .order_by(Project.registered_at)))
