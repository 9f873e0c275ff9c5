"""Average total working days per project category, against the category's total limit.

A project's total is the sum of its stage clocks' net working days (government time: 补正 and 特别程序 pauses
excluded, time with the applicant between stages not counted). Projects whose first stage clock started
within the filter's period count; completed projects are those whose approval instance has ended 办结.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, distinct, func, select
from sqlalchemy.orm import Session

from ..catalogue import category_names
from ..clocks import local_date
from ..processes.models import ProcessInstance
from ..projects.models import Project
from ..time_limits.models import ClockEventRow
from ..time_limits.rules import category_total_days
from .days import STAGE, STARTED, Ranks, period_conditions, tally
from .rows import CategoryTotal, SupervisionFilter

COMPLETED = "completed"  # engine.processes.workflow's status of an approval that ended 办结


def category_totals(session: Session, ranks: Ranks, now: datetime, flt: SupervisionFilter) -> list[CategoryTotal]:
    projects = _projects(flt)
    scope = [ClockEventRow.clock_key.startswith(STAGE, autoescape=True)]
    if flt != SupervisionFilter():
        scope.append(ClockEventRow.project_code.in_(projects))
    days = tally(session, ranks, now, [Project.category, ProcessInstance.status], scope,
                 joins=[(Project, Project.code == ClockEventRow.project_code),
                        (ProcessInstance, ProcessInstance.id == ClockEventRow.instance_id)])
    counts = session.execute(
        select(Project.category, ProcessInstance.status, func.count(distinct(Project.code)))
        .join(ProcessInstance, ProcessInstance.project_code == Project.code)
        .where(Project.code.in_(projects)).group_by(Project.category, ProcessInstance.status))
    done = {category: found for (category, status), found in days.items() if status == COMPLETED}
    every: dict[str, int] = {}
    for (category, _), found in days.items():
        every[category] = every.get(category, 0) + found.days
    return assemble(session, now, flt, counts, every, {c: found.days for c, found in done.items()})


def assemble(session: Session, now: datetime, flt: SupervisionFilter, counts: Iterable[Sequence[Any]],
             days: dict[str, int], completed_days: dict[str, int]) -> list[CategoryTotal]:
    """The category rows from project counts (category, instance status, projects) and the net working days
    of every stage clock and of those of completed approvals, per category."""
    totals = {code: [0, 0, 0, 0] for code in category_names()}  # projects, days, completed, completed days
    for category, status, number in counts:
        entry = totals.setdefault(category, [0, 0, 0, 0])
        entry[0] += number
        entry[2] += number if status == COMPLETED else 0
    for category, found in days.items():
        totals.setdefault(category, [0, 0, 0, 0])[1] += found
    for category, found in completed_days.items():
        totals.setdefault(category, [0, 0, 0, 0])[3] += found
    today = local_date(now)
    shown = [flt.category] if flt.category else list(totals)
    return [CategoryTotal(code, category_names().get(code, code), category_total_days(session, code, today),
                          *totals[code]) for code in shown]


def _projects(flt: SupervisionFilter) -> Select:
    """Projects whose approval (first stage clock) started within the filter."""
    stmt = (select(ClockEventRow.project_code).correlate(None)
            .where(ClockEventRow.kind == STARTED, ClockEventRow.clock_key.startswith(STAGE, autoescape=True))
            .group_by(ClockEventRow.project_code)
            .having(*period_conditions(func.min(ClockEventRow.at), flt)))
    if flt.category is not None:
        stmt = stmt.join(Project, Project.code == ClockEventRow.project_code).where(Project.category == flt.category)
    return stmt
