"""Use case: start a project's main approval process (the project is registered in ``engine.projects``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bpmn.approval import START_DATA

from ..audit.trail import Entry, record
from ..catalogue import approval_files, ensure_catalogue, main_process_id
from ..errors import InvalidState
from ..organisation.actors import Actor
from ..projects.queries import project_for_owner
from ..runtime import Runtime
from . import workflow
from .models import ProcessInstance

MAIN_APPROVAL = "main_approval"


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

