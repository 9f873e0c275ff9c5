"""Moving running cases in batches, and moving one back before its next action."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

import bpmn

from ..audit.trail import Entry, record
from ..catalogue.plans import approval_files
from ..errors import InvalidState, NotFound
from ..organisation.actors import Actor
from ..processes import workflow
from ..processes.models import ProcessInstance, ProcessSpec
from ..projects.models import Project
from ..runtime import Runtime
from .models import CaseMigration
from .planning import MOVES, CasePlan, case_plan, require_administrator, running_cases

MAX_BATCH = 500


@dataclass
class MigrationRun:
    """One batch: the cases moved and those left as they were (with why)."""

    batch: str
    moved: list[CasePlan] = field(default_factory=list)
    left: list[CasePlan] = field(default_factory=list)
    remaining: int = 0  # movable cases after this batch (run again for the next batch)


@dataclass(frozen=True)
class HistoryRow:
    migration: CaseMigration
    project_name: str
    from_version: int
    to_version: int
    reversible: bool


def migrate_cases(session: Session, runtime: Runtime, actor: Actor, category: str | None,
                  batch_size: int = 100) -> MigrationRun:
    """Move up to ``batch_size`` running approvals (of ``category``, or all) whose unentered stages changed.

    Each case is locked, planned again under the lock, published as its own version, loaded once from it (a case
    that would not load stays as it was and is listed), then switched, recorded and audited.

    :raise NotAllowed: not an administrator. :raise NotFound: unknown category. :raise InvalidState: bad size.
    """
    require_administrator(actor)
    if not 1 <= batch_size <= MAX_BATCH:
        raise InvalidState(f"每批迁移的项目数应为1至{MAX_BATCH}", batch_size=batch_size)
    run, generated = MigrationRun(uuid.uuid4().hex), _Generated(session, runtime)
    for instance_id, category_of in _candidates(session, category):
        switch = len(run.moved) < batch_size
        plan = _move_one(session, runtime, actor, instance_id, generated.files(category_of), run.batch, switch)
        if plan is None:
            continue
        if plan.movable and switch:
            run.moved.append(plan)
        elif plan.movable:
            run.remaining += 1  # left for the next batch
        elif plan.blocked:
            run.left.append(plan)
    return run


def revert_migration(session: Session, runtime: Runtime, actor: Actor, migration_id: int) -> CaseMigration:
    """Put a moved case back on the version it ran before, if nothing has happened to it since.

    :raise NotAllowed: not an administrator. :raise NotFound: no such migration.
    :raise InvalidState: already reverted, or the case has had an action since (its state moved on).
    """
    require_administrator(actor)
    migration = session.get(CaseMigration, migration_id)
    if migration is None:
        raise NotFound("迁移记录不存在", migration_id=migration_id)
    instance = workflow.lock(session, migration.instance_id)
    if migration.reverted_at is not None:
        raise InvalidState("该迁移已撤销", migration_id=migration_id)
    if instance.revision != migration.revision_after or instance.spec_id != migration.to_spec_id:
        raise InvalidState("该项目迁移后已有办理动作，不能撤销；如需调整请再次迁移", migration_id=migration_id)
    instance.spec_id, instance.revision = migration.from_spec_id, uuid.uuid4().hex
    migration.reverted_by, migration.reverted_at = actor.user_id, runtime.now()
    record(session, runtime, actor, Entry("revert_case_migration", migration.project_code, instance.id, details={
        "migration": migration.id, "spec_id": migration.from_spec_id, "stages": migration.stages}))
    session.flush()
    return migration


def migration_history(session: Session, actor: Actor, limit: int = 200) -> list[HistoryRow]:
    """The latest migrations, newest first, each saying whether it can still be moved back."""
    require_administrator(actor)
    old, new = ProcessSpec.__table__.alias("old"), ProcessSpec.__table__.alias("new")
    query = (select(CaseMigration, Project.name, old.c.version, new.c.version, ProcessInstance.revision)
             .join(Project, Project.code == CaseMigration.project_code)
             .join(ProcessInstance, ProcessInstance.id == CaseMigration.instance_id)
             .join(old, old.c.id == CaseMigration.from_spec_id).join(new, new.c.id == CaseMigration.to_spec_id)
             .order_by(CaseMigration.id.desc()).limit(limit))
    return [HistoryRow(m, name, v_from, v_to, m.reverted_at is None and revision == m.revision_after)
            for m, name, v_from, v_to, revision in session.execute(query)]


class _Generated:
    """Today's generated models per category, built once per batch."""

    def __init__(self, session: Session, runtime: Runtime):
        self.session, self.runtime = session, runtime
        self.by_category: dict[str, dict[str, str]] = {}

    def files(self, category: str) -> dict[str, str]:
        if category not in self.by_category:
            self.by_category[category] = approval_files(self.session, category, self.runtime.now())
        return self.by_category[category]


def _candidates(session: Session, category: str | None) -> list[tuple[int, str]]:
    return [(instance.id, project.category) for instance, project in session.execute(running_cases(category))]


def _move_one(session: Session, runtime: Runtime, actor: Actor, instance_id: int, generated: dict[str, str],
              batch: str, switch: bool) -> CasePlan | None:
    """Plan one case (under its lock when it may be switched) and switch it if it can move."""
    instance = workflow.lock(session, instance_id) if switch else session.get_one(ProcessInstance, instance_id)
    if instance.status != workflow.RUNNING:
        return None  # finished since the list was read
    plan = case_plan(session, runtime, instance, session.get_one(Project, instance.project_code), generated)
    if not (switch and plan.movable):
        return plan
    try:
        _switch(session, runtime, actor, instance, plan, batch)
    except bpmn.StateUnloadable as exc:
        return replace(plan, failure=f"迁移后的流程无法载入该项目的办理状态，保持原规则（{exc}）")
    return plan


def _switch(session: Session, runtime: Runtime, actor: Actor, instance: ProcessInstance, plan: CasePlan,
            batch: str) -> None:
    spec = workflow.publish_files(session, runtime, plan.files)
    library = workflow.library_of(session, runtime, spec.id)
    bpmn.Workflow.load(library, instance.state, runtime.codec(library))  # refuse a version the state won't load on
    moved = [s.process_id for s in plan.stages if s.outcome == MOVES]
    from_spec = instance.spec_id
    instance.spec_id, instance.revision = spec.id, uuid.uuid4().hex  # a new token: no worker reuses its cached copy
    session.add(CaseMigration(batch=batch, instance_id=instance.id, project_code=instance.project_code,
                              from_spec_id=from_spec, to_spec_id=spec.id, stages=moved,
                              revision_after=instance.revision, migrated_by=actor.user_id,
                              migrated_at=runtime.now()))
    record(session, runtime, actor, Entry("migrate_case", instance.project_code, instance.id, details={
        "batch": batch, "from_spec": from_spec, "to_spec": spec.id, "stages": moved}))
    session.flush()
