"""Who may act on a work item. Checked inside the use cases, never only in views."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from forms import keys

from ..agency.rules import agent_on_owner_task, ever_authorised
from ..errors import NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT, DEPARTMENT_LEAD, EXAMINER, OWNER, WINDOW_CLERK
from ..projects.models import Project
from ..runtime import Runtime
from .models import WorkItem

_STAFF_ROLES = {WINDOW_CLERK: {WINDOW_CLERK}, EXAMINER: {EXAMINER, DEPARTMENT_LEAD}}


def check_may_act(session: Session, actor: Actor, item: WorkItem, project: Project,
                  runtime: Runtime | None = None, *, ignore_claim: bool = False) -> Actor:
    """Raise NotAllowed unless the actor may complete or answer this work item; return the actor as
    they act on it (an agent comes back as "agent for the project's owner").

    Owner-lane tasks belong to the project's owner; an agent acts on them only under a grant in force
    at ``runtime``'s clock that covers the task's stage and act, and never on a commitment form
    (``engine.agency.rules``). The window may enter a stage application for the owner (窗口代录: it comes back
    as "window for the project's owner"). Window tasks belong to window clerks; review and issuance tasks to
    examiners (or leads) of the lane's department — never another department's. ``ignore_claim``:
    whether they could act if nobody had claimed the item.
    """
    if item.role == OWNER:
        actor = _check_owner_side(session, actor, project, item, runtime)
    elif actor.role not in _STAFF_ROLES.get(item.role, set()):
        raise NotAllowed("您的岗位不能办理此事项", role=actor.role, lane=item.lane)
    elif item.department_code and actor.department_code != item.department_code:
        raise NotAllowed("此事项属于其他部门，不能办理", department=item.department_code)
    if not ignore_claim and item.claimed_by is not None and item.claimed_by != actor.user_id:
        raise NotAllowed("此事项已由他人签收", claimed_by=item.claimed_by)
    return actor


def check_may_reach(session: Session, actor: Actor, project: Project | None, **context: object) -> None:
    """Applicants learn nothing about other people's cases: an owner reaching into another owner's
    instance, or an agent into a project nobody ever authorised them for, gets the same "not found" as
    for an id that does not exist — before any state or project detail could show in a refusal.
    Staff are checked by ``check_may_act`` (they may know that a case exists).
    """
    if actor.role == OWNER and (project is None or project.owner_id != actor.user_id):
        raise NotFound("办件不存在", **context)
    if actor.role == AGENT and (project is None or not ever_authorised(session, actor, project)):
        raise NotFound("办件不存在", **context)


def _check_owner_side(session: Session, actor: Actor, project: Project, item: WorkItem,
                      runtime: Runtime | None) -> Actor:
    if actor.role == OWNER and actor.user_id == project.owner_id:
        return actor
    if actor.role == AGENT:
        return agent_on_owner_task(session, runtime, actor, project, item)
    if actor.role == WINDOW_CLERK and item.form_key in keys.STAGE_APPLICATION_FORMS:
        return replace(actor, acting_for_id=project.owner_id)  # 窗口代录 for a walk-in applicant (``intake``)
    raise NotAllowed("只有本项目的建设单位可以办理此事项", project_code=project.code)
