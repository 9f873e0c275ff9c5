"""受理回执: the receipt the comprehensive window's acceptance of a stage application gives the applicant
(PDF through ``certificates.render_receipt``): which application, when it was accepted and by whom, the
items and departments that now review it, the materials received and the stage's time limit."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

import certificates
from forms import keys

from ..catalogue import stages_of
from ..errors import NotFound
from ..materials.queries import material_rows
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENTS
from ..organisation.models import UserAccount
from ..projects.models import Project, StageApplication
from ..runtime import Runtime
from ..time_limits.calendar_store import promised_date
from ..time_limits.rules import limits_for
from ..visibility import visible_project
from ..work_items.models import Decision, WorkItem

CHINA = timezone(timedelta(hours=8))
OFFICE = "工程建设项目审批综合服务窗口"


def acceptance_receipt(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                       stage: str) -> tuple[str, bytes]:
    """(file name, PDF bytes) of the receipt of the stage's latest accepted application.

    :raise NotFound: a project the actor may not see, or a stage not accepted yet.
    """
    project = visible_project(session, actor, project_code, runtime=runtime)
    accepted = session.scalars(select(Decision).where(
        Decision.project_code == project.code, Decision.stage == stage,
        Decision.form_key == keys.ACCEPTANCE_DECISION, Decision.outcome == "accept")
        .order_by(Decision.decided_at.desc())).first()
    if accepted is None:
        raise NotFound("本阶段申请尚未受理，没有受理回执", project_code=project.code, stage=stage)
    data = _receipt(session, runtime, project, stage, accepted)
    return f"receipt-{data.number}.pdf", certificates.render_receipt(data)


def _receipt(session: Session, runtime: Runtime, project: Project, stage: str,
             accepted: Decision) -> certificates.ReceiptData:
    application = session.scalars(select(StageApplication).where(
        StageApplication.instance_id == accepted.instance_id, StageApplication.stage == stage,
        StageApplication.submitted_at <= accepted.decided_at).order_by(StageApplication.round.desc())).first()
    clerk = session.get(UserAccount, accepted.decided_by) if accepted.decided_by else None
    days = limits_for(session, project, runtime.now()).stage_days.get(stage)
    stage_name = next((s.name for s in stages_of(project.category) if s.process_id == stage), stage)
    return certificates.ReceiptData(
        number=f"SL{_local(accepted.decided_at):%Y%m%d}-{accepted.id:06d}", office=OFFICE,
        project_name=project.name, project_code=project.code, applicant=project.owner_name, stage_name=stage_name,
        submitted_at=_text(application.submitted_at if application else accepted.decided_at),
        accepted_at=_text(accepted.decided_at), clerk=clerk.display_name if clerk else "综合窗口",
        limit_days=days, deadline=_promised(session, accepted.decided_at, days),
        items=_items(session, accepted.instance_id, stage),
        materials=tuple(dict.fromkeys(m.requirement or m.display_name
                                      for m in material_rows(session, project.code, stage))),
        follow_up="登录工程建设项目审批管理系统，在“我的项目”中查看办理进度")


def _items(session: Session, instance_id: int, stage: str) -> tuple[tuple[str, str], ...]:
    """The stage's department items: reviewed already (decisions) or under review (open work items)."""
    reviews = {keys.REVIEW_DECISION}
    decided = session.execute(select(Decision.task_name, Decision.department_code).where(
        Decision.instance_id == instance_id, Decision.stage == stage, Decision.form_key.in_(reviews)))
    open_ = session.execute(select(WorkItem.name, WorkItem.department_code).where(
        WorkItem.instance_id == instance_id, WorkItem.stage == stage, WorkItem.form_key.in_(reviews)))
    rows = dict.fromkeys((name, DEPARTMENTS.get(code or "", "")) for name, code in [*decided, *open_])
    return tuple(rows)


def _promised(session: Session, accepted_at: datetime, days: int | None) -> str:
    """承诺办结日期: the stage's limit counted in working days from the acceptance, as the receipt promised it
    then (a later 补正 pause or 延期 moves the stage's clock, shown on the progress page, not the receipt)."""
    if not days:
        return ""
    due, provisional = promised_date(session, accepted_at, days)
    return due.isoformat() + ("（暂定，节假日安排公布后以办理进度为准）" if provisional else "")


def _local(moment: datetime) -> datetime:
    return moment.astimezone(CHINA)


def _text(moment: datetime) -> str:
    return f"{_local(moment):%Y-%m-%d %H:%M}"
