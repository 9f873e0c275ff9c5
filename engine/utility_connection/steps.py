"""Use cases of each utility company (受理勘查 → 验收开通, each audited; the service's clock stops at connection)
and of a department verifying an off-site works permit granted under 告知承诺."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from forms import keys

from ..errors import InvalidState
from ..organisation.actors import Actor
from ..processes.models import ProcessInstance
from ..runtime import Runtime
from ..time_limits import ledger
from .common import audit, checked, locked_permit, locked_service, require_staff_of, services_of
from .models import (
    BREACHED,
    COMMITTED,
    CONNECTED,
    CONNECTING,
    DONE,
    KEPT,
    STEP_NAMES,
    SURVEYED,
    SURVEYING,
    OffsiteWorksPermit,
    UtilityApplication,
    UtilityService,
)


def survey_utility_service(session: Session, runtime: Runtime, actor: Actor, service_id: int,
                           data: dict[str, Any]) -> UtilityService:
    """受理勘查: the company accepts its part after the joint survey and records the connection plan.

    :raise NotAllowed: not staff of the service's company. :raise InvalidState: not at this step.
    """
    service = _at_step(session, actor, service_id, SURVEYING)
    clean = checked(keys.UTILITY_SERVICE_SURVEY, data)
    service.status, service.connection_plan = CONNECTING, clean["connection_plan"]
    service.surveyed_by, service.surveyed_at = actor.user_id, runtime.now()
    session.flush()
    audit(session, runtime, actor, service.project_code, "utility_service_survey", (SURVEYING, CONNECTING),
          {"service": service.service, "application": service.application_id}, task_name=f"{service.name}受理勘查")
    return service


def connect_utility_service(session: Session, runtime: Runtime, actor: Actor, service_id: int,
                            data: dict[str, Any]) -> UtilityService:
    """验收开通: the company connects; the service's clock stops, and the application is done when every
    service is. :raise NotAllowed: not the company's staff. :raise InvalidState: 受理勘查 not done yet."""
    service = _at_step(session, actor, service_id, CONNECTING)
    clean = checked(keys.UTILITY_SERVICE_CONNECTION, data)
    now = runtime.now()
    service.status, service.account_number = DONE, clean["account_number"]
    service.connection_opinion, service.connected_by, service.connected_at = clean["opinion"] or "", actor.user_id, now
    instance = session.get_one(ProcessInstance, service.deadline_instance_id)
    ledger.mark(session, instance, service.clock_key, ledger.STOPPED, now)
    reading = ledger.clock_reading(session, service.clock_key, now)
    audit(session, runtime, actor, service.project_code, "utility_service_connect", (CONNECTING, DONE), {
        "service": service.service, "account_number": service.account_number,
        "used_days": reading.used_days if reading else None, "limit_days": service.limit_days,
        "within_limit": bool(reading and reading.used_days <= service.limit_days)}, task_name=f"{service.name}验收开通")
    application = session.get_one(UtilityApplication, service.application_id)
    if all(s.status == DONE for s in services_of(session, application.id)):
        application.status = CONNECTED
        audit(session, runtime, None, application.project_code, "utility_all_connected", (SURVEYED, CONNECTED),
              {"application": application.id})
    return service


def verify_offsite_permit(session: Session, runtime: Runtime, actor: Actor, permit_id: int,
                          data: dict[str, Any]) -> OffsiteWorksPermit:
    """告知承诺事后核查: the permit's department finds the commitment kept, or breached (the permit is revoked).

    :raise NotAllowed: not the permit's department. :raise InvalidState: already verified.
    """
    permit = locked_permit(session, permit_id)
    require_staff_of(actor, permit.department_code, "外线工程许可核查")
    if permit.status != COMMITTED:
        raise InvalidState(f"该许可{permit.status_name}，不能再次核查", permit_id=permit_id)
    clean = checked(keys.UTILITY_OFFSITE_VERIFICATION, data)
    permit.status = KEPT if clean["result"] == "kept" else BREACHED
    permit.opinion, permit.verified_by, permit.verified_at = clean["opinion"] or "", actor.user_id, runtime.now()
    session.flush()
    audit(session, runtime, actor, permit.project_code, "utility_offsite_verified", (COMMITTED, permit.status),
          {"permit": permit.id, "kind": permit.kind, "opinion": permit.opinion}, task_name=permit.name)
    return permit


def _at_step(session: Session, actor: Actor, service_id: int, step: str) -> UtilityService:
    service = locked_service(session, service_id)
    require_staff_of(actor, service.company_code, f"{service.name}报装")
    if service.status != step:
        raise InvalidState(f"{service.name}报装{service.status_name}，现在不能办理{STEP_NAMES[step]}",
                           service_id=service_id)
    return service

