"""Inbox queries. They read the work-item table only, never workflow state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ..agency.rules import delegated_work_item, now_of
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT, DEPARTMENT_LEAD, EXAMINER, OWNER, WINDOW_CLERK
from ..projects.models import Project
from ..runtime import Runtime
from .models import WorkItem


@dataclass(frozen=True)
class InboxFilter:
    stage: str | None = None
    status: str | None = None
    mine_only: bool = False
    project_code: str | None = None


@dataclass(frozen=True)
class InboxRow:
    task_id: str
    instance_id: int
    project_code: str
    project_name: str
    name: str
    stage: str
    lane: str
    department_code: str | None
    form_key: str
    status: str
    claimed_by: int | None
    since: datetime


def inbox(session: Session, actor: Actor, flt: InboxFilter | None = None, *, page: int = 1,
          per_page: int = 50, runtime: Runtime | None = None) -> tuple[list[InboxRow], int]:
    """The work items this actor may act on, oldest first, one page at a time, with the total.

    An agent has one inbox across every delegated project: the owner-lane items whose stage and act a
    grant in force at ``runtime``'s clock (the system clock without one) covers.
    """
    stmt = _visible(actor, flt or InboxFilter(), now_of(runtime))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    rows = session.execute(stmt.order_by(WorkItem.since, WorkItem.task_id)
                           .offset((max(page, 1) - 1) * per_page).limit(per_page))
    return [InboxRow(*row) for row in rows], total


def _visible(actor: Actor, flt: InboxFilter, now: datetime | None = None) -> Select:
    stmt = select(WorkItem.task_id, WorkItem.instance_id, WorkItem.project_code, Project.name, WorkItem.name,
                  WorkItem.stage, WorkItem.lane, WorkItem.department_code, WorkItem.form_key, WorkItem.status,
                  WorkItem.claimed_by, WorkItem.since).join(Project, Project.code == WorkItem.project_code)
    stmt = _scope(stmt, actor, now)
    if flt.stage:
        stmt = stmt.where(WorkItem.stage == flt.stage)
    if flt.status:
        stmt = stmt.where(WorkItem.status == flt.status)
    if flt.mine_only:
        stmt = stmt.where(WorkItem.claimed_by == actor.user_id)
    if flt.project_code:
        stmt = stmt.where(WorkItem.project_code == flt.project_code)
    return stmt


def _scope(stmt: Select, actor: Actor, now: datetime | None) -> Select:
    if actor.role == OWNER:
        return stmt.where(WorkItem.role == OWNER, Project.owner_id == actor.user_id)
    if actor.role == AGENT:
        return stmt.where(WorkItem.role == OWNER, delegated_work_item(actor.user_id, now or now_of(None)))
    if actor.role == WINDOW_CLERK:
        return stmt.where(WorkItem.role == WINDOW_CLERK)
    if actor.role in (EXAMINER, DEPARTMENT_LEAD):
        return stmt.where(WorkItem.role == EXAMINER, WorkItem.department_code == actor.department_code)
    return stmt.where(False)
