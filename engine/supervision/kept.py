"""The 电子监察 figures read from the aggregates kept with every clock event (``engine.supervision.upkeep``):
a few thousand counter rows instead of every clock event, with the same arithmetic as the full reading.

They answer when the statistics cover all clocks or one category (the supervisor's usual view) and no clock
event lies after the reading's ``now`` (events are recorded at their own instant, so this holds unless
someone reads the past); a period filter, or a reading of the past, is answered from the clock events.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Select, and_, distinct, false, func, or_, select
from sqlalchemy.orm import Session

from ..clocks import WorkingCalendar, local_date
from ..processes.models import ProcessInstance
from ..time_limits.models import ClockEventRow
from .alerts import latest_start, warning_threshold
from .categories import assemble
from .days import Ranks, Tally, day_start, period_conditions, tallied
from .models import SupervisedProject, SupervisionOpenClock, SupervisionParallel, SupervisionTally
from .rows import CategoryTotal, ParallelRate, SupervisionFilter
from .upkeep import write_pending


def answers(session: Session, now: datetime, flt: SupervisionFilter) -> bool:
    """Whether the kept aggregates answer this reading (this transaction's own changes written first)."""
    write_pending(session)
    if flt.date_from is not None or flt.date_to is not None:
        return False
    latest = session.scalar(select(func.max(ClockEventRow.at)))
    return latest is None or latest <= now


def tallies(session: Session, ranks: Ranks, now: datetime, figure: str, flt: SupervisionFilter,
            by_category: bool = False) -> dict[tuple, Tally]:
    """Net working days of the ``figure`` tally (``item``, ``stage``, ``completed``) per group (or category)."""
    group = SupervisionTally.category if by_category else SupervisionTally.group_code
    stmt = select(group, SupervisionTally.day, func.sum(SupervisionTally.opened), func.sum(SupervisionTally.closed),
                  func.sum(SupervisionTally.started), func.sum(SupervisionTally.stopped)).where(
        SupervisionTally.figure == figure)
    if flt.category is not None:
        stmt = stmt.where(SupervisionTally.category == flt.category)
    return tallied(session.execute(stmt.group_by(group, SupervisionTally.day)), ranks, now)


def candidates(session: Session, calendar: WorkingCalendar, now: datetime, flt: SupervisionFilter) -> Select:
    """Open item and utility clocks started long enough ago to have reached their warning threshold
    (``engine.supervision.alerts._candidates``' rule, on the open clocks only)."""
    today = local_date(now)
    open_clock = SupervisionOpenClock
    limits = session.scalars(select(open_clock.limit_days).distinct().where(open_clock.limit_days > 0))
    early_enough = [and_(open_clock.limit_days == limit, open_clock.started_at < day_start(
        latest_start(calendar, today, warning_threshold(limit)) + timedelta(days=1))) for limit in limits]
    stmt = select(open_clock.clock_key).where(or_(false(), *early_enough), open_clock.started_at <= now,
                                              *period_conditions(open_clock.started_at, flt))
    return stmt.where(open_clock.category == flt.category) if flt.category is not None else stmt


def parallel(session: Session, flt: SupervisionFilter) -> ParallelRate:
    stmt = select(func.coalesce(func.sum(SupervisionParallel.completed), 0),
                  func.coalesce(func.sum(SupervisionParallel.parallel), 0))
    if flt.category is not None:
        stmt = stmt.where(SupervisionParallel.category == flt.category)
    completed, parallel_cases = session.execute(stmt).one()
    return ParallelRate(completed=int(completed), parallel=int(parallel_cases))


def category_totals(session: Session, ranks: Ranks, now: datetime, flt: SupervisionFilter) -> list[CategoryTotal]:
    project = SupervisedProject
    stmt = (select(project.category, ProcessInstance.status, func.count(distinct(project.project_code)))
            .join(ProcessInstance, ProcessInstance.project_code == project.project_code)
            .where(*period_conditions(project.first_started_at, flt)))
    if flt.category is not None:
        stmt = stmt.where(project.category == flt.category)
    counts = session.execute(stmt.group_by(project.category, ProcessInstance.status))
    every = tallies(session, ranks, now, "stage", flt, by_category=True)
    done = tallies(session, ranks, now, "completed", flt, by_category=True)
    return assemble(session, now, flt, counts, {key[0]: t.days for key, t in every.items()},
                    {key[0]: t.days for key, t in done.items()})
