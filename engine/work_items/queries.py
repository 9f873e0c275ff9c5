"""Inbox queries. They read the work-item table only, never workflow state."""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import Session

from ..agency.models import AgencyAuthorisation
from ..agency.rules import OWNER_TASK_ACTS, in_force, json_array_has, now_of
from ..catalogue.stages import ALL_STAGES
from ..errors import FormRejected, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import (
    AGENT,
    DEPARTMENT_LEAD,
    EXAMINER,
    OWNER,
    WINDOW_CLERK,
)
from ..projects.models import Project
from ..runtime import Runtime
from ..time_limits.calendar_store import working_calendar
from .due import Deadline, reading
from .models import WorkItem

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
    deadline: Deadline | None = None  # read at the inbox's clock (``work_items.due``)


COUNT_CAP = 1000
"""Inbox totals are exact up to this many items and shown as "1000+" beyond: counting every matching
row of a provincial queue costs more than the page itself and nobody reads past a thousand."""


@dataclass(frozen=True)
class InboxPage:
    """One page of an inbox: its rows, the total (exact up to ``COUNT_CAP``, else ``COUNT_CAP`` with
    ``more`` set) and the opaque position of the next page (None on the last page)."""

    rows: list[InboxRow]
    total: int
    more: bool
    next_after: str | None


def inbox(session: Session, actor: Actor, flt: InboxFilter | None = None, *, page: int = 1,
          per_page: int = 50, runtime: Runtime | None = None) -> tuple[list[InboxRow], int]:
    """The work items this actor may act on, oldest first (or nearest deadline first: ``InboxFilter.sort``),
    one page at a time, with the total
    (exact up to ``COUNT_CAP``; see ``inbox_page`` for pages that do not grow with the queue).

    An agent has one inbox across every delegated project: the owner-lane items whose stage and act a
    grant in force at ``runtime``'s clock (the system clock without one) covers.
    """
    found = inbox_page(session, actor, flt, page=page, per_page=per_page, runtime=runtime)
    return found.rows, found.total


def inbox_page(session: Session, actor: Actor, flt: InboxFilter | None = None, *, after: str | None = None,
               page: int = 1, per_page: int = 50, runtime: Runtime | None = None) -> InboxPage:
    """One page of the actor's inbox, oldest first or nearest deadline first (``InboxFilter.sort``; items
    without a running deadline last): the page after the position ``after`` (keyset, what the "next" links
    carry: its cost does not grow with the queue) or, without it, page ``page``. Each row carries its
    deadline read at ``runtime``'s clock.

    :raise FormRejected: ``after`` is not a position this function gave out.
    """
    flt, now = flt or InboxFilter(), now_of(runtime)
    by_due = flt.sort == BY_DUE
    stmt = _visible(actor, flt, now).order_by(
        *((WorkItem.due_at.asc().nulls_last(), WorkItem.task_id) if by_due else (WorkItem.since, WorkItem.task_id)))
    if after is not None:
        stmt = stmt.where(_after(*_position(after), by_due=by_due))
    else:
        stmt = stmt.offset((max(page, 1) - 1) * per_page)
    rows = [InboxRow(*row) for row in session.execute(stmt.limit(per_page + 1))]
    total = _capped_count(session, actor, flt, now)
    more_pages = len(rows) > per_page
    rows = _with_deadlines(session, rows[:per_page], now)
    return InboxPage(rows, min(total, COUNT_CAP), total > COUNT_CAP,
                     _position_of(rows[-1], by_due) if more_pages else None)


def _after(moment: datetime | None, task_id: str, *, by_due: bool) -> ColumnElement[bool]:
    """Rows after (``moment``, ``task_id``) in the inbox's order; in deadline order items without a deadline
    come last (``moment`` None: after such an item)."""
    if not by_due:
        if moment is None:  # only deadline order gives out such positions
            raise FormRejected("inbox", {"after": ["翻页位置无效，请从第一页重新打开"]})
        return tuple_(WorkItem.since, WorkItem.task_id) > tuple_(
            literal(moment, WorkItem.since.type), literal(task_id, WorkItem.task_id.type))
    if moment is None:
        return and_(WorkItem.due_at.is_(None), WorkItem.task_id > task_id)
    return or_(WorkItem.due_at > moment, and_(WorkItem.due_at == moment, WorkItem.task_id > task_id),
               WorkItem.due_at.is_(None))


def _with_deadlines(session: Session, rows: list[InboxRow], now: datetime) -> list[InboxRow]:
    """Each row with its deadline read at ``now`` (the page's rows only: the sort is the database's)."""
    if not rows:
        return rows
    calendar = working_calendar(session)
    return [replace(r, deadline=reading(r.status, r.warn_at, r.due_at, now, calendar)) for r in rows]


