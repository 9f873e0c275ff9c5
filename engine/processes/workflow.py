"""Load and save process instances: the one module that touches both the database and ``bpmn``.

Every action runs in the caller's transaction: ``lock`` the instance row (PostgreSQL ``SELECT … FOR
UPDATE``; on SQLite the caller's transaction began IMMEDIATE, which already holds the write lock),
``load`` the workflow, let the use case act, then ``save`` the state and publish ``WorkflowSaved``, on which
the side tables (work items, timers) rebuild themselves from it — all before the caller commits. This
package knows neither table: they build on it (``engine.wiring`` subscribes them first). ``start`` and
``load`` also refresh the runtime's working calendar, which the deadline timers' ``item_due`` counts on.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

import bpmn

from ..db import is_sqlite
from ..errors import ConfigurationError, NotFound
from ..extensions import WorkflowSaved, registry
from ..runtime import Runtime
from ..time_limits.calendar_store import refresh_calendar
from .models import ProcessInstance, ProcessSpec

RUNNING, COMPLETED, WITHDRAWN = "running", "completed", "withdrawn"
STATUS_NAMES = {RUNNING: "办理中", COMPLETED: "已办结", WITHDRAWN: "已撤回"}


def publish(session: Session, runtime: Runtime, generated: dict[str, str] | None = None) -> ProcessSpec:
    """Store the models shipped on disk plus ``generated`` ones (a category's approval models) as a
    published version, once (matched by sha256)."""
    return publish_files(session, runtime, runtime.model_files(generated))


def publish_files(session: Session, runtime: Runtime, files: dict[str, str]) -> ProcessSpec:
    """Store exactly ``files`` as a published version, once (matched by sha256); a migrated case's mix of an
    earlier version's files and the current ones is published this way."""
    library = runtime.library_from_files(files)
    spec = session.scalar(select(ProcessSpec).where(ProcessSpec.sha256 == library.sha256))
    if spec is None:
        last = session.scalar(select(ProcessSpec.version).order_by(ProcessSpec.version.desc()).limit(1))
        spec = ProcessSpec(version=(last or 0) + 1, sha256=library.sha256, files=library.files,
                           published_at=runtime.now())
        session.add(spec)
        session.flush()
    return spec


def library_of(session: Session, runtime: Runtime, spec_id: int) -> bpmn.ProcessLibrary:
    """A published version's library; spec ids are never reused, so a worker reads its XML once."""
    return runtime.library_for_spec(spec_id, lambda: _spec_files(session, spec_id))


def _spec_files(session: Session, spec_id: int) -> dict[str, str]:
    spec = session.get(ProcessSpec, spec_id)
    if spec is None:
        raise ConfigurationError("流程版本不存在", spec_id=spec_id)
    return spec.files


def lock(session: Session, instance_id: int | None) -> ProcessInstance:
    """Lock the instance row for the rest of the transaction; refuse an unlocked SQLite writer.

    ``None`` (a record whose instance was never started) is "not found" like any missing id."""
    if is_sqlite(session):
        _require_immediate(session)
    instance = session.scalar(select(ProcessInstance).where(ProcessInstance.id == instance_id)
                              .with_for_update().execution_options(populate_existing=True))
    if instance is None:
        raise NotFound("办件不存在", instance_id=instance_id)
    return instance


def _require_immediate(session: Session) -> None:
    # Without BEGIN IMMEDIATE two SQLite writers would both read the old state and one would lose.
    options = session.connection().get_execution_options()
    if options.get("sqlite_begin") != "IMMEDIATE":
        raise RuntimeError("write actions on SQLite need a session bound to engine.db.writer(engine)")


def start(session: Session, runtime: Runtime, project_code: str, kind: str, process_id: str,
          data: dict[str, Any], generated: dict[str, str] | None = None) -> tuple[ProcessInstance, bpmn.Workflow]:
    """Create an instance of the current models (shipped plus ``generated``) and run it to its first wait."""
    spec = publish(session, runtime, generated)
    library = runtime.library_from_files(spec.files)
    refresh_calendar(session, runtime)
    now = runtime.now()
    workflow = bpmn.Workflow.start(library, process_id, data, now=now)
    instance = ProcessInstance(project_code=project_code, kind=kind, spec_id=spec.id, process_id=process_id,
                               status=RUNNING, state="", serializer_version=bpmn.SERIALIZER_VERSION,
                               revision="", created_at=now, updated_at=now)
    session.add(instance)
    session.flush()
    save(session, runtime, instance, workflow)
    return instance, workflow


def load(session: Session, runtime: Runtime, instance: ProcessInstance) -> bpmn.Workflow:
    """The instance's workflow: the cached object if it is exactly the stored revision, else parsed."""
    refresh_calendar(session, runtime)
    cached = runtime.take_cached(instance.id, instance.revision)
    if cached is not None:
        return cached
    library = library_of(session, runtime, instance.spec_id)
    return bpmn.Workflow.load(library, instance.state, runtime.codec(library))


def save(session: Session, runtime: Runtime, instance: ProcessInstance, workflow: bpmn.Workflow,
         now: datetime | None = None) -> None:
    """Write the state and rebuild work items and timers from it, in the caller's transaction."""
    now = now or runtime.now()
    previous_revision = instance.revision
    instance.state = workflow.dump(runtime.codec(workflow.library))
    instance.serializer_version = bpmn.SERIALIZER_VERSION
    instance.revision = uuid.uuid4().hex
    instance.status = _status(workflow)
    instance.updated_at = now
    # no flush of its own: the row's UPDATE goes out with the mirrors' first statement (autoflush), one flush
    # work items, timers (engine.wiring); they diff against what they wrote for previous_revision if they know
    registry.publish(WorkflowSaved(session, instance, workflow, now, previous_revision))
    runtime.put_cached(instance.id, instance.revision, workflow)


def _status(workflow: bpmn.Workflow) -> str:
    if not workflow.completed:
        return RUNNING
    return WITHDRAWN if workflow.data.get("stage_outcome") == "withdrawn" else COMPLETED
