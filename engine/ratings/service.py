"""Use cases: the owner rates a stage (好差评); the lead department's lead closes a follow-up (整改回访).

Both are recorded in the project's audit chain under the project row lock. Every check runs before
anything is written, so a refusal changes nothing.
"""

from __future__ import annotations

from datetime import timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import engine_forms, keys

from ..agency.rules import may_view
from ..audit.trail import Entry, record
from ..catalogue.stages import BY_PROCESS
from ..errors import Conflict, InvalidState, NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT, DEPARTMENT_LEAD, OWNER
from ..projects.models import Project
from ..projects.queries import lock_project
from ..runtime import Runtime
from ..time_limits.calendar_store import working_calendar
from ..validation import validated
from ..work_items.models import Decision
from .levels import BAD, COMMENT_MAX, FOLLOW_UP_WORKING_DAYS, LEVELS, REPLY_MAX
from .models import CLOSED, OPEN, RatingFollowUp, ServiceRating

RATING_FORM, CLOSURE_FORM = keys.SERVICE_RATING, keys.FOLLOW_UP_CLOSURE
AGENT_REFUSED = "服务评价须由建设单位本人作出，帮办代办员不能代为评价"
CHINA = timezone(timedelta(hours=8))


def rate_service(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                 data: dict[str, Any]) -> ServiceRating:
    """The owner rates an issued stage: ``stage`` (process id), ``level`` (see ``LEVELS``), optional
    ``comment``. A bad level opens a follow-up for the stage's lead department, due in 15 working days.

    :raise NotFound: not the owner's project. :raise NotAllowed: an agent (see the package docstring).
    :raise FormRejected: bad fields. :raise InvalidState: the stage is not issued. :raise Conflict: rated.
    """
    project = _owner_project(session, runtime, actor, project_code)
    stage, level, comment = _rating_form(data)
    if not _issued(session, project.code, stage):
        raise InvalidState("本阶段尚未办结，办结后方可评价", stage=stage)
    if session.scalar(select(ServiceRating.id).where(ServiceRating.project_code == project.code,
                                                     ServiceRating.stage == stage)) is not None:
        raise Conflict("本阶段已评价，每个阶段只能评价一次", stage=stage)
    now = runtime.now()
    rating = ServiceRating(project_code=project.code, stage=stage, level=level, comment=comment,
                           rated_by=actor.user_id, rated_at=now)
    session.add(rating)
    session.flush()
    details: dict[str, Any] = {"rating_id": rating.id, "stage": stage, "level": level, "comment": comment}
    if level in BAD:
        follow_up = _open_follow_up(session, runtime, rating)
        details.update(follow_up_id=follow_up.id, department_code=follow_up.department_code,
                       due_on=follow_up.due_on.isoformat())
    record(session, runtime, actor, Entry("rate_service", project.code, decision=level, details=details))
    return rating


def close_follow_up(session: Session, runtime: Runtime, actor: Actor, follow_up_id: int,
                    data: dict[str, Any]) -> RatingFollowUp:
    """The lead of the follow-up's department closes it with a ``reply`` the owner reads.

    :raise NotFound: no such follow-up of the actor's department. :raise NotAllowed: not its lead.
    :raise FormRejected: no reply, or too long. :raise InvalidState: already closed.
    """
    follow_up = session.get(RatingFollowUp, follow_up_id)
    if follow_up is None or actor.department_code is None or follow_up.department_code != actor.department_code:
        raise NotFound("整改回访不存在", follow_up_id=follow_up_id)
    if actor.role != DEPARTMENT_LEAD:
        raise NotAllowed("只有部门负责人可以办结整改回访", role=actor.role)
    _lock(session, follow_up.project_code)
    session.refresh(follow_up)
    reply = _reply_form(data)
    if follow_up.status == CLOSED:
        raise InvalidState("该整改回访已办结", follow_up_id=follow_up_id)
    follow_up.status, follow_up.reply = CLOSED, reply
    follow_up.closed_by, follow_up.closed_at = actor.user_id, runtime.now()
    session.flush()
    record(session, runtime, actor, Entry("close_follow_up", follow_up.project_code, details={
        "follow_up_id": follow_up.id, "rating_id": follow_up.rating_id, "stage": follow_up.stage,
        "reply": reply}))
    return follow_up


def _owner_project(session: Session, runtime: Runtime, actor: Actor, code: str) -> Project:
    project = session.get(Project, code)
    if project is not None and actor.role == AGENT and may_view(session, runtime, actor, project):
        raise NotAllowed(AGENT_REFUSED, project_code=code)
    if project is None or actor.role != OWNER or project.owner_id != actor.user_id:
        raise NotFound("项目不存在", project_code=code)
    return _lock(session, code)


def _lock(session: Session, code: str) -> Project:
    """Lock the project row: its audit chain gets one writer at a time."""
    return lock_project(session, code)


def _issued(session: Session, project_code: str, stage: str) -> bool:
    return session.scalar(select(Decision.id).where(Decision.project_code == project_code, Decision.stage == stage,
                                                    Decision.form_key == keys.ISSUANCE).limit(1)) is not None


def _open_follow_up(session: Session, runtime: Runtime, rating: ServiceRating) -> RatingFollowUp:
    today = rating.rated_at.astimezone(CHINA).date()
    due = working_calendar(session).add_working_days(today, FOLLOW_UP_WORKING_DAYS)
    follow_up = RatingFollowUp(rating_id=rating.id, project_code=rating.project_code, stage=rating.stage,
                               department_code=BY_PROCESS[rating.stage].lead_department, status=OPEN,
                               opened_at=rating.rated_at, due_on=due)
    session.add(follow_up)
    session.flush()
    return follow_up


def _rating_form(data: dict[str, Any]) -> tuple[str, str, str]:
    schema = engine_forms.ServiceRating(stages=BY_PROCESS, levels=LEVELS, comment_max=COMMENT_MAX)
    clean = validated(RATING_FORM, data, schema)
    return clean["stage"], clean["level"], clean["comment"] or ""


def _reply_form(data: dict[str, Any]) -> str:
    reply: str = validated(CLOSURE_FORM, data, engine_forms.FollowUpClosure(reply_max=REPLY_MAX))["reply"]
    return reply