def _capped_count(session: Session, actor: Actor, flt: InboxFilter, now: datetime) -> int:
    """How many items match, counting at most ``COUNT_CAP + 1`` index entries."""
    ids = _scope(_filtered(select(WorkItem.task_id), flt, actor), actor, now, joined=False)
    return session.scalar(select(func.count()).select_from(ids.limit(COUNT_CAP + 1).subquery())) or 0


def _position_of(row: InboxRow, by_due: bool) -> str:
    moment = row.due_at if by_due else row.since
    stamp = moment.astimezone(UTC).isoformat(timespec="microseconds") if moment else "-"
    return base64.urlsafe_b64encode(f"{stamp}|{row.task_id}".encode()).decode().rstrip("=")


def _position(after: str) -> tuple[datetime | None, str]:
    """The (instant, task id) a position names; the instant is None after an item without a deadline."""
    try:
        stamp, task_id = base64.urlsafe_b64decode(after + "=" * (-len(after) % 4)).decode().split("|")
        return (None if stamp == "-" else datetime.fromisoformat(stamp)), task_id
    except (ValueError, UnicodeDecodeError) as exc:
        raise FormRejected("inbox", {"after": ["翻页位置无效，请从第一页重新打开"]}) from exc


def _visible(actor: Actor, flt: InboxFilter, now: datetime | None = None) -> Select[*tuple[Any, ...]]:
    stmt: Select[*tuple[Any, ...]] = select(
        WorkItem.task_id, WorkItem.instance_id, WorkItem.project_code, Project.name, WorkItem.name, WorkItem.stage,
        WorkItem.lane, WorkItem.department_code, WorkItem.form_key, WorkItem.status,
        WorkItem.claimed_by, WorkItem.since, WorkItem.warn_at, WorkItem.due_at, WorkItem.role
    ).join(Project, Project.code == WorkItem.project_code)
    return _scope(_filtered(stmt, flt, actor), actor, now)


def _filtered(stmt: Select[*tuple[Any, ...]], flt: InboxFilter, actor: Actor) -> Select[*tuple[Any, ...]]:
    if flt.stage:
        stmt = stmt.where(WorkItem.stage == flt.stage)
    if flt.status:
        stmt = stmt.where(WorkItem.status == flt.status)
    if flt.mine_only:
        stmt = stmt.where(WorkItem.claimed_by == actor.user_id)
    if flt.project_code:
        stmt = stmt.where(WorkItem.project_code == flt.project_code)
    return stmt


def _scope(stmt: Select[*tuple[Any, ...]], actor: Actor, now: datetime | None, *,
           joined: bool = True) -> Select[*tuple[Any, ...]]:
    """Only the items the actor may act on. ``joined=False``: ``stmt`` does not join ``project`` yet (a
    count reads the work-item index alone unless the scope needs the project's owner)."""
    if actor.role in (OWNER, AGENT) and not joined:
        stmt = stmt.join(Project, Project.code == WorkItem.project_code)
    if actor.role == OWNER:
        return stmt.where(WorkItem.role == OWNER, Project.owner_id == actor.user_id)
    if actor.role == AGENT:
        return stmt.where(WorkItem.role == OWNER, _delegated(actor.user_id, now or now_of(None)))
    if actor.role == WINDOW_CLERK:
        return stmt.where(WorkItem.role == WINDOW_CLERK)
    if actor.role in (EXAMINER, DEPARTMENT_LEAD):
        return stmt.where(WorkItem.role == EXAMINER, WorkItem.department_code == actor.department_code)
    return stmt.where(false())


def visible_item(session: Session, actor: Actor, task_id: str, *, runtime: Runtime | None = None) -> InboxRow:
    """The work item as the actor's inbox shows it.

    Only items the actor's inbox holds are found (an agent's grants checked at ``runtime``'s clock):
    another department's item answers "not found".

    :raise NotFound: no such work item, or not one the actor may act on.
    """
    stmt = _visible(actor, InboxFilter(), now_of(runtime)).where(WorkItem.task_id == str(task_id))
    row = session.execute(stmt).first()
    if row is None:
        raise NotFound("待办事项不存在", task_id=task_id)
    return _with_deadlines(session, [InboxRow(*row)], now_of(runtime))[0]


def _delegated(agent_id: int, now: datetime) -> ColumnElement[bool]:
    """SQL, correlated to ``work_item`` and ``project``: a grant in force lets this agent do this
    owner-lane item (its stage and the act its form needs, ``engine.agency.rules``). The agent's inbox."""
    g = AgencyAuthorisation
    stage = case({s.process_id: s.number for s in ALL_STAGES}, value=WorkItem.stage, else_=None)
    act = case(OWNER_TASK_ACTS, value=WorkItem.form_key, else_=None)
    return exists().where(
        g.agent_id == agent_id, g.project_code == WorkItem.project_code, g.owner_id == Project.owner_id,
        in_force(now), json_array_has(g.stages, cast(stage, Integer)), json_array_has(g.acts, cast(act, String)))
