"""The joint acceptance timetable (唐山 〔2019〕17号, REFERENCE §5) as data, read as clocks.

统一受理 1, 资料审核 4, 联合现场验收 3, 出具联合验收意见 1 working days (9 in all). A defect found in
资料审核 or on site is told once (一次性告知) and the owner corrects it within 3 working days; that
correction period is not counted in the timetable and has a clock of its own.

The stage-4 model records the member departments' document check and site visit as one review task
each; the two steps are clocks of their own (``steps``: 资料审核 from the window's acceptance until 住建 records
it complete, then 联合现场验收 until the last member's opinion). A case accepted before those clocks existed
reads the two as one span with the budgets' sum.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from ..clocks import ClockEvent, WorkingCalendar, evaluate
from ..errors import NotFound
from ..organisation.actors import Actor
from ..processes.models import ProcessInstance
from ..projects.models import StageApplication
from ..projects.queries import visible_project
from ..runtime import Runtime
from ..time_limits.calendar_store import working_calendar
from ..time_limits.ledger import STARTED, clock_reading
from ..time_limits.models import ClockEventRow
from ..work_items.models import Decision, SupplementRequest, WorkItem
from .steps import DOCUMENT_CHECK, SITE_VISIT

STAGE = "stage_completion_acceptance"


@dataclass(frozen=True)
class Step:
    code: str
    name: str
    working_days: int


TIMETABLE: tuple[Step, ...] = (
    Step("intake", "统一受理", 1),
    Step("document_check", "资料审核", 4),
    Step("site_visit", "联合现场验收", 3),
    Step("opinion", "出具联合验收意见", 1),
)
CORRECTION_DAYS = 3  # 一次性告知 → the owner corrects within 3 working days, not counted


@dataclass(frozen=True)
class TimetableLine:
    """One clock of the timetable as people read it."""

    name: str
    limit_days: int
    used_days: int
    remaining_days: int
    deadline: date
    state: str
    running: bool


def acceptance_timetable(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> list[TimetableLine]:
    """The timetable's clocks for the project's current joint acceptance round, at the runtime's now.

    :raise NotFound: the project is not visible, or joint acceptance has not been applied for.
    """
    project = visible_project(session, actor, project_code, runtime=runtime)
    submitted = session.scalar(select(StageApplication).join(ProcessInstance).where(
        StageApplication.project_code == project.code, StageApplication.stage == STAGE)
        .order_by(StageApplication.id.desc()).limit(1))
    if submitted is None:
        raise NotFound("尚未申请竣工联合验收", project_code=project.code)
    decisions = list(session.scalars(select(Decision).where(
        Decision.instance_id == submitted.instance_id, Decision.stage == STAGE,
        Decision.decided_at >= submitted.submitted_at).order_by(Decision.id)))
    corrections = list(session.scalars(select(SupplementRequest).where(
        SupplementRequest.instance_id == submitted.instance_id, SupplementRequest.stage == STAGE,
        SupplementRequest.requested_at >= submitted.submitted_at).order_by(SupplementRequest.id)))
    open_reviews = session.scalar(select(WorkItem.task_id).where(
        WorkItem.instance_id == submitted.instance_id, WorkItem.stage == STAGE,
        WorkItem.form_key == keys.REVIEW_DECISION)
        .limit(1))
    return _lines(session, submitted.instance_id, runtime.now(), submitted.submitted_at, decisions, corrections,
                  open_reviews is None)


def _step_lines(session: Session, instance_id: int, accepted: datetime, now: datetime) -> list[TimetableLine]:
    """The round's 资料审核 and 联合现场验收 clocks (``steps``), in the order they started."""
    keys_ = session.scalars(select(ClockEventRow.clock_key).where(
        ClockEventRow.instance_id == instance_id, ClockEventRow.clock_key.startswith(f"step:{instance_id}:"),
        ClockEventRow.kind == STARTED, ClockEventRow.at >= accepted, ClockEventRow.at <= now)
        .order_by(ClockEventRow.id))
    lines = []
    for key in keys_:
        reading = clock_reading(session, key, now)
        if reading is not None:
            name = SITE_VISIT[1] if ":site_visit" in key else DOCUMENT_CHECK[1]
            lines.append(TimetableLine(name, reading.limit_days, reading.used_days, reading.remaining_days,
                                       reading.deadline, reading.state_label, not reading.stopped))
    return lines


def _lines(session: Session, instance_id: int, now: datetime, submitted: datetime, decisions: list[Decision],
           corrections: list[SupplementRequest], reviews_closed: bool) -> list[TimetableLine]:
    days = {step.code: step.working_days for step in TIMETABLE}
    accepted = _first(decisions, keys.ACCEPTANCE_DECISION)
    reviews = [d for d in decisions if d.form_key == keys.REVIEW_DECISION]
    issued = _first(decisions, keys.ISSUANCE)
    members_done = reviews[-1].decided_at if reviews and reviews_closed else None
    calendar = working_calendar(session)
    spans: list[tuple[str, int, datetime, datetime | None, list[SupplementRequest]]] = [
        ("统一受理", days["intake"], submitted, accepted, [])]
    steps = _step_lines(session, instance_id, accepted, now) if accepted is not None else []
    if accepted is not None and not steps:
        spans.append(("资料审核和联合现场验收", days["document_check"] + days["site_visit"], accepted, members_done,
                      corrections))
    lines = [_line(calendar, now, *span) for span in spans] + steps
    if members_done is not None:
        lines.append(_line(calendar, now, "出具联合验收意见", days["opinion"], members_done, issued, []))
    for index, correction in enumerate(corrections, start=1):
        lines.append(_line(calendar, now, f"整改（第{index}次一次性告知）", CORRECTION_DAYS, correction.requested_at,
                           correction.supplied_at, []))
    return lines


def _line(calendar: WorkingCalendar, now: datetime, name: str, limit: int, start: datetime, stop: datetime | None,
          pauses: list[SupplementRequest]) -> TimetableLine:
    events = [ClockEvent.started(start, limit)]
    for pause in pauses:
        events.append(ClockEvent.paused(pause.requested_at, "correction"))
        if pause.supplied_at is not None:
            events.append(ClockEvent.resumed(pause.supplied_at))
    if stop is not None:
        events.append(ClockEvent.stopped(stop))
    reading = evaluate([e for e in events if e.at <= now], now, calendar)
    return TimetableLine(name, reading.limit_days, reading.used_days, reading.remaining_days, reading.deadline,
                         reading.state_label, not reading.stopped)


def _first(decisions: list[Decision], form_key: str) -> datetime | None:
    return next((d.decided_at for d in decisions if d.form_key == form_key), None)

