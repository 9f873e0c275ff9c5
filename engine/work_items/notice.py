"""The window's 一次性告知书 (补正材料通知书): when the comprehensive window asks an applicant for materials, a
numbered notice is issued — every missing material, the legal basis and the date by which to supply — and kept
with the correction notice (``SupplementRequest.notice_number`` / ``supply_due``), so both the applicant and the
window can open the PDF. A department's own 补正 during review stays on the task page (no notice of its own).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from ..clocks import CHINA_TZ, END_OF_WORKING_DAY, UnknownCalendarYear, local_date
from ..issuance import Issue, issue_document
from ..issuance import settings_for as issuance_settings
from ..organisation.actors import Actor
from ..organisation.lanes import WINDOW_CLERK
from ..projects.models import Project
from ..projects.stages import stage_name
from ..runtime import Runtime
from ..time_limits.calendar_store import working_calendar
from .models import SupplementRequest, WorkItem

SUPPLY_DAYS = 10
"""Working days the applicant is given to supply (the office's practice, printed on the notice)."""
KIND = "supplement_notice"


def issue_window_notice(session: Session, runtime: Runtime, actor: Actor, item: WorkItem,
                        request: SupplementRequest) -> None:
    """Issue the numbered notice for a correction the window asked for (nothing for a department's)."""
    if item.role != WINDOW_CLERK:
        return
    project = session.get_one(Project, item.project_code)
    due = _supply_due(session, local_date(runtime.now()))
    materials = "；\n".join(f"{n}. {m}" for n, m in enumerate(request.materials, 1)) + "。"
    fields = [("项目名称", project.name), ("项目代码", project.code),
              ("申请事项", f"{stage_name(item.stage)}阶段申请"), ("需补正材料", materials),
              ("补正期限", _deadline_text(due))]
    if request.opinion:
        fields.append(("补正说明", request.opinion))
    notice = issue_document(session, runtime, actor, Issue(
        kind=KIND, project_code=project.code, instance_id=item.instance_id, stage=item.stage, department_code=None,
        holder=project.owner_name, issuing_authority=issuance_settings(runtime).authority("administrative_approval"),
        fields=tuple(fields)))
    request.notice_number = notice.number
    request.supply_due = due
    session.flush()


def _supply_due(session: Session, today: date) -> date | None:
    try:
        return working_calendar(session).add_working_days(today, SUPPLY_DAYS)
    except UnknownCalendarYear:  # the next year's holidays are not published yet: the notice counts days only
        return None


def _deadline_text(due: date | None) -> str:
    if due is None:
        return f"自收到本通知之日起{SUPPLY_DAYS}个工作日内"
    moment = datetime.combine(due, END_OF_WORKING_DAY, tzinfo=CHINA_TZ)
    return f"{moment.year}年{moment.month}月{moment.day}日17时30分前（{SUPPLY_DAYS}个工作日）"
