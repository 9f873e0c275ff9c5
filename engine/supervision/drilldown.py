"""电子监察 drill-down: from the board to one department's open items (with their deadlines), and from an item
to its clock — every event (started, paused and why, resumed, extended, stopped) and how it reads now.

Read-only; supervisors and administrators only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clocks import PAUSE_REASON_LABELS
from ..errors import NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import ADMINISTRATOR, DEPARTMENTS, SUPERVISOR
from ..projects.models import Project
from ..runtime import Runtime
from ..time_limits.calendar_store import working_calendar
from ..time_limits.ledger import ClockLine, clock_lines, item_key
from ..time_limits.models import ClockEventRow
from ..work_items.due import Deadline, reading
from ..work_items.models import WorkItem
from ..work_items.queries import COUNT_CAP
from .board import PER_PAGE, after_position, capped_count, deadline_order, position_of

EVENT_NAMES = {"started": "开始计时", "paused": "暂停计时", "resumed": "恢复计时", "extended": "延长时限",
               "stopped": "办结，停止计时"}


@dataclass(frozen=True)
class OpenItem:
    """One open item of a department, with its deadline as it reads now."""

    task_id: str
    clock_key: str
    project_code: str
    project_name: str
    name: str
    stage: str
    claimed: bool
    since: datetime
    deadline: Deadline


@dataclass(frozen=True)
class DepartmentWork:
    """One page of a department's open items; ``count`` exact up to ``COUNT_CAP`` (``more`` beyond) and
    ``next_after`` the position of the next page (None on the last)."""

    code: str
    name: str
    items: list[OpenItem]
    count: int = 0
    more: bool = False
    next_after: str | None = None


def department_work(session: Session, runtime: Runtime, actor: Actor, department_code: str,
                    after: str | None = None) -> DepartmentWork:
    """The department's open items, the nearest deadline first (items without one last), one keyset page
    after the position ``after`` (the first page without it).

    :raise NotAllowed: not a supervisor or administrator. :raise NotFound: no such department.
    :raise FormRejected: ``after`` is not a position this function gave out."""
    require_supervisor(actor)
    if department_code not in DEPARTMENTS:
        raise NotFound("没有这个部门", department_code=department_code)
    scope = [WorkItem.department_code == department_code]
    stmt = (select(WorkItem, Project.name).join(Project, Project.code == WorkItem.project_code)
            .where(*scope, *([after_position(after)] if after is not None else [])).order_by(*deadline_order())
            .limit(PER_PAGE + 1))
    now, calendar = runtime.now(), working_calendar(session)
    found = list(session.execute(stmt))
    items = [OpenItem(w.task_id, item_key(w.task_id), w.project_code, name, w.name, w.stage, w.claimed_by is not None,
                      w.since, reading(w.status, w.warn_at, w.due_at, now, calendar)) for w, name in found[:PER_PAGE]]
    last = found[PER_PAGE - 1][0] if len(found) > PER_PAGE else None
    count = capped_count(session, scope)
    return DepartmentWork(department_code, DEPARTMENTS[department_code], items, min(count, COUNT_CAP),
                          count > COUNT_CAP, position_of(last.due_at, last.since, last.task_id) if last else None)


@dataclass(frozen=True)
class ClockEntry:
    at: datetime
    what: str
    detail: str


@dataclass(frozen=True)
class ClockDetail:
    """One clock: whose it is, how it reads now, and its events in order."""

    project_code: str
    project_name: str
    line: ClockLine
    events: list[ClockEntry]
    department_code: str | None


def clock_detail(session: Session, runtime: Runtime, actor: Actor, clock_key: str) -> ClockDetail:
    """Every event of the clock ``clock_key`` and its reading now.

    :raise NotAllowed: not a supervisor or administrator. :raise NotFound: no such clock."""
    require_supervisor(actor)
    rows = list(session.scalars(select(ClockEventRow).where(ClockEventRow.clock_key == clock_key)
                                .order_by(ClockEventRow.id)))
    if not rows:
        raise NotFound("没有该计时记录", clock_key=clock_key)
    project = session.get_one(Project, rows[0].project_code)
    line = next(c for c in clock_lines(session, project.code, runtime.now()) if c.key == clock_key)
    return ClockDetail(project.code, project.name, line, [_entry(r) for r in rows], rows[0].department_code)


def _entry(row: ClockEventRow) -> ClockEntry:
    if row.kind == "started":
        detail = f"时限 {row.limit_days} 个工作日"
    elif row.kind == "paused":
        detail = "原因：" + PAUSE_REASON_LABELS.get(row.reason or "correction", row.reason or "补正")  # type: ignore[call-overload]
    elif row.kind == "extended":
        detail = f"延长 {row.days} 个工作日" + (f"（{row.reason}）" if row.reason else "")
    else:
        detail = ""
    return ClockEntry(row.at, EVENT_NAMES.get(row.kind, row.kind), detail)


def require_supervisor(actor: Actor) -> None:
    if actor.role not in (SUPERVISOR, ADMINISTRATOR):
        raise NotAllowed("只有电子监察人员可以查看", role=actor.role)
