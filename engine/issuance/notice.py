"""The window's 一次性告知书 (补正材料通知书): when the comprehensive window asks an applicant for materials, a
numbered notice is issued — every missing material, the legal basis and the date by which to supply (the
correction's own period, ``SupplementRequest.due_at``) — and its number kept on the correction notice
(``SupplementRequest.notice_number``), so both the applicant and the window can open the PDF. A department's
own 补正 during review stays on the task page (no notice of its own).
"""

from __future__ import annotations

from datetime import datetime

from ..catalogue.stages import stage_name
from ..clocks import CHINA_TZ
from ..extensions import SupplementRequested
from ..organisation.lanes import WINDOW_CLERK
from ..projects.models import Project
from .register import Issue, issue_document
from .settings import settings_for

KIND = "supplement_notice"


def issue_window_notice(event: SupplementRequested) -> None:
    """Issue the numbered notice for a correction the window asked for (nothing for a department's)."""
    item, request, session = event.item, event.request, event.session
    if item.role != WINDOW_CLERK:
        return
    project = session.get_one(Project, item.project_code)
    materials = "；\n".join(f"{n}. {m}" for n, m in enumerate(request.materials, 1)) + "。"
    fields = [("项目名称", project.name), ("项目代码", project.code),
              ("申请事项", f"{stage_name(item.stage)}阶段申请"), ("需补正材料", materials),
              ("补正期限", _deadline_text(request.due_at))]
    if request.opinion:
        fields.append(("补正说明", request.opinion))
    notice = issue_document(session, event.runtime, event.actor, Issue(
        kind=KIND, project_code=project.code, instance_id=item.instance_id, stage=item.stage, department_code=None,
        holder=project.owner_name,
        issuing_authority=settings_for(event.runtime).authority("administrative_approval"), fields=tuple(fields)))
    request.notice_number = notice.number
    session.flush()


def _deadline_text(due_at: datetime | None) -> str:
    if due_at is None:  # every notice has a period (``open_supplement_request``); kept readable regardless
        return "按补正通知所定期限"
    moment = due_at.astimezone(CHINA_TZ)
    return f"{moment.year}年{moment.month}月{moment.day}日{moment.hour}时{moment.minute:02d}分前"
