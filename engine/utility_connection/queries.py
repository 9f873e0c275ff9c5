"""Who sees what of 水电气联动报装: the project's track (a section per utility with its status, deadline and
days left, read from its working-day clock), the window's queue, each company's inbox and each department's
list of off-site permits to verify."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENT_LEAD, DEPARTMENTS, EXAMINER
from ..projects.models import Project
from ..projects.queries import get_project, visible_project
from ..runtime import Runtime
from ..time_limits.ledger import ClockLine, clock_line
from .common import require_window
from .models import (
    ACCEPTED,
    COMMITTED,
    CONNECTING,
    SUBMITTED,
    SURVEYING,
    OffsiteWorksPermit,
    UtilityApplication,
    UtilityService,
)


@dataclass(frozen=True)
class ServiceLine:
    """A utility of an application as people read it: its company, step and clock (None before acceptance)."""

    service: UtilityService
    company: str
    clock: ClockLine | None


@dataclass(frozen=True)
class ApplicationView:
    application: UtilityApplication
    project_name: str
    services: list[ServiceLine]
    permits: list[OffsiteWorksPermit]


def utility_track(session: Session, runtime: Runtime, actor: Actor, code: str) -> list[ApplicationView]:
    """The project's applications (newest first) for anyone who may see the project or acts on one of its
    utilities or off-site permits."""
    project = _visible(session, runtime, actor, code)
    return track_of(session, runtime.now(), project.code, project.name)


def track_of(session: Session, now: datetime, code: str, project_name: str = "") -> list[ApplicationView]:
    """The project's applications, newest first, read at ``now`` (no visibility check: callers make it)."""
    applications = session.scalars(select(UtilityApplication).where(UtilityApplication.project_code == code)
                                   .order_by(UtilityApplication.id.desc()))
    return [_view(session, now, a, project_name) for a in applications]


def window_queue(session: Session, runtime: Runtime, actor: Actor) -> list[ApplicationView]:
    """Applications waiting for the window: to accept, or accepted and waiting for the joint survey."""
    require_window(actor)
    rows = session.execute(select(UtilityApplication, Project.name).join(Project).where(
        UtilityApplication.status.in_((SUBMITTED, ACCEPTED))).order_by(UtilityApplication.id).limit(200))
    return [_view(session, runtime.now(), a, name) for a, name in rows]


@dataclass(frozen=True)
class InboxRow:
    line: ServiceLine
    project_code: str
    project_name: str
    site_address: str
    application: UtilityApplication


def company_inbox(session: Session, runtime: Runtime, actor: Actor) -> list[InboxRow]:
    """The company's services at 受理勘查 or 验收开通, oldest first."""
    company = _staff_organisation(actor)
    rows = session.execute(select(UtilityService, Project.name, Project.site_address, UtilityApplication)
                           .join(Project, Project.code == UtilityService.project_code)
                           .join(UtilityApplication, UtilityApplication.id == UtilityService.application_id)
                           .where(UtilityService.company_code == company,
                                  UtilityService.status.in_((SURVEYING, CONNECTING)))
                           .order_by(UtilityService.id).limit(200))
    now = runtime.now()
    return [InboxRow(_line(session, now, s), s.project_code, name, site or "", a) for s, name, site, a in rows]


@dataclass(frozen=True)
class PermitRow:
    permit: OffsiteWorksPermit
    project_name: str
    site_address: str


def offsite_queue(session: Session, actor: Actor) -> list[PermitRow]:
    """Off-site works permits the actor's department granted under 告知承诺 and has still to verify."""
    department = _staff_organisation(actor)
    rows = session.execute(select(OffsiteWorksPermit, Project.name, Project.site_address).join(Project)
                           .where(OffsiteWorksPermit.department_code == department,
                                  OffsiteWorksPermit.status == COMMITTED)
                           .order_by(OffsiteWorksPermit.verify_by, OffsiteWorksPermit.id).limit(200))
    return [PermitRow(p, name, site or "") for p, name, site in rows]


def _staff_organisation(actor: Actor) -> str:
    if actor.role not in (EXAMINER, DEPARTMENT_LEAD) or actor.department_code is None:
        raise NotAllowed("只有公用服务单位和有关部门的人员可以查看", role=actor.role)
    return actor.department_code


def _visible(session: Session, runtime: Runtime, actor: Actor, code: str) -> Project:
    try:
        return visible_project(session, actor, code, runtime=runtime)
    except NotFound:
        if actor.department_code is None or not _acts_on(session, actor.department_code, code):
            raise
        return get_project(session, code)


def _acts_on(session: Session, organisation: str, code: str) -> bool:
    service = select(UtilityService.id).where(UtilityService.project_code == code,
                                              UtilityService.company_code == organisation)
    permit = select(OffsiteWorksPermit.id).where(OffsiteWorksPermit.project_code == code,
                                                 OffsiteWorksPermit.department_code == organisation)
    return any(session.scalar(query.limit(1)) is not None for query in (service, permit))


def _view(session: Session, now: datetime, application: UtilityApplication, project_name: str) -> ApplicationView:
    services = session.scalars(select(UtilityService).where(UtilityService.application_id == application.id)
                               .order_by(UtilityService.id))
    permits = session.scalars(select(OffsiteWorksPermit).where(OffsiteWorksPermit.application_id == application.id)
                              .order_by(OffsiteWorksPermit.id))
    return ApplicationView(application, project_name, [_line(session, now, s) for s in services], list(permits))


def _line(session: Session, now: datetime, service: UtilityService) -> ServiceLine:
    return ServiceLine(service, DEPARTMENTS.get(service.company_code, service.company_code),
                       clock_line(session, service.clock_key, now))
