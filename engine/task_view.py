"""The task page's read model: a work item with everything a person needs to decide it.

It composes the core's work item, application, decisions and correction notices with what features add
(the comprehensive permit's order shown as the application, the stage's materials), so it lives beside
``engine.wiring`` above the core, not in ``work_items``.

May import: the core and feature packages' queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from .acceptance.queries import SignedTolerance, signed_at_window
from .construction.comprehensive import order_as_application
from .issuance.preview import IssuancePreview, issuance_preview
from .materials.queries import StageMaterials, stage_materials
from .organisation.actors import Actor
from .organisation.lanes import WINDOW_CLERK
from .projects.models import ApplicationDraft, Project, StageApplication
from .runtime import Runtime
from .validation import validated
from .work_items.models import Decision, SupplementRequest, WorkItem
from .work_items.queries import InboxRow, visible_item


@dataclass(frozen=True)
class TaskContext:
    """What a person needs to decide a work item: the item, its project, the stage's latest
    application, every decision taken so far in the instance, this task's correction notices, and the
    stage's materials (checklist and attached files); at the window the owner's signed 容缺 commitments, on an
    issuance task the preview of its certificate."""

    item: InboxRow
    project: Project
    application: StageApplication | None
    decisions: list[Decision]
    supplements: list[SupplementRequest]
    materials: StageMaterials | None = None
    tolerance: list[SignedTolerance] = field(default_factory=list)  # 容缺 commitments awaiting the window
    preview: IssuancePreview | None = None  # what an issuance task's certificate will say
    earlier: dict[str, Any] = field(default_factory=dict)  # what the project's other stage applications said
    draft: dict[str, Any] | None = None  # a stage application's answers saved but not yet submitted


def task_context(session: Session, actor: Actor, task_id: str, *, runtime: Runtime | None = None,
                 issuance: dict[str, Any] | None = None) -> TaskContext:
    """The work item as its inbox shows it, with what it is about; an issuance task with the preview of its
    certificate as the form ``issuance`` would issue it (validated here; empty by default).

    :raise NotFound: no such work item, or not one the actor's inbox holds (``visible_item``).
    :raise FormRejected: ``issuance`` is not a valid issuance form (nothing previewed).
    """
    item = visible_item(session, actor, task_id, runtime=runtime)
    application = session.scalar(select(StageApplication).where(
        StageApplication.instance_id == item.instance_id, StageApplication.stage == item.stage)
        .order_by(StageApplication.round.desc()).limit(1))
    application = application or order_as_application(session, item.instance_id)
    decisions = session.scalars(select(Decision).where(Decision.instance_id == item.instance_id)
                                .order_by(Decision.decided_at, Decision.id))
    supplements = session.scalars(select(SupplementRequest).where(SupplementRequest.task_id == item.task_id)
                                  .order_by(SupplementRequest.requested_at, SupplementRequest.id))
    tolerance = signed_at_window(session, actor, item.instance_id, item.stage) if (
        actor.role == WINDOW_CLERK and item.form_key == keys.ACCEPTANCE_DECISION) else []
    return TaskContext(item, session.get_one(Project, item.project_code), application, list(decisions),
                       list(supplements), stage_materials(session, item.project_code, item.stage), tolerance,
                       _preview(session, runtime, item, issuance),
                       earlier=_earlier(session, item.project_code, item.stage), draft=_draft(session, item.task_id))


def _preview(session: Session, runtime: Runtime | None, item: InboxRow,
             sent: dict[str, Any] | None) -> IssuancePreview | None:
    if item.form_key != keys.ISSUANCE or runtime is None:
        return None
    clean = validated(keys.ISSUANCE, sent or {})
    return issuance_preview(session, runtime, session.get_one(WorkItem, item.task_id), clean)


def _draft(session: Session, task_id: str) -> dict[str, Any] | None:
    draft = session.get(ApplicationDraft, task_id)
    return dict(draft.data) if draft is not None else None


def _earlier(session: Session, project_code: str, stage: str) -> dict[str, Any]:
    """The other stages' application data, the latest value of each field winning (a form pre-fills from it)."""
    known: dict[str, Any] = {}
    for data in session.scalars(select(StageApplication.data).where(
            StageApplication.project_code == project_code, StageApplication.stage != stage)
            .order_by(StageApplication.submitted_at, StageApplication.id)):
        known.update(data)
    return known
