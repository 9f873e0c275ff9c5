"""逾期未补正: a correction notice whose period passed unanswered is marked and recorded for the department.

Run by the timer sweep (``engine.sweeper.sweep``), one notice per transaction, with the same locking as a timer:
the notice row and its instance are taken with ``SKIP LOCKED`` so a sweeper never waits for someone acting on
the case. The item keeps waiting for the applicant (a late supplement is still accepted: the period is the
applicant's, and the item clock is paused anyway); the department sees the lapse on the task page and in the
audit trail and decides what follows (the sources' rule is 退件/re-apply: a refusal with that reason).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..audit.trail import Entry, record
from ..processes.models import ProcessInstance
from ..runtime import Runtime
from .models import AWAITING_SUPPLEMENT, SupplementRequest


def lapse_next(session: Session, runtime: Runtime, busy: set[int]) -> int | None:
    """Mark the next lapsed notice; None when none is due, 0 when its instance was busy (added to ``busy``)."""
    now = runtime.now()
    request = session.scalar(select(SupplementRequest).where(
        SupplementRequest.supplied_at.is_(None), SupplementRequest.lapsed_at.is_(None),
        SupplementRequest.due_at <= now, SupplementRequest.instance_id.not_in(busy))
        .order_by(SupplementRequest.due_at, SupplementRequest.id).limit(1).with_for_update(skip_locked=True))
    if request is None:
        return None
    instance = session.scalar(select(ProcessInstance).where(ProcessInstance.id == request.instance_id)
                              .with_for_update(skip_locked=True))
    if instance is None:
        busy.add(request.instance_id)
        return 0
    request.lapsed_at = now
    record(session, runtime, None, Entry(
        "supplement_lapsed", request.project_code, request.instance_id, request.task_id, request.task_name,
        AWAITING_SUPPLEMENT, AWAITING_SUPPLEMENT, None, {
            "department": request.department_code, "due_at": request.due_at.isoformat() if request.due_at else "",
            "materials": request.materials, "supplement_request_id": request.id}))
    return 1
