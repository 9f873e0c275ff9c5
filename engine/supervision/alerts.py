"""Open items whose clock reads 预警 or 逾期, per department (time limits, not calendar waiting time).

Reading every open clock would be slow with many items, so SQL first keeps the clocks that *could* be in
warning: a clock started with ``L`` days cannot have used ``ceil(0.8 L)`` working days unless that many
working days lie between its start and today (pauses and extensions only make it later). Those candidates
are read with ``engine.clocks.evaluate`` — the same reading the project's owner sees — and kept if 预警/逾期.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from itertools import groupby
from typing import Any

from sqlalchemy import CompoundSelect, Select, and_, exists, false, or_, select, union
from sqlalchemy.orm import Session, aliased

from ..catalogue.stages import stage_name
from ..clocks import ClockState, WorkingCalendar, evaluate, local_date
from ..organisation.lanes import DEPARTMENTS
from ..projects.models import Project
from ..time_limits.ledger import clock_event
from ..time_limits.models import ClockEventRow
from .days import ITEM, STARTED, STOPPED, day_start, started_clocks
from .rows import AlertRow, DepartmentAlerts, SupervisionFilter

WARN_RATIO = 0.8  # engine.clocks.evaluate's default: 预警 at 80 % of the limit
UTILITY = "utility:"  # 水电气联动报装: each utility's clock, answered by its company like an item by its department
ALERTED = (ITEM, UTILITY)


def warning_threshold(limit_days: int) -> int:
    """Working days used at which a clock of ``limit_days`` turns 预警 (as ``evaluate`` computes it)."""
    return math.ceil(round(WARN_RATIO * limit_days, 9))


def latest_start(calendar: WorkingCalendar, today: date, days: int) -> date:
    """The latest day a clock may have started on and still have ``days`` working days up to ``today``."""
    day = today
    while calendar.working_days_between(day, today) < days:
        day -= timedelta(days=1)
    return day


def department_alerts(session: Session, calendar: WorkingCalendar, now: datetime, flt: SupervisionFilter,
                      candidates: Select | CompoundSelect | None = None) -> list[DepartmentAlerts]:
    """Open item and utility clocks in 预警/逾期 grouped by department or utility company (in ``DEPARTMENTS``
    order), most overdue first. ``candidates``: the keys of the clocks to read (default: found in the clock
    events, ``_candidates``; ``engine.supervision.kept`` finds them among the open clocks it keeps)."""
    if candidates is None:
        candidates = _candidates(session, calendar, now, flt)
    rows: dict[str, list[AlertRow]] = {}
    for department, row in _readings(session, calendar, now, candidates):
        rows.setdefault(department, []).append(row)
    order = list(DEPARTMENTS)
    groups = []
    for code in sorted(rows, key=lambda c: (order.index(c) if c in order else len(order), c)):
        found = sorted(rows[code], key=lambda r: (-r.overdue_days, -r.used_days, r.project_code, r.item))
        overdue = sum(1 for r in found if r.state == "逾期")
        groups.append(DepartmentAlerts(code, DEPARTMENTS.get(code, code), len(found) - overdue, overdue, found))
    return groups


def _readings(session: Session, calendar: WorkingCalendar, now: datetime,
              candidates: Select | CompoundSelect) -> list[tuple[str, AlertRow]]:
    e = ClockEventRow  # plain columns, not entities: thousands of events are read, none is changed
    stmt = (select(e.clock_key, e.project_code, e.label, e.stage, e.department_code, e.kind, e.at, e.limit_days,
                   e.days, e.reason, Project.name.label("project_name"))
            .join(Project, Project.code == e.project_code)
            .where(e.clock_key.in_(candidates), e.at <= now).order_by(e.clock_key, e.id))
    found: list[tuple[str, AlertRow]] = []
    for _, group in groupby(session.execute(stmt), key=lambda row: row.clock_key):
        found.extend(_alert(list(group), calendar, now))
    return found


def _candidates(session: Session, calendar: WorkingCalendar, now: datetime,
                flt: SupervisionFilter) -> CompoundSelect:
    """Keys of open item (and utility) clocks started long enough ago to have reached their warning threshold."""
    today = local_date(now)
    limits = session.scalars(select(ClockEventRow.limit_days).distinct().where(
        ClockEventRow.kind == STARTED, or_(*(ClockEventRow.clock_key.startswith(k, autoescape=True) for k in ALERTED))))
    early_enough = [and_(ClockEventRow.limit_days == limit,
                         ClockEventRow.at < day_start(latest_start(calendar, today, warning_threshold(limit))
                                                      + timedelta(days=1)))
                    for limit in limits if limit]
    stop = aliased(ClockEventRow)
    still_open = ~exists().where(stop.clock_key == ClockEventRow.clock_key, stop.kind == STOPPED, stop.at <= now)
    return union(*(started_clocks(kind, flt).where(or_(false(), *early_enough), still_open) for kind in ALERTED))


def _alert(events: list[Any], calendar: WorkingCalendar, now: datetime) -> list[tuple[str, AlertRow]]:
    reading = evaluate([clock_event(e) for e in events], now, calendar, WARN_RATIO)
    if reading.state is ClockState.NORMAL:
        return []
    first = events[0]
    return [(first.department_code or "", AlertRow(
        first.project_code, first.project_name, first.label, stage_name(first.stage), reading.state_label,
        reading.used_days, reading.limit_days, reading.overdue_days, reading.deadline, reading.paused,
        reading.provisional, first.clock_key))]
