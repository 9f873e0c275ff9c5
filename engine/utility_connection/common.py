"""What the use cases of 水电气联动报装 share: checked forms, who may act on what, audit entries, the clocks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..audit.trail import Entry, record
from ..errors import FormRejected, NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENT_LEAD, EXAMINER, WINDOW_CLERK
from ..processes.models import ProcessInstance
from ..projects.queries import lock_project
from ..runtime import Runtime
from ..time_limits.models import ClockEventRow
from ..validation import validated
from .models import OffsiteWorksPermit, UtilityApplication, UtilityService

TRACK = "utility_connection"
TRACK_NAME = "水电气联动报装"


def checked(form_key: str, data: dict[str, Any], rule_errors: dict[str, list[str]] | None = None,
            more: Any = None) -> dict[str, Any]:
    """The validated form; ``more(clean)`` adds errors of rules the form cannot know (refused together)."""
    clean = validated(form_key, data)
    errors = {**(rule_errors or {}), **(more(clean) if more else {})}
    if errors:
        raise FormRejected(form_key, errors)
    return clean


def require_window(actor: Actor) -> None:
    if actor.role != WINDOW_CLERK:
        raise NotAllowed("只有综合窗口可以受理联动报装、记录联合踏勘", role=actor.role)


def require_staff_of(actor: Actor, organisation: str, what: str) -> None:
    if actor.role not in (EXAMINER, DEPARTMENT_LEAD) or actor.department_code != organisation:
        raise NotAllowed(f"只有本单位人员可以办理{what}", department_code=actor.department_code)


def locked_application(session: Session, application_id: int) -> UtilityApplication:
    """The application, its project locked (the project's audit chain), read fresh."""
    application = session.get(UtilityApplication, application_id)
    if application is None:
        raise NotFound("联动报装申请不存在", application_id=application_id)
    lock_project(session, application.project_code)
    session.refresh(application)
    return application


def locked_service(session: Session, service_id: int) -> UtilityService:
    service = session.get(UtilityService, service_id)
    if service is None:
        raise NotFound("报装事项不存在", service_id=service_id)
    lock_project(session, service.project_code)
    session.refresh(service)
    return service


def locked_permit(session: Session, permit_id: int) -> OffsiteWorksPermit:
    permit = session.get(OffsiteWorksPermit, permit_id)
    if permit is None:
        raise NotFound("外线工程许可不存在", permit_id=permit_id)
    lock_project(session, permit.project_code)
    session.refresh(permit)
    return permit


def audit(  # noqa: PLR0913, PLR0917 - an audit Entry's fields, positionally like Entry itself
        session: Session, runtime: Runtime, actor: Actor | None, project_code: str, action: str,
          change: tuple[str | None, str | None], details: dict[str, Any], task_name: str = TRACK_NAME) -> None:
    """One entry on the project's chain (callers hold the project lock)."""
    before, after = change
    record(session, runtime, actor, Entry(action, project_code, None, None, task_name, before, after, after, details))


def start_clock(session: Session, instance: ProcessInstance, service: UtilityService, now: datetime) -> None:
    """The service's clock of its limit starts (the ledger's own rows: deadlines, 预警/逾期, statistics,
    holiday-schedule reloads and provisional years all read it like any item's clock)."""
    session.add(ClockEventRow(clock_key=service.clock_key, instance_id=instance.id, project_code=service.project_code,
                              stage=TRACK, label=f"{service.name}报装（受理勘查至验收开通）",
                              department_code=service.company_code, kind="started", at=now,
                              limit_days=service.limit_days))
    session.flush()


def services_of(session: Session, application_id: int) -> list[UtilityService]:
    return list(session.scalars(select(UtilityService).where(UtilityService.application_id == application_id)
                                .order_by(UtilityService.id)))
