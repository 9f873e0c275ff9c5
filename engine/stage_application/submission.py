"""Saving the answers of a stage application, submitting it from the check-your-answers page, and what the
applicant reads once it is submitted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..catalogue.stages import stage_name
from ..errors import NotFound
from ..jsonable import jsonable
from ..materials.queries import MaterialRow, material_rows
from ..organisation.actors import Actor
from ..projects.models import ApplicationDraft, Project, StageApplication
from ..runtime import Runtime
from ..task_view import task_context
from ..time_limits.calendar_store import promised_date
from ..time_limits.rules import limits_for
from ..validation import validated
from ..visibility import visible_project
from ..work_items.authorisation import check_may_act, check_may_reach
from ..work_items.completion import complete_task
from ..work_items.models import WorkItem
from .errors import ApplicationIncomplete
from .task_list import StageTaskList, stage_task_list


def application_task_list(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                          task_id: str) -> StageTaskList:
    """The task list of the stage application work item ``task_id`` of the project.

    :raise NotFound: not a work item the actor holds, of another project, or not a stage application.
    :raise NotAllowed: an agent whose grant no longer covers it, saying why (revoked, expired…), as on submission.
    """
    item = session.get(WorkItem, str(task_id))
    if item is None or item.project_code != project_code:
        raise NotFound("待办事项不存在", task_id=task_id)
    project = session.get_one(Project, item.project_code)
    check_may_reach(session, actor, project, task_id=task_id)
    check_may_act(session, actor, item, project, runtime)
    return stage_task_list(session, runtime, task_context(session, actor, task_id, runtime=runtime))


def save_application_answers(session: Session, runtime: Runtime, actor: Actor, project_code: str, task_id: str,
                             data: dict[str, Any]) -> ApplicationDraft:
    """Keep the form's answers until the application is submitted (saving again replaces them).

    :raise NotFound: as ``application_task_list``.
    :raise FormRejected: a field is invalid; nothing is saved.
    """
    item = application_task_list(session, runtime, actor, project_code, task_id).ctx.item
    clean = jsonable(validated(item.form_key, data))
    draft = session.get(ApplicationDraft, task_id)
    if draft is None:
        draft = ApplicationDraft(task_id=task_id, project_code=item.project_code, stage=item.stage,
                                 form_key=item.form_key, data=clean, saved_by=actor.user_id, saved_at=runtime.now())
        session.add(draft)
    else:
        draft.data, draft.saved_by, draft.saved_at = clean, actor.user_id, runtime.now()
    session.flush()
    return draft


def submit_stage_application(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                             task_id: str) -> str:
    """Submit the saved answers as the stage application (提交阶段申请); returns the stage.

    :raise ApplicationIncomplete: the form was never saved, or a required material has no file; nothing changes.
    :raise NotFound, NotAllowed, InvalidState, FormRejected: as ``complete_task`` (e.g. stage 4 before the
        多测合一 result); nothing changes.
    """
    tasks = application_task_list(session, runtime, actor, project_code, task_id)
    errors = {f"material-{m.number}": [f"“{m.material}”是必需材料，尚未上传文件，请上传后再提交"]
              for m in tasks.missing}
    if tasks.answers is None:
        errors = {"form": ["申请表尚未填写，请先填写并保存申请表"], **errors}
    if errors or tasks.answers is None:
        raise ApplicationIncomplete(errors)
    item = tasks.ctx.item
    complete_task(session, runtime, actor, item.instance_id, task_id, tasks.answers)
    session.delete(session.get_one(ApplicationDraft, task_id))
    session.flush()
    return item.stage


@dataclass(frozen=True)
class SubmittedApplication:
    """What the confirmation page says: what was submitted, what happens next and by when."""

    project: Project
    stage: str
    stage_name: str
    application: StageApplication
    files: list[MaterialRow]
    limit_days: int | None
    promised_if_accepted_today: date | None
    provisional: bool


def submitted_application(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                          stage: str) -> SubmittedApplication:
    """The stage's latest submitted application.

    :raise NotFound: a project the actor may not see, or no application of that stage.
    """
    project = visible_project(session, actor, project_code, runtime=runtime)
    application = session.scalars(select(StageApplication).where(
        StageApplication.project_code == project.code, StageApplication.stage == stage)
        .order_by(StageApplication.submitted_at.desc(), StageApplication.id.desc())).first()
    if application is None:
        raise NotFound("本阶段尚未提交申请", project_code=project.code, stage=stage)
    days = limits_for(session, project, runtime.now()).stage_days.get(stage)
    promised, provisional = promised_date(session, runtime.now(), days) if days else (None, False)
    return SubmittedApplication(project, stage, stage_name(stage), application,
                                material_rows(session, project.code, stage), days, promised, provisional)
