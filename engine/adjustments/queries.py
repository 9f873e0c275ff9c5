"""Reading special procedures and extensions: for the project's people (owner, agent with 查看, staff), the
examiner's task page and the department lead's list.

The owner sees every procedure with its own clock (days used, left, 预警/逾期) and every extension the lead
approved with the new deadline; requests still pending or refused are the office's internal business and are
shown to staff only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms.time_limits import SPECIAL_PROCEDURE_KINDS

from ..organisation.actors import Actor
from ..organisation.lanes import AGENT, DEPARTMENTS, OWNER
from ..projects.queries import visible_project
from ..runtime import Runtime
from ..time_limits import ledger
from ..work_items.models import WorkItem
from .models import APPROVED, EXTENSION_STATUS_NAMES, DeadlineExtension, SpecialProcedure


@dataclass(frozen=True)
class ProcedureLine:
    """A special procedure as people read it; the clock figures are its own (working days)."""

    id: int
    task_id: str
    task_name: str
    department: str
    kind: str
    kind_name: str
    reason: str
    limit_days: int
    started_at: datetime
    ended_at: datetime | None
    result: str | None
    used_days: int
    remaining_days: int
    deadline: date
    state: str
    provisional: bool = False  # the deadline used a day of a year whose official schedule is not loaded (暂定)


@dataclass(frozen=True)
class ExtensionLine:
    id: int
    project_code: str
    task_id: str
    task_name: str
    department: str
    days: int
    reason: str
    status: str
    status_name: str
    requested_at: datetime
    decided_at: datetime | None
    note: str | None
    deadline_before: date | None
    deadline_after: date | None


@dataclass(frozen=True)
class TimeAdjustments:
    """``item_clock``: with a ``task_id``, that item's clock (None without one, or if the item has no limit);
    ``stage_clocks``: with a ``task_id``, the clocks kept beside the model for the item's stage (the 综合许可 order
    as a whole, the joint acceptance's 资料审核 and 联合现场验收)."""

    procedures: list[ProcedureLine]
    extensions: list[ExtensionLine]
    item_clock: ledger.ClockLine | None = None
    stage_clocks: list[ledger.ClockLine] = field(default_factory=list)


def time_adjustments(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                     task_id: str | None = None) -> TimeAdjustments:
    """A project's special procedures and extensions (of one item with ``task_id``), for someone who may see it.

    :raise NotFound: the project is not one the actor may see.
    """
    project = visible_project(session, actor, project_code, runtime=runtime)
    now = runtime.now()
    procedures = select(SpecialProcedure).where(SpecialProcedure.project_code == project.code)
    extensions = select(DeadlineExtension).where(DeadlineExtension.project_code == project.code)
    if task_id is not None:
        procedures = procedures.where(SpecialProcedure.task_id == task_id)
        extensions = extensions.where(DeadlineExtension.task_id == task_id)
    if actor.role in (OWNER, AGENT):
        extensions = extensions.where(DeadlineExtension.status == APPROVED)
    item = session.get(WorkItem, task_id) if task_id is not None else None
    return TimeAdjustments(
        [procedure_line(session, p, now) for p in session.scalars(procedures.order_by(SpecialProcedure.id))],
        [extension_line(e) for e in session.scalars(extensions.order_by(DeadlineExtension.id))],
        ledger.clock_line(session, ledger.item_key(task_id), now) if task_id is not None else None,
        ledger.stage_side_clocks(session, item.instance_id, item.stage, now)
        if item is not None and item.project_code == project.code else [])


def procedure_line(session: Session, procedure: SpecialProcedure, now: datetime) -> ProcedureLine:
    reading = ledger.clock_reading(session, ledger.procedure_key(procedure.id), now)
    assert reading is not None  # started with the procedure, in the same transaction
    return ProcedureLine(
        procedure.id, procedure.task_id, procedure.task_name, DEPARTMENTS[procedure.department_code],
        procedure.kind, SPECIAL_PROCEDURE_KINDS[procedure.kind], procedure.reason, procedure.limit_days,
        procedure.started_at, procedure.ended_at, procedure.result, reading.used_days, reading.remaining_days,
        reading.deadline, reading.state_label, reading.provisional)


def extension_line(extension: DeadlineExtension) -> ExtensionLine:
    return ExtensionLine(
        extension.id, extension.project_code, extension.task_id, extension.task_name,
        DEPARTMENTS[extension.department_code], extension.days, extension.reason, extension.status,
        EXTENSION_STATUS_NAMES[extension.status], extension.requested_at, extension.decided_at, extension.note,
        extension.deadline_before, extension.deadline_after)
