"""What the acceptance-mode timers mean when the sweeper fires them (on ``TimersFired``, see ``hooks``).

``tolerance_deadline``: 补正期限届满 suspends a case still waiting for materials (中止办理, grace period);
宽限期届满 returns a case still suspended (退件). ``pre_permit``: 预许可有效期届满 expires a pre-permit that was
not converted — the certificate reads 已失效, the supervisors' list shows it, further works are flagged.
A firing for a case already closed changes nothing. ``post_verification`` needs nothing here: its timer just
brings the examiner's check task.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..audit.trail import Entry, record
from ..issuance import expire_due
from ..processes.models import ProcessInstance
from ..runtime import Runtime
from .models import EXPIRED, OPEN, RETURNED, SUSPENDED, VALID, PrePermit, ToleranceCase
from .tolerance import audit_case


def after_fired(session: Session, runtime: Runtime, instance: ProcessInstance, bpmn_ids: list[str],
                now: datetime) -> None:
    if instance.process_id == "tolerance_deadline":
        case = session.scalar(select(ToleranceCase).where(ToleranceCase.deadline_instance_id == instance.id))
        for bpmn_id in bpmn_ids:
            _tolerance(session, runtime, case, bpmn_id, now)
    elif instance.process_id == "pre_permit" and "validity_end" in bpmn_ids:
        permit = session.scalar(select(PrePermit).where(PrePermit.validity_instance_id == instance.id))
        if permit is not None and permit.status == VALID:
            _expire(session, runtime, permit, now)


def _tolerance(session: Session, runtime: Runtime, case: ToleranceCase | None, bpmn_id: str, now: datetime) -> None:
    if case is None:
        return
    if bpmn_id == "supplement_deadline" and case.status == OPEN:
        case.status = SUSPENDED
        audit_case(session, runtime, None, case, ("tolerance_suspended", OPEN),
                   {"grace_due": case.grace_due.isoformat() if case.grace_due else None})
    elif bpmn_id == "grace_end" and case.status == SUSPENDED:
        case.status, case.closed_at = RETURNED, now
        audit_case(session, runtime, None, case, ("tolerance_returned", SUSPENDED), {})


def _expire(session: Session, runtime: Runtime, permit: PrePermit, now: datetime) -> None:
    permit.status, permit.closed_at, permit.works_flagged = EXPIRED, now, True
    expire_due(session, runtime)  # the pre-permit's certificate (valid until yesterday) reads 已失效
    record(session, runtime, None, Entry(
        "pre_permit_expired", permit.project_code, permit.validity_instance_id, task_name="建筑工程施工预许可",
        status_before=VALID, status_after=EXPIRED,
        details={"certificate": permit.certificate_number, "notify": "supervisor", "works_flagged": True}))
