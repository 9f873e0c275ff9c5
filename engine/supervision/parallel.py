"""The parallel-approval rate (并联审批率, REQ-S0-04: 十堰 reports 5,988 parallel cases, a 72 % rate).

The seed gives the figure without a definition, so it is defined here, precisely:

* A **stage case** is one run of a stage's clock (the window's acceptance to issuance, or to the return of the
  application; a stage accepted again after a return is a second case). It is **completed** once its clock
  stopped. Cases whose clock started within the filter's period, of projects of the filter's category, count.
* A completed stage case is **parallel** when at least two of its department items were being handled at the
  same time: their item clocks (each from the moment the department got the item to its decision, a 补正
  pause included — the item stays with the department) overlap, i.e. ``start_a < stop_b`` and
  ``start_b < stop_a``. The items of a case are the item clocks of that instance and stage that started
  within the case's run. The issuance by the lead department starts when the last review ends, so it never
  overlaps a review.
* **Rate** = parallel completed cases / completed cases (None when there is no completed case).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..time_limits.models import ClockEventRow
from .days import ITEM, STAGE, STARTED, STOPPED, clock_scope, started_clocks
from .rows import ParallelRate, SupervisionFilter

FOREVER = datetime.max.replace(tzinfo=UTC)  # a clock still running
Interval = tuple[datetime, datetime | None]  # stop None: still running


def parallel_rate(session: Session, now: datetime, flt: SupervisionFilter) -> ParallelRate:
    runs = _completed_runs(session, now, flt)
    items = _item_intervals(session, now, flt)
    parallel = sum(1 for (instance, stage), run in runs
                   if overlap([i for i in items[instance, stage] if run[0] <= i[0] <= run[1]]))
    return ParallelRate(completed=len(runs), parallel=parallel)


def _completed_runs(session: Session, now: datetime,
                    flt: SupervisionFilter) -> list[tuple[tuple[int, str], tuple[datetime, datetime]]]:
    stmt = (select(ClockEventRow.instance_id, ClockEventRow.stage, ClockEventRow.kind, ClockEventRow.at)
            .where(*clock_scope(STAGE, flt), ClockEventRow.kind.in_((STARTED, STOPPED)), ClockEventRow.at <= now)
            .order_by(ClockEventRow.clock_key, ClockEventRow.id))
    runs: list[tuple[tuple[int, str], tuple[datetime, datetime]]] = []
    opened: dict[tuple[int, str], datetime] = {}
    for instance, stage, kind, at in session.execute(stmt):
        if kind == STARTED:
            opened[instance, stage] = at
        elif (instance, stage) in opened:
            runs.append(((instance, stage), (opened.pop((instance, stage)), at)))
    return runs


def _item_intervals(session: Session, now: datetime, flt: SupervisionFilter) -> dict[tuple, list[Interval]]:
    at, kind = ClockEventRow.at, ClockEventRow.kind
    stmt = (select(ClockEventRow.instance_id, ClockEventRow.stage, func.min(case((kind == STARTED, at))),
                   func.max(case((kind == STOPPED, at))))
            .where(ClockEventRow.clock_key.startswith(ITEM, autoescape=True), at <= now)
            .group_by(ClockEventRow.clock_key, ClockEventRow.instance_id, ClockEventRow.stage))
    if flt != SupervisionFilter():
        stmt = stmt.where(ClockEventRow.instance_id.in_(started_clocks(STAGE, flt, ClockEventRow.instance_id)))
    items: dict[tuple, list[Interval]] = defaultdict(list)
    for instance, stage, start, stop in session.execute(stmt):
        items[instance, stage].append((start, stop))
    return items


def overlap(intervals: list[Interval]) -> bool:
    """Whether any two intervals overlap: sorted by start, each is checked against the latest stop so far."""
    latest: datetime | None = None
    for start, stop in sorted(intervals, key=lambda i: i[0]):
        if latest is not None and start < latest:
            return True
        end = stop or FOREVER
        latest = end if latest is None else max(latest, end)
    return False
