"""Inbox queries. They read the work-item table only, never workflow state."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

import forms

from ..acceptance.queries import SignedTolerance, signed_at_window
from ..agency.rules import delegated_work_item, now_of
from ..construction import comprehensive
from ..errors import FormRejected, NotAllowed, NotFound
from ..issuance.preview import IssuancePreview, issuance_preview
from ..materials.queries import StageMaterials, stage_materials
from ..organisation.actors import Actor
from ..organisation.lanes import (
    ADMINISTRATOR,
    AGENT,
    DEPARTMENT_LEAD,
    DEPARTMENTS,
    EXAMINER,
    OWNER,
    SUPERVISOR,
    WINDOW_CLERK,
)
from ..projects.models import Project, StageApplication
from ..runtime import Runtime
from ..time_limits.calendar_store import working_calendar
from .due import Deadline, reading
from .models import Decision, SupplementRequest, WorkItem

BY_ARRIVAL, BY_DUE = "since", "due"


@dataclass(frozen=True)
class InboxFilter:
    stage: str | None = None
    status: str | None = None
    mine_only: bool = False
    project_code: str | None = None
    sort: str = BY_ARRIVAL  # or BY_DUE: the nearest deadline first, items without one last


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
    warn_at: datetime | None = None
    due_at: datetime | None = None
    role: str = ""
    deadline: Deadline | None = None


def inbox(session: Session, actor: Actor, flt: InboxFilter | None = None, *, page: int = 1,
          per_page: int = 50, runtime: Runtime | None = None) -> tuple[list[InboxRow], int]:
    """The work items this actor may act on, oldest first, one page at a time, with the total.

    An agent has one inbox across every delegated project: the owner-lane items whose stage and act a
    grant in force at ``runtime``'s clock (the system clock without one) covers.
    """
    flt = flt or InboxFilter()
    stmt = _visible(actor, flt, now_of(runtime))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    order = (WorkItem.due_at.asc().nulls_last(), WorkItem.task_id) if flt.sort == BY_DUE else (
        WorkItem.since, WorkItem.task_id)
    rows = session.execute(stmt.order_by(*order).offset((max(page, 1) - 1) * per_page).limit(per_page))
    return _with_deadlines(session, [InboxRow(*row) for row in rows], now_of(runtime)), total


def _with_deadlines(session: Session, rows: list[InboxRow], now: datetime) -> list[InboxRow]:
    """Each row with its deadline read at ``now`` (the page's rows only: the sort is the database's)."""
    if not rows:
        return rows
    calendar = working_calendar(session)
    return [replace(r, deadline=reading(r.status, r.warn_at, r.due_at, now, calendar,
                                        always_limited=r.role == WINDOW_CLERK)) for r in rows]


def _visible(actor: Actor, flt: InboxFilter, now: datetime | None = None) -> Select:
    stmt = select(WorkItem.task_id, WorkItem.instance_id, WorkItem.project_code, Project.name, WorkItem.name,
                  WorkItem.stage, WorkItem.lane, WorkItem.department_code, WorkItem.form_key, WorkItem.status,
                  WorkItem.claimed_by, WorkItem.since, WorkItem.warn_at, WorkItem.due_at, WorkItem.role
                  ).join(Project, Project.code == WorkItem.project_code)
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


@dataclass(frozen=True)
class TaskContext:
    """What a person needs to decide a work item: the item, its project, the stage's latest
    application, every decision taken so far in the instance, this task's correction notices, and the
    stage's materials (checklist and attached files)."""

    item: InboxRow
    project: Project
    application: StageApplication | None
    decisions: list[Decision]
    supplements: list[SupplementRequest]
    materials: StageMaterials | None = None
    tolerance: list[SignedTolerance] = field(default_factory=list)  # 容缺 commitments awaiting the window
    preview: IssuancePreview | None = None  # what an issuance task's certificate will say


