"""What the utility deadline timers mean when the sweeper fires them: a 时限预警 or 时限逾期 of that utility,
audited on the project's chain for the company and 电子监察 — unless the utility is already connected, or the
clock does not say so (a holiday schedule loaded since moves the timers with the clock: ``due.CLOCK_TIMERS``)."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import ProjectTracks, Registry, TimersFired, TrackLine, TrackSection
from ..projects.queries import lock_project
from ..time_limits import ledger
from .common import audit
from .models import DONE, UtilityService
from .queries import ServiceLine, track_of

_TIMERS = ("clock_warning", "clock_overdue", "utility_warning", "utility_overdue")  # and the first model's ids
_ACTIONS = {"预警": "utility_clock_warning", "逾期": "utility_clock_overdue"}


def register(registry: Registry) -> None:
    registry.subscribe(TimersFired, _fired)
    registry.provide(ProjectTracks, _sections)


def _sections(question: ProjectTracks) -> list[TrackSection]:
    """On the project page: a section per application, a line per utility with its status, deadline, days left."""
    return [TrackSection("utility_connection", f"水电气联动报装（申请 {view.application.id}）",
                         view.application.status_name, tuple(_line(line) for line in view.services))
            for view in track_of(question.session, question.runtime.now(), question.project_code)]


def _line(line: ServiceLine) -> TrackLine:
    clock, service = line.clock, line.service
    if clock is None:
        return TrackLine(service.name, line.company, service.status_name, service.limit_days)
    return TrackLine(service.name, line.company, service.status_name, service.limit_days, clock.deadline,
                     None if clock.stopped else clock.remaining_days, None if clock.stopped else clock.state,
                     clock.provisional)


def _fired(event: TimersFired) -> None:
    if event.instance.process_id != "utility_deadline":
        return
    service = event.session.scalar(select(UtilityService).where(
        UtilityService.deadline_instance_id == event.instance.id))
    if service is None or service.status == DONE:
        return
    reading = ledger.clock_reading(event.session, service.clock_key, event.at)
    # One firing may carry both timers (the sweeper ran late): record what the clock says now, once.
    action = _ACTIONS.get(reading.state_label) if reading else None
    if reading is None or action is None or not any(b in _TIMERS for b in event.bpmn_ids):
        return
    lock_project(event.session, service.project_code)  # after the instance: the sweeper's order
    audit(event.session, event.runtime, None, service.project_code, action, (None, service.status), {
        "service": service.service, "department": service.company_code, "limit_days": service.limit_days,
        "deadline": reading.deadline.isoformat(), "notify": "supervisor"}, task_name=f"{service.name}报装")
