"""Who files an application for a project: its owner, or an agent under a grant that covers 申报."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..errors import NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT
from ..projects.models import Project
from ..projects.queries import project_for_owner
from ..runtime import Runtime
from .rules import APPLY, act_for_owner


def project_and_applicant(session: Session, runtime: Runtime, actor: Actor, project_code: str, *,
              stage_process_id: str | None = None) -> tuple[Project, Actor]:
    """The project and the actor who applies for it: the owner as themself, or an agent acting for the
    owner under a grant in force covering 申报 (in the stage of ``stage_process_id``, any if None).

    :raise NotFound: no such project. :raise NotAllowed: not the owner; no grant covering the application.
    """
    if actor.role != AGENT:
        return project_for_owner(session, actor, project_code), actor
    project = session.get(Project, project_code)
    if project is None:
        raise NotFound("项目不存在", project_code=project_code)
    return project, act_for_owner(session, runtime, actor, project, act=APPLY, stage_process_id=stage_process_id)