def task_context(session: Session, actor: Actor, task_id: str, *, runtime: Runtime | None = None,
                 issuance: dict | None = None) -> TaskContext:
    """The work item as its inbox shows it, with what it is about; an issuance task with the preview of its
    certificate (as the form ``issuance`` would issue it: validated here, empty by default).

    Only items the actor's inbox holds are found (an agent's grants checked at ``runtime``'s clock):
    another department's item answers "not found".

    :raise NotFound: no such work item, or not one the actor may act on.
    :raise FormRejected: ``issuance`` is not a valid issuance form (nothing is previewed).
    """
    stmt = _visible(actor, InboxFilter(), now_of(runtime)).where(WorkItem.task_id == str(task_id))
    row = session.execute(stmt).first()
    if row is None:
        raise NotFound("待办事项不存在", task_id=task_id)
    item = _with_deadlines(session, [InboxRow(*row)], now_of(runtime))[0]
    application = session.scalar(select(StageApplication).where(
        StageApplication.instance_id == item.instance_id, StageApplication.stage == item.stage)
        .order_by(StageApplication.round.desc()).limit(1))
    application = application or comprehensive.order_as_application(session, item.instance_id)
    decisions = session.scalars(select(Decision).where(Decision.instance_id == item.instance_id)
                                .order_by(Decision.decided_at, Decision.id))
    supplements = session.scalars(select(SupplementRequest).where(SupplementRequest.task_id == item.task_id)
                                  .order_by(SupplementRequest.requested_at, SupplementRequest.id))
    tolerance = signed_at_window(session, actor, item.instance_id, item.stage) if (
        actor.role == WINDOW_CLERK and item.form_key == "acceptance_decision") else []
    return TaskContext(item, session.get(Project, item.project_code), application, list(decisions),
                       list(supplements), stage_materials(session, item.project_code, item.stage), tolerance,
                       _preview(session, runtime, item, issuance))


def _preview(session: Session, runtime: Runtime | None, item: InboxRow, sent: dict | None) -> IssuancePreview | None:
    if item.form_key != "issuance" or runtime is None:
        return None
    try:
        clean = forms.validate("issuance", sent or {})
    except forms.FormInvalid as exc:
        raise FormRejected("issuance", exc.errors) from exc
    return issuance_preview(session, runtime, session.get(WorkItem, item.task_id), clean)


@dataclass(frozen=True)
class BoardRow:
    """One open work item on the supervision board, with how long it has been open."""

    project_code: str
    project_name: str
    name: str
    stage: str
    status: str
    claimed: bool
    since: datetime
    waited: timedelta


@dataclass(frozen=True)
class BoardGroup:
    """The open work items of one department (or of the window, or waiting for applicants)."""

    who: str
    rows: list[BoardRow]


def supervision_board(session: Session, runtime: Runtime, actor: Actor) -> list[BoardGroup]:
    """Every open work item, grouped by department, longest-waiting first within each group.

    Waiting time is calendar time since the item arrived (``since``); statutory clocks are elsewhere.

    :raise NotAllowed: the actor is not a supervisor or administrator.
    """
    if actor.role not in (SUPERVISOR, ADMINISTRATOR):
        raise NotAllowed("只有电子监察人员可以查看全部待办", role=actor.role)
    now = runtime.now()
    stmt = select(WorkItem, Project.name).join(Project, Project.code == WorkItem.project_code).order_by(
        WorkItem.since, WorkItem.task_id)
    groups: dict[str, list[BoardRow]] = {}
    for item, project_name in session.execute(stmt):
        who = DEPARTMENTS.get(item.department_code or "", item.lane)
        groups.setdefault(who, []).append(BoardRow(
            item.project_code, project_name, item.name, item.stage, item.status, item.claimed_by is not None,
            item.since, now - item.since))
    order = [*DEPARTMENTS.values()]
    return [BoardGroup(who, rows) for who, rows in
            sorted(groups.items(), key=lambda g: (order.index(g[0]) if g[0] in order else -1, g[0]))]
