"""Rebuild the 电子监察 aggregates from scratch, from the clock events (``approval supervision rebuild``, the
migration that creates them, and after clock events were written without the engine, e.g. bulk loads).

The same per-event rules as ``engine.supervision.upkeep``, applied to every event in the order they were
recorded; the caller's transaction replaces the old aggregates, so readers see the old or the new ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from ..clocks import local_date
from ..processes.models import ProcessInstance
from ..projects.models import Project
from ..time_limits.models import ClockEventRow
from .alerts import ALERTED
from .categories import COMPLETED
from .days import ITEM, STAGE, STARTED, STOPPED
from .models import (
    SupervisedCompletion,
    SupervisedProject,
    SupervisionOpenClock,
    SupervisionParallel,
    SupervisionTally,
)
from .parallel import overlap
from .upkeep import COLUMNS, PENDING, TallyKey, add, tally_keys

BATCH = 10_000
TABLES = (SupervisionTally, SupervisionOpenClock, SupervisedProject, SupervisedCompletion, SupervisionParallel)


@dataclass(frozen=True)
class Rebuilt:
    events: int
    tally_rows: int
    open_clocks: int
    projects: int


@dataclass
class _State:
    tallies: dict[TallyKey, list[int]]
    open_clocks: dict[str, dict[str, Any]]
    projects: dict[str, dict[str, Any]]
    starts: dict[str, datetime]  # each stage clock's first start
    runs: list[tuple[int, str, str, datetime, datetime]]  # instance, stage, category, start, stop
    items: dict[tuple[int, str], dict[str, list[datetime | None]]]  # (instance, stage) → key → [start, stop]


def rebuild(session: Session) -> Rebuilt:
    """Replace every aggregate by its value computed from all clock events."""
    session.info.pop(PENDING, None)
    for table in TABLES:
        session.execute(delete(table))
    completed = set(session.scalars(select(ProcessInstance.id).where(ProcessInstance.status == COMPLETED)))
    state = _State(defaultdict(lambda: [0, 0, 0, 0]), {}, {}, {}, [], defaultdict(dict))
    e = ClockEventRow
    stmt = (select(e.clock_key, e.instance_id, e.project_code, e.stage, e.department_code, e.kind, e.at,
                   e.limit_days, Project.category)
            .join(Project, Project.code == e.project_code)
            .where(or_(*(e.clock_key.startswith(k, autoescape=True) for k in (ITEM, STAGE, *ALERTED))))
            .order_by(e.id).execution_options(yield_per=BATCH))
    events = 0
    for row in session.execute(stmt):
        events += 1
        _count(state, row, row.instance_id in completed)
    _write(session, state, completed)
    return Rebuilt(events, len(state.tallies), len(state.open_clocks), len(state.projects))


def _count(state: _State, row: Any, completed: bool) -> None:
    is_stage = row.clock_key.startswith(STAGE)
    group = row.stage if is_stage else row.department_code or ""
    add(state.tallies, tally_keys(row.clock_key, group, row.category, local_date(row.at), completed), row.kind)
    if is_stage and row.kind == STARTED:
        state.starts.setdefault(row.clock_key, row.at)
        project = state.projects.setdefault(row.project_code, {
            "project_code": row.project_code, "category": row.category, "first_started_at": row.at})
        project["first_started_at"] = min(project["first_started_at"], row.at)
    elif is_stage and row.kind == STOPPED and row.clock_key in state.starts:
        state.runs.append((row.instance_id, row.stage, row.category, state.starts[row.clock_key], row.at))
    if row.clock_key.startswith(ITEM):
        span = state.items[row.instance_id, row.stage].setdefault(row.clock_key, [None, None])
        if row.kind == STARTED:
            span[0] = row.at if span[0] is None else min(span[0], row.at)
        elif row.kind == STOPPED:
            span[1] = row.at if span[1] is None else max(span[1], row.at)
    if row.clock_key.startswith(ALERTED) and row.kind == STARTED and row.clock_key not in state.open_clocks:
        state.open_clocks[row.clock_key] = {"clock_key": row.clock_key, "project_code": row.project_code,
                                            "category": row.category, "limit_days": row.limit_days or 0,
                                            "started_at": row.at}
    elif row.clock_key.startswith(ALERTED) and row.kind == STOPPED:
        state.open_clocks.pop(row.clock_key, None)


def _write(session: Session, state: _State, completed: set[int]) -> None:
    parallel: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for instance, stage, category, start, stop in state.runs:
        spans = [(s, e) for s, e in state.items[instance, stage].values() if s is not None and start <= s <= stop]
        parallel[category][0] += 1
        parallel[category][1] += int(overlap(spans))
    rows: dict[Any, list[dict[str, Any]]] = {
        SupervisionTally: [{"figure": f, "group_code": g, "category": c, "day": d, **dict(zip(COLUMNS, v, strict=True))}
                           for (f, g, c, d), v in state.tallies.items()],
        SupervisionOpenClock: list(state.open_clocks.values()),
        SupervisedProject: list(state.projects.values()),
        SupervisedCompletion: [{"instance_id": i} for i in sorted(completed)],
        SupervisionParallel: [{"category": c, "completed": n, "parallel": p} for c, (n, p) in parallel.items()]}
    for table, values in rows.items():
        for at in range(0, len(values), BATCH):
            session.execute(insert(table), values[at:at + BATCH])
