"""What the use cases of 水电气联动报装 share: checked forms, who may act on what, audit entries, the clocks."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..audit.trail import Entry, record
from ..errors import FormRejected, NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENT_LEAD, EXAMINER, WINDOW_CLERK
from ..processes.models import ProcessInstance
from ..projects.queries import lock_project
from ..runtime import Runtime
from ..time_limits import ledger
from ..time_limits.ledger import Subject
from ..validation import validated
from .models import OffsiteWorksPermit, UtilityApplication, UtilityService

TRACK = "utility_connection"
TRACK_NAME = "水电气联动报装"
_Row = TypeVar("_Row", UtilityApplication, UtilityService, OffsiteWorksPermit)


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
    return _locked(session, UtilityApplication, application_id, "联动报装申请不存在", application_id=application_id)


def locked_service(session: Session, service_id: int) -> UtilityService:
    return _locked(session, UtilityService, service_id, "报装事项不存在", service_id=service_id)


def locked_permit(session: Session, permit_id: int) -> OffsiteWorksPermit:
    return _locked(session, OffsiteWorksPermit, permit_id, "外线工程许可不存在", permit_id=permit_id)


def _locked(session: Session, model: type[_Row], row_id: int, missing: str, **context: Any) -> _Row:
    """The row, its project locked (the project's audit chain), read fresh."""
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(missing, **context)
    lock_project(session, row.project_code)
    session.refresh(row)
    return row


def audit(  # noqa: PLR0913, PLR0917 - an audit Entry's fields, positionally like Entry itself
        session: Session, runtime: Runtime, actor: Actor | None, project_code: str, action: str,
          change: tuple[str | None, str | None], details: dict[str, Any], task_name: str = TRACK_NAME) -> None:
    """One entry on the project's chain (callers hold the project lock)."""
    before, after = change
    record(session, runtime, actor, Entry(action, project_code, None, None, task_name, before, after, after, details))


def start_clock(session: Session, instance: ProcessInstance, service: UtilityService, now: datetime) -> None:
    """The service's clock of its limit starts (the ledger's own rows: deadlines, 预警/逾期, statistics,
    holiday-schedule reloads and provisional years all read it like any item's clock)."""
    subject = Subject(service.clock_key, TRACK, f"{service.name}报装（受理勘查至验收开通）", service.company_code)
    ledger.start_clock(session, instance, subject, service.limit_days, now)


def services_of(session: Session, application_id: int) -> list[UtilityService]:
    return list(session.scalars(select(UtilityService).where(UtilityService.application_id == application_id)
                                .order_by(UtilityService.id)))
