"""The supervisor board as a table to download (CSV or XLSX, written by the web layer): every open item with
its department, project, arrival, deadline and 正常/预警/逾期 state, the nearest deadline first.

Rows are streamed from the database (``yield_per``), so an export of many items holds one batch at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..catalogue.stages import stage_name
from ..clocks import CHINA_TZ
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENTS
from ..projects.models import Project
from ..runtime import Runtime
from ..time_limits.calendar_store import working_calendar
from ..work_items.due import Deadline, reading
from ..work_items.models import READY, WorkItem
from .drilldown import require_supervisor

HEADERS = ("部门", "项目代码", "项目名称", "阶段", "事项", "状态", "到达时间", "办理期限", "时限状态", "剩余工作日",
           "超期工作日")
BATCH = 1000


def board_rows(session: Session, runtime: Runtime, actor: Actor) -> Iterator[tuple[str | int | None, ...]]:
    """Every open item as one row of ``HEADERS``; dates as ``YYYY-MM-DD`` and times in Beijing time.

    :raise NotAllowed: not a supervisor or administrator (checked before the first row)."""
    require_supervisor(actor)
    return _rows(session, runtime)


def _rows(session: Session, runtime: Runtime) -> Iterator[tuple[str | int | None, ...]]:
    now, calendar = runtime.now(), working_calendar(session)
    stmt = (select(WorkItem, Project.name).join(Project, Project.code == WorkItem.project_code)
            .order_by(WorkItem.due_at.asc().nulls_last(), WorkItem.since, WorkItem.task_id)
            .execution_options(yield_per=BATCH))
    for item, project_name in session.execute(stmt):
        d = reading(item.status, item.warn_at, item.due_at, now, calendar)
        yield (DEPARTMENTS.get(item.department_code or "", item.lane), item.project_code, project_name,
               stage_name(item.stage), item.name, "待办理" if item.status == READY else "等待申请人补正",
               local_time(item.since), d.due_on.isoformat() if d.due_on else None, _state(d),
               d.days_left, d.overdue_days or None)


def local_time(moment: datetime) -> str:
    return moment.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")


def _state(d: Deadline) -> str:
    return {"无": "无时限", "暂停": "暂停计时（补正）", "待定": "期限待定"}.get(d.state, d.state)
