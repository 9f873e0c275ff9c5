"""Use cases: register a project, start its approval."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bpmn.approval import START_DATA
from forms import keys

from ..audit.trail import Entry, record
from ..catalogue import approval_files, ensure_catalogue, main_process_id
from ..errors import Conflict, InvalidState, NotAllowed
from ..jsonable import jsonable
from ..organisation.actors import Actor
from ..organisation.lanes import OWNER
from ..processes import workflow
from ..processes.models import ProcessInstance
from ..runtime import Runtime
from ..validation import validated
from .models import Project
from .queries import project_for_owner

MAIN_APPROVAL = "main_approval"


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


def start_approval(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> ProcessInstance:
    """Start the main approval process of a project (once); the owner then applies for stage 1.

    The models are generated from the item catalogue in force now, for the project's category, and
    published once per distinct content; the instance keeps that version to the end.

    :raise NotAllowed: the actor is not the project's owner.
    :raise InvalidState: the approval already started.
    """
    project = project_for_owner(session, actor, project_code)
    existing = select(ProcessInstance.id).where(ProcessInstance.project_code == project.code,
                                                ProcessInstance.kind == MAIN_APPROVAL)
    if session.scalar(existing) is not None:
        raise InvalidState("该项目的审批已经启动", project_code=project.code)
    ensure_catalogue(session, runtime.now())
    files = approval_files(session, project.category, runtime.now())
    process_id = main_process_id(project.category)
    routing = {"project_code": project.code, "category": project.category, **START_DATA}
    instance, _ = workflow.start(session, runtime, project.code, MAIN_APPROVAL, process_id, routing, files)
    record(session, runtime, actor, Entry("start_approval", project.code, instance.id, status_after=instance.status,
                                          details={"process_id": process_id, "spec_id": instance.spec_id}))
    return instance

