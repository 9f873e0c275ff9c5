"""窗口收件 (窗口代录): a walk-in applicant hands the window its stage application on paper, and the window enters
it on the applicant's behalf — online and offline channels are equal (REQ-S3-11): the same form, the same checks,
the same queue. The window finds the owner's project by its code, opens the owner's open stage application and
submits it through ``complete_task`` as "the window for the project's owner" (``authorisation``); the audit entry
says ``channel: window`` (窗口代录) and the application row keeps who typed it (``submitted_by``) and for whom
(``acting_for``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from ..errors import FormRejected, NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import OWNER, WINDOW_CLERK
from ..processes.models import ProcessInstance
from ..projects.models import Project, StageApplication
from .models import READY, WorkItem


@dataclass(frozen=True)
class Intake:
    """A project the window looked up: its open stage applications (READY owner tasks), and whether its
    approval started at all (before that there is nothing to enter)."""

    project: Project
    tasks: list[WorkItem]
    started: bool


@dataclass(frozen=True)
class IntakeTask:
    """An owner's stage application the window enters: the task, its project and the stage's last application
    (a resubmission starts from it)."""

    item: WorkItem
    project: Project
    application: StageApplication | None


def window_intake(session: Session, actor: Actor, form: Mapping[str, str]) -> Intake:
    """The project whose ``project_code`` the applicant gave, with what the window may enter for it.

    :raise NotAllowed: not the window. :raise FormRejected: no code, or no project under it (said beside the field).
    """
    _require_window(actor)
    code = (form.get("project_code") or "").strip()
    if not code:
        raise FormRejected(keys.WINDOW_INTAKE, {"project_code": ["请填写申请人提供的项目代码"]})
    project = session.get(Project, code) if len(code) <= 32 else None
    if project is None:
        raise FormRejected(keys.WINDOW_INTAKE, {"project_code": [
            f"未找到项目代码“{code[:40]}”：请与申请人核对；尚未登记的项目须先由建设单位登记"]})
    tasks = list(session.scalars(select(WorkItem).where(
        WorkItem.project_code == code, WorkItem.role == OWNER, WorkItem.status == READY,
        WorkItem.form_key.in_(keys.STAGE_APPLICATION_FORMS)).order_by(WorkItem.since, WorkItem.task_id)))
    started = session.scalar(select(ProcessInstance.id).where(ProcessInstance.project_code == code).limit(1))
    return Intake(project, tasks, started is not None)


def intake_task(session: Session, actor: Actor, task_id: str) -> IntakeTask:
    """The owner's open stage application ``task_id`` as the window enters it.

    :raise NotAllowed: not the window. :raise NotFound: no such open stage application.
    """
    _require_window(actor)
    item = session.get(WorkItem, str(task_id))
    if item is None or item.role != OWNER or item.form_key not in keys.STAGE_APPLICATION_FORMS:
        raise NotFound("没有待填写的阶段申请", task_id=task_id)
    application = session.scalar(select(StageApplication).where(
        StageApplication.instance_id == item.instance_id, StageApplication.stage == item.stage)
        .order_by(StageApplication.round.desc()).limit(1))
    return IntakeTask(item, session.get_one(Project, item.project_code), application)


def _require_window(actor: Actor) -> None:
    if actor.role != WINDOW_CLERK:
        raise NotAllowed("只有综合窗口可以代录申请", role=actor.role)
