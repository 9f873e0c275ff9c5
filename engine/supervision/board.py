"""The supervisors' board of open work and a department's open items, read in pages that do not grow with
the province's queue: per group the longest-waiting rows and a count capped at ``COUNT_CAP`` (each an index
range: ``ix_work_item_board_*``), and a department's items one keyset page at a time (``after``: the last
row's position, never an OFFSET).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, literal, or_, select, tuple_
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from ..errors import FormRejected
from ..organisation.lanes import DEPARTMENTS, LANES
from ..projects.models import Project
from ..work_items.models import WorkItem
from ..work_items.queries import COUNT_CAP

BOARD_ROWS = 10  # the longest-waiting items shown per group; the department page lists them all, page by page
PER_PAGE = 50


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
    """The open work items of one department (``code``) or lane (the window, applicants): how many (exact up
    to ``COUNT_CAP``; ``more`` beyond) and the longest-waiting ``BOARD_ROWS`` of them."""

    who: str
    code: str | None
    count: int
    more: bool
    rows: list[BoardRow]


def board_groups(session: Session, now: datetime) -> list[BoardGroup]:
    """Every group with open items: the lanes without a department first, then departments in their order."""
    scopes: list[tuple[str, str | None, list[ColumnElement[bool]]]] = [
        (name, None, [WorkItem.department_code.is_(None), WorkItem.lane == name])
              for name in sorted(n for n, lane in LANES.items() if lane.department_code is None)]
    scopes += [(name, code, [WorkItem.department_code == code]) for code, name in DEPARTMENTS.items()]
    groups = []
    for who, code, scope in scopes:
        count = capped_count(session, scope)
        if count:
            stmt = (select(WorkItem, Project.name).join(Project, Project.code == WorkItem.project_code)
                    .where(*scope).order_by(WorkItem.since, WorkItem.task_id).limit(BOARD_ROWS))
            rows = [BoardRow(w.project_code, name, w.name, w.stage, w.status, w.claimed_by is not None, w.since,
                             now - w.since) for w, name in session.execute(stmt)]
            groups.append(BoardGroup(who, code, min(count, COUNT_CAP), count > COUNT_CAP, rows))
    return groups


def capped_count(session: Session, scope: list[ColumnElement[bool]]) -> int:
    """How many open items match, counting at most ``COUNT_CAP + 1`` index entries."""
    ids = select(WorkItem.task_id).where(*scope).limit(COUNT_CAP + 1).subquery()
    return session.scalar(select(func.count()).select_from(ids)) or 0


def deadline_order() -> tuple[Any, ...]:
    """A department's items: the nearest deadline first, items without one last, then oldest first."""
    return WorkItem.due_at.asc().nulls_last(), WorkItem.since, WorkItem.task_id


def after_position(after: str) -> ColumnElement[bool]:
    """Rows after the position ``after`` (``position_of``) in ``deadline_order``.

    :raise FormRejected: not a position this module gave out."""
    try:
        due_text, since_text, task_id = after.split("|")
        due = None if due_text == "-" else datetime.fromisoformat(due_text)
        since = datetime.fromisoformat(since_text)
    except ValueError:
        raise FormRejected("department_work", {"after": ["翻页位置无效，请从第一页重新打开"]}) from None
    if since.tzinfo is None or (due is not None and due.tzinfo is None) or not 0 < len(task_id) <= 36:
        raise FormRejected("department_work", {"after": ["翻页位置无效，请从第一页重新打开"]})
    later = tuple_(WorkItem.since, WorkItem.task_id) > tuple_(literal(since, WorkItem.since.type),
                                                               literal(task_id, WorkItem.task_id.type))
    if due is None:
        return and_(WorkItem.due_at.is_(None), later)
    return or_(WorkItem.due_at > due, and_(WorkItem.due_at == due, later), WorkItem.due_at.is_(None))


def position_of(due_at: datetime | None, since: datetime, task_id: str) -> str:
    due = due_at.astimezone(UTC).isoformat(timespec="microseconds") if due_at else "-"
    return f"{due}|{since.astimezone(UTC).isoformat(timespec='microseconds')}|{task_id}"
