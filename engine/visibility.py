"""What a person may see of a project: the project itself, its audit trail, its clocks, its open
correction notices.

Visibility combines the project, the agency grants (an agent with 查看) and the work items and decisions
(an examiner whose department has or had work on it), so it lives above those packages; anything that
shows a project to a person asks here first.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .agency.rules import VIEW, act_for_owner, ever_authorised
from .audit.models import AuditEvent
from .audit.trail import trail
from .errors import NotAllowed, NotFound
from .organisation.actors import Actor
from .organisation.lanes import ADMINISTRATOR, AGENT, OWNER, SUPERVISOR, WINDOW_CLERK
from .projects.models import Project
from .projects.queries import get_project, project_for_owner
from .runtime import Runtime
from .time_limits.ledger import ClockLine, clock_lines
from .work_items.models import Decision, SupplementRequest, WorkItem
from .work_items.supplements import open_requests_for_project

_SEES_ALL = {WINDOW_CLERK, SUPERVISOR, ADMINISTRATOR}


def visible_project(session: Session, actor: Actor, code: str, *, runtime: Runtime | None = None) -> Project:
    """The project if the actor may see it: its owner, staff who see every case, an examiner of a
    department that has (or had) work on it, or an agent whose grant in force includes 查看 (checked at
    ``runtime``'s clock; the system clock without one)."""
    if actor.role == OWNER:
        return project_for_owner(session, actor, code)
    if actor.role == AGENT:
        return _delegated(session, runtime, actor, code)
    project = get_project(session, code)
    if actor.role in _SEES_ALL or _department_involved(session, actor, code):
        return project
    raise NotFound("项目不存在", project_code=code)


def _department_involved(session: Session, actor: Actor, code: str) -> bool:
    if actor.department_code is None:
        return False
    for model in (WorkItem, Decision):
        stmt = select(model.project_code).where(model.project_code == code,
                                                model.department_code == actor.department_code).limit(1)
        if session.scalar(stmt) is not None:
            return True
    return False


def _delegated(session: Session, runtime: Runtime | None, actor: Actor, code: str) -> Project:
    """An agent sees a project under a grant in force with 查看. One that held a grant is told why not
    (revoked, expired…: 403, which it knows already); anyone else hears the project does not exist."""
    project = session.get(Project, code)
    if project is None:
        raise NotFound("项目不存在", project_code=code)
    try:
        act_for_owner(session, runtime, actor, project, act=VIEW)
    except NotAllowed as exc:
        if ever_authorised(session, actor, project):
            raise NotAllowed(exc.message) from None  # no context: nothing the agent did not send or know
        raise NotFound("项目不存在", project_code=code) from None
    return project


def visible_trail(session: Session, actor: Actor, project_code: str, *,
                  runtime: Runtime | None = None) -> list[AuditEvent]:
    """The project's trail for someone allowed to see the project (owners: only their own; agents:
    under a grant in force at ``runtime``'s clock that includes 查看)."""
    return trail(session, visible_project(session, actor, project_code, runtime=runtime).code)


def project_clocks(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> list[ClockLine]:
    """The clocks of a project for someone who may see it: days used and left, and why one is paused."""
    return clock_lines(session, visible_project(session, actor, project_code, runtime=runtime).code, runtime.now())


def open_supplements(session: Session, actor: Actor, project_code: str, *,
                     runtime: Runtime | None = None) -> list[SupplementRequest]:
    """Open correction notices of a project, for anyone who may see the project (an agent: at
    ``runtime``'s clock, see ``visible_project``)."""
    return open_requests_for_project(session, visible_project(session, actor, project_code, runtime=runtime).code)
