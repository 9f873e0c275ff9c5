"""Read-only lookups of projects (who may see one: ``engine.visibility``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import OWNER
from .models import Project


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


def owned_projects(session: Session, actor: Actor) -> list[Project]:
    """The owner's own projects (nobody else owns any; an agent's are ``engine.delegated_projects``)."""
    if actor.role != OWNER:
        return []
    return list(session.scalars(select(Project).where(Project.owner_id == actor.user_id)
                                .order_by(Project.registered_at)))
