"""Use cases: claim and release a work item (签收 / 退回待办池)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..audit.trail import Entry, record
from ..errors import Conflict, InvalidState, NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import OWNER
from ..processes import workflow
from ..projects.models import Project
from ..runtime import Runtime
from .authorisation import check_may_act, check_may_reach
from .models import WorkItem


def claim(session: Session, runtime: Runtime, actor: Actor, task_id: str) -> WorkItem:
    """An examiner or clerk takes a work item so colleagues see it is being handled.

    :raise NotFound: no such work item. :raise NotAllowed: not the actor's department or role.
    :raise Conflict: someone else holds it.
    """
    item = _locked_item(session, task_id)
    project = session.get_one(Project, item.project_code)
    check_may_reach(session, actor, project, task_id=task_id)
    if item.claimed_by is not None and item.claimed_by != actor.user_id and _may_hold(session, actor, item, project):
        raise Conflict("此事项已由他人签收")
    check_may_act(session, actor, item, project)
    if item.role == OWNER:
        raise InvalidState("申请人事项无需签收", task_id=task_id)
    item.claimed_by, item.claimed_at = actor.user_id, runtime.now()
    record(session, runtime, actor, Entry("claim", item.project_code, item.instance_id, item.task_id, item.name))
    return item


def release(session: Session, runtime: Runtime, actor: Actor, task_id: str) -> WorkItem:
    """Give a claimed item back to the department's pool.

    :raise NotFound: no such item (or, for an applicant, not their case). :raise NotAllowed: someone
        who may not act on it. :raise InvalidState: a colleague who does not hold it.
    """
    item = _locked_item(session, task_id)
    project = session.get_one(Project, item.project_code)
    check_may_reach(session, actor, project, task_id=task_id)
    if not _may_hold(session, actor, item, project):
        raise NotAllowed("您不能办理此事项", task_id=task_id)
    if item.claimed_by != actor.user_id:
        raise InvalidState("只有签收人可以退回此事项", task_id=task_id)
    item.claimed_by, item.claimed_at = None, None
    record(session, runtime, actor, Entry("release", item.project_code, item.instance_id, item.task_id, item.name))
    return item


def _may_hold(session: Session, actor: Actor, item: WorkItem, project: Project) -> bool:
    """The actor could act on the item if nobody held it (the holder's name is only for colleagues)."""
    try:
        check_may_act(session, actor, item, project, ignore_claim=True)
    except NotAllowed:
        return False
    return True


def _locked_item(session: Session, task_id: str) -> WorkItem:
    item = session.get(WorkItem, str(task_id))
    if item is None:
        raise NotFound("待办事项不存在", task_id=task_id)
    workflow.lock(session, item.instance_id)
    # Re-read under the lock: a concurrent action may have completed (and removed) it meanwhile.
    item = session.get(WorkItem, str(task_id), populate_existing=True)
    if item is None:
        raise NotFound("待办事项不存在", task_id=task_id)
    return item
