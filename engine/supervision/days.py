"""Net working days of many clocks at once, summed in SQL.

A clock's net working days are the working days of its running spans: for a span from local day ``a`` to
local day ``b``, ``rank(b) - rank(a)``, where ``rank(d)`` counts working days up to ``d``
(``engine.clocks.evaluate``'s rule). Summed over spans this is linear in the events: every opening event
(started, resumed) subtracts the rank of its day, every closing event (paused, stopped) adds it, and a clock
still running adds the rank of today. So SQL only has to count opening and closing events per group and
local day; the working calendar is applied to those few day groups in Python. Extensions change limits,
not days used, and are ignored here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, Select, case, cast, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from ..clocks import CHINA_TZ, WorkingCalendar, local_date
from ..db import is_sqlite
from ..projects.models import Project
from ..time_limits.models import ClockEventRow
from .rows import SupervisionFilter

STARTED, STOPPED = "started", "stopped"
OPENING, CLOSING = ("started", "resumed"), ("paused", "stopped")
ITEM, STAGE = "item:", "stage:"


def local_day(session: Session, column: Any) -> ColumnElement:
    """The Beijing calendar day of a stored UTC instant, in SQL (SQLite keeps UTC text, PostgreSQL timestamptz)."""
    if is_sqlite(session):
        return func.date(column, "+8 hours")
    return cast(func.timezone("Asia/Shanghai", column), Date)


def as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=CHINA_TZ)


def period_conditions(column: Any, flt: SupervisionFilter) -> list[ColumnElement]:
    """``column`` (an instant) falls on a Beijing day within the filter's period."""
    conditions = []
    if flt.date_from is not None:
        conditions.append(column >= day_start(flt.date_from))
    if flt.date_to is not None:
        conditions.append(column < day_start(flt.date_to + timedelta(days=1)))
    return conditions


def started_clocks(kind: str, flt: SupervisionFilter, column: Any = ClockEventRow.clock_key) -> Select:
    """Keys (or another ``column``) of the item (``ITEM``) or stage (``STAGE``) clocks started within the filter.

    Never correlated: it is used as ``IN (…)`` inside queries on the same table."""
    stmt = select(column).correlate(None).where(
        ClockEventRow.kind == STARTED, ClockEventRow.clock_key.startswith(kind, autoescape=True),
        *period_conditions(ClockEventRow.at, flt))
    if flt.category is not None:
        stmt = stmt.join(Project, Project.code == ClockEventRow.project_code).where(Project.category == flt.category)
    return stmt


def clock_scope(kind: str, flt: SupervisionFilter) -> list[ColumnElement]:
    """Conditions on clock events keeping the ``kind`` clocks the filter selects; without a period no
    subquery on start events is needed (the supervisor's usual view is a plain scan)."""
    conditions = [ClockEventRow.clock_key.startswith(kind, autoescape=True)]
    if flt.category is not None:
        conditions.append(ClockEventRow.project_code.in_(
            select(Project.code).correlate(None).where(Project.category == flt.category)))
    if flt.date_from is not None or flt.date_to is not None:
        conditions.append(ClockEventRow.clock_key.in_(started_clocks(kind, flt)))
    return conditions


class Ranks:
    """``rank(d)``: working days from ``origin`` up to ``d``, negative before it (memoised; only differences
    count). The origin is today's date, so only the years between the clocks and today are ever looked at."""

    def __init__(self, calendar: WorkingCalendar, origin: date) -> None:
        self.calendar, self.origin = calendar, origin
        self.memo: dict[date, int] = {}

    def __call__(self, day: date) -> int:
        rank = self.memo.get(day)
        if rank is None:
            rank = self.memo[day] = self.calendar.working_days_between(self.origin, day)
        return rank


@dataclass
class Tally:
    """Clock runs, stopped runs and net working days of one group."""

    clocks: int = 0
    completed: int = 0
    days: int = 0


def tally(session: Session, ranks: Ranks, now: datetime, groups: Sequence[Any], scope: Sequence[ColumnElement],
          joins: Sequence[tuple[Any, Any]] = ()) -> dict[tuple, Tally]:
    """Net working days at ``now`` of the clocks whose events meet ``scope``, per value of ``groups``."""
    day = local_day(session, ClockEventRow.at)
    kind = ClockEventRow.kind
    stmt = select(*groups, day, func.sum(case((kind.in_(OPENING), 1), else_=0)),
                  func.sum(case((kind.in_(CLOSING), 1), else_=0)), func.sum(case((kind == STARTED, 1), else_=0)),
                  func.sum(case((kind == STOPPED, 1), else_=0))).select_from(ClockEventRow)
    for target, onclause in joins:
        stmt = stmt.join(target, onclause)
    stmt = stmt.where(*scope, ClockEventRow.at <= now).group_by(*groups, day)
    return tallied(session.execute(stmt), ranks, now)


def tallied(rows: Iterable[Sequence[Any]], ranks: Ranks, now: datetime) -> dict[tuple, Tally]:
    """Tallies from rows of (*group, day, opened, closed, started, stopped) counts, read at ``now``."""
    today = ranks(local_date(now))
    tallies: dict[tuple, Tally] = {}
    for *group, on, opened, closed, started, stopped in rows:
        entry = tallies.setdefault(tuple(group), Tally())
        entry.clocks += started
        entry.completed += stopped
        entry.days += (closed - opened) * ranks(as_date(on)) + (opened - closed) * today
    return tallies
