"""资料审核 (4 working days) and 联合现场验收 (3 working days) of a joint acceptance, each a clock of its own.

The stage-4 model gives every member department one review task, which covers both its document check and
its part of the site visit (REFERENCE §5). The two steps are therefore clocks the feature keeps beside the
model (``step:`` keys, so the owner's progress view, the timerless-clock 逾期 audit, and a holiday schedule's
recomputation see them like any other clock):

* 资料审核 starts when the window accepts the stage application;
* 住房和城乡建设局 (the lead) records that the document check is complete and when the joint site visit takes
  place (:func:`finish_document_check`): 资料审核 stops and 联合现场验收 starts;
* the last member's opinion stops whichever step is still running;
* while a 一次性告知 of the stage waits for the owner, the running step is paused (整改 is not counted).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forms import keys

from ..audit.trail import Entry, record
from ..errors import InvalidState, NotAllowed
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENT_LEAD, EXAMINER
from ..processes import workflow
from ..processes.models import ProcessInstance
from ..projects.queries import visible_project
from ..runtime import Runtime
from ..time_limits import ledger
from ..time_limits.models import ClockEventRow
from ..validation import validated
from ..work_items.models import SupplementRequest, WorkItem

STAGE = "stage_completion_acceptance"
LEAD = "housing_construction"  # 住建 leads joint acceptance and organises the site visit
DOCUMENT_CHECK, SITE_VISIT = ("document_check", "资料审核", 4), ("site_visit", "联合现场验收", 3)


def step_key(instance_id: int, code: str, run: int = 1) -> str:
    return f"step:{instance_id}:{code}" + (f"#{run}" if run > 1 else "")


def open_step(session: Session, instance_id: int) -> ClockEventRow | None:
    """The first event of the stage's step clock that has not stopped (at most one runs at a time)."""
    stopped = select(ClockEventRow.clock_key).where(ClockEventRow.kind == ledger.STOPPED)
    return session.scalar(select(ClockEventRow).where(
        ClockEventRow.instance_id == instance_id, ClockEventRow.clock_key.startswith(f"step:{instance_id}:"),
        ClockEventRow.kind == ledger.STARTED, ClockEventRow.clock_key.not_in(stopped))
        .order_by(ClockEventRow.id.desc()).limit(1))


def start_step(session: Session, instance: ProcessInstance, step: tuple[str, str, int], now: datetime) -> None:
    """Stop the step running (a returned round's), then start ``step``'s clock (a new run each round)."""
    stop_steps(session, instance, now)
    code, name, days = step
    runs = session.scalar(select(func.count()).select_from(ClockEventRow).where(
        ClockEventRow.clock_key.startswith(step_key(instance.id, code)), ClockEventRow.kind == ledger.STARTED)) or 0
    subject = ledger.Subject(step_key(instance.id, code, runs + 1), STAGE, f"{name}（竣工联合验收）", LEAD)
    ledger.start_clock(session, instance, subject, days, now)


def stop_steps(session: Session, instance: ProcessInstance, now: datetime) -> None:
    running = open_step(session, instance.id)
    if running is not None:
        ledger.mark(session, instance, running.clock_key, ledger.STOPPED, now)


def members_done(session: Session, instance: ProcessInstance, now: datetime) -> None:
    """A member gave its opinion: when none is left to give, the running step stops."""
    left = session.scalar(select(WorkItem.task_id).where(
        WorkItem.instance_id == instance.id, WorkItem.stage == STAGE, WorkItem.form_key == keys.REVIEW_DECISION)
        .limit(1))
    if left is None:
        stop_steps(session, instance, now)


def correction_changed(session: Session, instance_id: int, now: datetime) -> None:
    """Pause the running step while any correction notice of the stage waits; resume when none does."""
    running = open_step(session, instance_id)
    if running is None:
        return
    instance = session.get_one(ProcessInstance, instance_id)
    waiting = session.scalar(select(SupplementRequest.id).where(
        SupplementRequest.instance_id == instance.id, SupplementRequest.stage == STAGE,
        SupplementRequest.supplied_at.is_(None), SupplementRequest.lapsed_at.is_(None)).limit(1))
    kind = ledger.PAUSED if waiting is not None else ledger.RESUMED
    ledger.mark(session, instance, running.clock_key, kind, now, reason="correction" if waiting else None)


def finish_document_check(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                          data: dict[str, Any]) -> ledger.ClockLine:
    """住房和城乡建设局 records that the members' document check is complete and when the joint site visit is;
    资料审核 stops and 联合现场验收 (3 working days) starts. Returns the new step's clock.

    :raise NotFound: the project is not visible. :raise NotAllowed: not staff of 住房和城乡建设局.
    :raise InvalidState: no 资料审核 is running. :raise FormRejected: no or a bad site visit date.
    """
    project = visible_project(session, actor, project_code, runtime=runtime)
    if actor.role not in (EXAMINER, DEPARTMENT_LEAD) or actor.department_code != LEAD:
        raise NotAllowed("只有住房和城乡建设局可以组织联合现场验收", role=actor.role)
    running = _running_document_check(session, project.code)
    clean = validated(keys.DOCUMENT_CHECK_COMPLETION, data)
    instance = workflow.lock(session, running.instance_id)
    if open_step(session, instance.id) != running:  # another examiner acted meanwhile
        raise InvalidState("资料审核已经结束", project_code=project.code)
    now = runtime.now()
    start_step(session, instance, SITE_VISIT, now)
    record(session, runtime, actor, Entry(
        "finish_document_check", project.code, instance.id, task_name="资料审核（竣工联合验收）",
        status_before=DOCUMENT_CHECK[0], status_after=SITE_VISIT[0],
        details={"site_visit_date": clean["site_visit_date"].isoformat(), "note": clean.get("note") or ""}))
    found = open_step(session, instance.id)
    line = ledger.clock_line(session, found.clock_key, now) if found is not None else None
    assert line is not None  # just started
    return line


def _running_document_check(session: Session, code: str) -> ClockEventRow:
    stopped = select(ClockEventRow.clock_key).where(ClockEventRow.kind == ledger.STOPPED)
    running = session.scalar(select(ClockEventRow).where(
        ClockEventRow.project_code == code, ClockEventRow.stage == STAGE, ClockEventRow.kind == ledger.STARTED,
        ClockEventRow.clock_key.startswith("step:"), ClockEventRow.clock_key.not_in(stopped))
        .order_by(ClockEventRow.id.desc()).limit(1))
    if running is None or not running.clock_key.startswith(step_key(running.instance_id, DOCUMENT_CHECK[0])):
        raise InvalidState("该项目没有正在进行的竣工联合验收资料审核", project_code=code)
    return running
