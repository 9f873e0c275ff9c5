"""Use case: an owner registers a project (its approval starts in ``engine.processes.approval``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from forms import keys

from ..audit.trail import Entry, record
from ..errors import Conflict, NotAllowed
from ..jsonable import jsonable
from ..organisation.actors import Actor
from ..organisation.lanes import OWNER
from ..runtime import Runtime
from ..validation import validated
from .models import Project


def register_project(session: Session, runtime: Runtime, actor: Actor, data: dict[str, Any]) -> Project:
    """An owner registers a project under its national project code.

    :raise NotAllowed: the actor is not an owner.
    :raise FormRejected: the data fails the registration form.
    :raise Conflict: the project code is already registered.
    """
    if actor.role != OWNER:
        raise NotAllowed("只有建设单位可以登记项目", role=actor.role)
    clean = validated(keys.PROJECT_REGISTRATION, data)
    if session.get(Project, clean["project_code"]) is not None:
        raise Conflict("该项目代码已登记", project_code=clean["project_code"])
    project = Project(code=clean["project_code"], name=clean["project_name"], category=clean["category"],
                      owner_id=actor.user_id, owner_name=clean["owner_name"],
                      site_address=clean.get("site_address", ""), registered_at=runtime.now())
    session.add(project)
    session.flush()
    record(session, runtime, actor, Entry("register_project", project.code, details=jsonable(clean)))
    return project
