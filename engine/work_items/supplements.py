"""One-time correction notices (一次性告知 / 补正) and the applicant's supplement.

A notice lists every missing or incorrect material at once; while it is open the work item waits
(``awaiting_supplement``) and the workflow does not move. The owner answers with the supplied
materials; the item returns to the examiner's inbox. The rounds stay in ``supplement_request``, so
the history never grows the workflow state.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys
from forms.decisions import DEFAULT_SUPPLEMENT_DAYS

from ..agency.rules import SUPPLEMENT, act_for_owner
from ..audit.trail import Entry, record
from ..clocks import CHINA_TZ, END_OF_WORKING_DAY, local_date
from ..errors import FormRejected, InvalidState, NotFound
from ..extensions import SupplementRequested, SupplementSupplied, registry
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT
from ..processes import workflow
from ..processes.models import ProcessInstance
from ..projects.models import Project
from ..runtime import Runtime
from ..time_limits import ledger
from ..time_limits.calendar_store import working_calendar
from ..timers.deadlines import park_item_timers, resume_item_timers
from ..validation import validated
from . import due
from .authorisation import check_may_reach
from .models import AWAITING_SUPPLEMENT, READY, SupplementRequest, WorkItem


class OutsideFirstRound(FormRejected):
    """A second correction round may only ask about what the first listed or the supplement changed."""

    code = "outside_first_round"

    def __init__(self, materials: list[str]):
        message = "第二次补正只能针对首次告知所列或补正中变更的材料，以下材料不在此范围：" + "、".join(materials)
        super().__init__(keys.REVIEW_DECISION, {"missing_materials": [message]})
        self.message = message


def open_supplement_request(session: Session, runtime: Runtime, actor: Actor, item: WorkItem,
                            clean: dict[str, Any]) -> SupplementRequest:
    """Park a work item behind a correction notice (called from ``complete_task``). The applicant has
    ``supplement_days`` working days (default ``DEFAULT_SUPPLEMENT_DAYS``) to answer, until 17:30 of the last one.

    :raise OutsideFirstRound: a later notice on the same task asks for a material that the first notice did
        not list and no supplement changed (一次性告知: everything missing is listed at once).
    """
    allowed = _check_later_round(session, item, list(clean["missing_materials"]))
    now = runtime.now()
    due_at = _period_end(session, now, clean.get("supplement_days") or DEFAULT_SUPPLEMENT_DAYS)
    request = SupplementRequest(
        instance_id=item.instance_id, project_code=item.project_code, task_id=item.task_id, task_name=item.name,
        stage=item.stage, department_code=item.department_code, materials=list(clean["missing_materials"]),
        opinion=clean.get("opinion", ""), requested_by=actor.user_id, requested_at=now,
        due_at=due_at, allowed_materials=sorted(allowed) if allowed is not None else list(clean["missing_materials"]))
    session.add(request)
    item.status = AWAITING_SUPPLEMENT
    session.flush()
    instance = session.get_one(ProcessInstance, item.instance_id)
    ledger.mark(session, instance, ledger.item_key(item.task_id), ledger.PAUSED, now, reason="correction")
    park_item_timers(session, runtime, instance, item)  # 补正 time is not counted: no deadline may pass
    due.window(session, item)
    record(session, runtime, actor, Entry(
        "request_supplement", item.project_code, item.instance_id, item.task_id, item.name, READY,
        AWAITING_SUPPLEMENT, "supplement", {"materials": request.materials, "opinion": request.opinion,
                                            "due_at": due_at.isoformat()}))
    registry.publish(SupplementRequested(session, runtime, actor, item, request))
    return request


def _period_end(session: Session, now: datetime, days: int) -> datetime:
    """17:30 on the ``days``-th working day after today (today not counted, as for every time limit)."""
    last = working_calendar(session).add_working_days(local_date(now), days)
    return datetime.combine(last, END_OF_WORKING_DAY, tzinfo=CHINA_TZ)


def _check_later_round(session: Session, item: WorkItem, materials: list[str]) -> set[str] | None:
    """What a later notice may ask for (None: this is the task's first); raises if ``materials`` go beyond it.
    Read from the latest round alone (its ``allowed_materials`` and what was supplied to it): the 100th round
    costs what the 2nd does."""
    latest = session.execute(select(SupplementRequest.allowed_materials, SupplementRequest.supplied_materials)
                             .where(SupplementRequest.task_id == item.task_id)
                             .order_by(SupplementRequest.id.desc()).limit(1)).first()
    if latest is None:
        return None
    allowed = (set(latest.allowed_materials) if latest.allowed_materials is not None
               else _allowed_from_every_round(session, item.task_id)).union(latest.supplied_materials or [])
    outside = [m for m in materials if m not in allowed]
    if outside:
        raise OutsideFirstRound(outside)
    return allowed


def _allowed_from_every_round(session: Session, task_id: str) -> set[str]:
    """The first notice's materials and every material supplied since (a round written before the kept set)."""
    rounds = session.execute(select(SupplementRequest.materials, SupplementRequest.supplied_materials)
                             .where(SupplementRequest.task_id == task_id).order_by(SupplementRequest.id)).all()
    return set(rounds[0].materials).union(*(r.supplied_materials or [] for r in rounds))


def submit_supplement(session: Session, runtime: Runtime, actor: Actor, instance_id: int, task_id: str,
                      form_data: dict[str, Any]) -> SupplementRequest:
    """The owner (or an agent authorised for 补正 in that stage) supplies what a correction notice asked
    for; the item goes back to its examiner.

    :raise NotFound: no open notice on this task of this instance, or not the actor's project.
    :raise NotAllowed: an agent without a grant in force for 补正 in the notice's stage.
    :raise FormRejected: the supplement form is invalid.
    """
    instance = workflow.lock(session, instance_id)
    project = session.get_one(Project, instance.project_code)
    check_may_reach(session, actor, project, instance_id=instance_id)
    request = open_request(session, instance.id, task_id)
    if actor.role == AGENT:  # under a grant in force for 补正 in the notice's stage; recorded as for the owner
        actor = act_for_owner(session, runtime, actor, project, act=SUPPLEMENT, stage_process_id=request.stage)
    elif project is None or project.owner_id != actor.user_id:
        raise NotFound("没有待补正的事项", task_id=task_id)
    clean = validated(keys.SUPPLEMENT_SUBMISSION, form_data)
    _close(session, runtime, actor, request, clean)
    return request


def open_request(session: Session, instance_id: int, task_id: str) -> SupplementRequest:
    request = session.scalar(select(SupplementRequest).where(
        SupplementRequest.instance_id == instance_id, SupplementRequest.task_id == str(task_id),
        SupplementRequest.supplied_at.is_(None)))
    if request is None:
        raise NotFound("没有待补正的事项", task_id=task_id)
    return request


def _close(session: Session, runtime: Runtime, actor: Actor, request: SupplementRequest,
           clean: dict[str, Any]) -> None:
    item = session.get(WorkItem, request.task_id)
    if item is None or item.status != AWAITING_SUPPLEMENT:
        raise InvalidState("该事项不在等待补正状态", task_id=request.task_id)
    request.supplied_materials = list(clean["materials"])
    request.supplied_note = clean.get("note") or ""
    request.supplied_by, request.supplied_at = actor.user_id, runtime.now()
    item.status = READY
    session.flush()
    instance = session.get_one(ProcessInstance, item.instance_id)
    ledger.mark(session, instance, ledger.item_key(item.task_id), ledger.RESUMED, request.supplied_at)
    resume_item_timers(session, runtime, instance, item)
    due.window(session, item)
    record(session, runtime, actor, Entry(
        "submit_supplement", request.project_code, request.instance_id, request.task_id, request.task_name,
        AWAITING_SUPPLEMENT, READY, None, {"materials": request.supplied_materials, "note": request.supplied_note}))
    registry.publish(SupplementSupplied(session, runtime, actor, request))


def open_requests_for_project(session: Session, project_code: str) -> list[SupplementRequest]:
    """What the owner is currently asked to supply (shown on the owner's project page)."""
    return list(session.scalars(select(SupplementRequest).where(
        SupplementRequest.project_code == project_code, SupplementRequest.supplied_at.is_(None))
        .order_by(SupplementRequest.requested_at)))
