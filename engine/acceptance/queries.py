"""What owners and staff see of the acceptance modes, with the 容缺 deadline's working-day figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clocks import WorkingCalendar
from ..clocks.segments import local_date
from ..errors import NotAllowed
from ..organisation.actors import Actor
from ..organisation.lanes import WINDOW_CLERK
from ..runtime import Runtime
from ..time_limits.calendar_store import refresh_calendar
from ..visibility import visible_project
from .models import SIGNED, CommitmentCase, ToleranceCase
from .prepermits import project_pre_permits
from .published import listed_commitment, listed_tolerance, tolerance_entry


@dataclass(frozen=True)
class ToleranceView:
    id: int
    item: str
    item_name: str
    status: str
    status_name: str
    missing_materials: list[str]
    notice_number: str | None
    supplement_days: int
    supplement_due: datetime | None
    grace_due: datetime | None
    days_used: int
    days_left: int


def acceptance_overview(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> dict:
    """The project's 容缺 cases (with working days used/left of the supplement deadline), 告知承诺 cases and
    pre-permits, for its owner and for staff who may see it."""
    project = visible_project(session, actor, project_code, runtime=runtime)
    calendar = refresh_calendar(session, runtime)
    today = local_date(runtime.now())
    cases = session.scalars(select(ToleranceCase).where(ToleranceCase.project_code == project.code)
                            .order_by(ToleranceCase.id))
    tolerance = [tolerance_view(case, calendar, today) for case in cases]
    commitments = [{"id": c.id, "item": c.item, "item_name": listed_commitment(c.item).name, "status": c.status,
                    "status_name": c.status_name, "certificate_number": c.certificate_number,
                    "verification_due": c.verification_due, "findings": c.findings}
                   for c in session.scalars(select(CommitmentCase).where(CommitmentCase.project_code == project.code)
                                            .order_by(CommitmentCase.id))]
    pre_permits = [{"id": p.id, "scope": p.scope, "status": p.status, "status_name": p.status_name,
                    "valid_until": p.valid_until, "certificate_number": p.certificate_number,
                    "permit_number": p.permit_number, "works_flagged": p.works_flagged}
                   for p in project_pre_permits(session, project.code)]
    return {"tolerance": tolerance, "commitments": commitments, "pre_permits": pre_permits}


def tolerance_view(case: ToleranceCase, calendar: WorkingCalendar, today: date) -> ToleranceView:
    """A case with the working days used and left of its supplement period on ``today``."""
    entry = listed_tolerance(case.item)
    used = 0
    if case.accepted_at is not None:
        stopped = case.supplied_at or case.closed_at
        end = min(today, local_date(stopped)) if stopped is not None else today
        used = min(calendar.working_days_between(local_date(case.accepted_at), end), entry.supplement_days)
    return ToleranceView(case.id, case.item, entry.name, case.status, case.status_name, case.missing_materials,
                         case.notice_number, entry.supplement_days, case.supplement_due, case.grace_due, used,
                         entry.supplement_days - used)


@dataclass(frozen=True)
class SignedTolerance:
    """A 容缺受理承诺书 the owner signed for the application now at the window: what the window checks."""

    item: str
    item_name: str
    missing_materials: list[str]
    main_materials: tuple[str, ...]


def signed_at_window(session: Session, actor: Actor, instance_id: int, stage: str) -> list[SignedTolerance]:
    """The signed, not yet accepted 容缺 commitments of the stage application at the window (window only)."""
    if actor.role != WINDOW_CLERK:
        raise NotAllowed("只有综合窗口可以容缺受理")
    cases = session.scalars(select(ToleranceCase).where(
        ToleranceCase.instance_id == instance_id, ToleranceCase.stage == stage, ToleranceCase.status == SIGNED)
        .order_by(ToleranceCase.id))
    return [SignedTolerance(c.item, entry.name, list(c.missing_materials), entry.main_materials)
            for c in cases if (entry := tolerance_entry(c.item)) is not None]
