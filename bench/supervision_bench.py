"""Supervision queries over 100,000 work items with clocks: how long each 电子监察 figure takes.

Bulk-inserts (plain INSERTs, no workflow) projects of the five categories with stage and item clocks spread
over 2026: four stages of four department items each, about a fifth of the items paused once for 补正, the
earlier stages finished and the last one running (its items open as work items). Then times every query
of ``engine.supervision`` (the full reading of every clock event), the rebuild of the kept aggregates, and the
whole statistics call (from the kept aggregates) on SQLite or PostgreSQL. Figures, not a test.

    .venv/bin/python bench/supervision_bench.py [--items 100000] [--database-url postgresql+psycopg://…/db]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select

from engine import CATEGORIES, Runtime, demo, make_engine, supervision_statistics, transaction
from engine.catalogue.stages import STAGES
from engine.clocks import WorkingCalendar
from engine.organisation.accounts import user_by_username
from engine.organisation.actors import actor_for
from engine.processes.models import ProcessInstance
from engine.projects.models import Project
from engine.schema import upgrade
from engine.supervision.alerts import department_alerts
from engine.supervision.categories import category_totals
from engine.supervision.days import ITEM, STAGE, Ranks, clock_scope, tally
from engine.supervision.kept import answers
from engine.supervision.parallel import parallel_rate
from engine.supervision.queries import statistics_at
from engine.supervision.rebuild import rebuild
from engine.supervision.rows import SupervisionFilter, SupervisionStatistics
from engine.time_limits.models import ClockEventRow
from engine.work_items.models import WorkItem

CHINA = timezone(timedelta(hours=8))
NOW = datetime(2026, 11, 16, 10, 0, tzinfo=CHINA)
DEPARTMENTS = ["development_reform", "natural_resources", "ecology_environment", "water_affairs",
               "civil_defence", "housing_construction", "human_resources", "urban_management"]
LIMITS = [3, 5, 10, 15]


def fresh(url: str) -> None:
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    upgrade(engine)
    engine.dispose()


def populate(url: str, items: int, seed: int = 7) -> None:
    engine = make_engine(url)
    runtime = Runtime(clock=lambda: NOW - timedelta(days=330))
    with transaction(engine) as s:
        demo.seed_demo_people(s, runtime)
        real = demo.register_demo_project(s, runtime, "2026-420104-70-03-000000")
        template = s.scalar(select(ProcessInstance).where(ProcessInstance.project_code == real.code))
        spec_id, owner_id = template.spec_id, real.owner_id
    rnd = random.Random(seed)
    projects, instances, work, events = [], [], [], []
    for n in range(items // 16 + 1):
        code, instance_id = f"2026-420104-70-03-{n + 1:06d}", n + 1000
        start = NOW - timedelta(days=rnd.uniform(5, 320))
        projects.append({"code": code, "name": f"示范项目{n}", "category": rnd.choice(list(CATEGORIES)),
                         "owner_id": owner_id, "owner_name": "示例置业有限公司", "site_address": "",
                         "registered_at": start})
        instances.append({"id": instance_id, "project_code": code, "kind": "approval", "spec_id": spec_id,
                              "process_id": "social_investment_project", "status": "running", "state": "",
                          "serializer_version": "", "version": 1, "revision": "", "created_at": start,
                          "updated_at": start})
        _stages(rnd, code, instance_id, start, work, events)
    with transaction(engine) as s:
        for model, rows in ((Project, projects), (ProcessInstance, instances), (WorkItem, work),
                            (ClockEventRow, events)):
            for at in range(0, len(rows), 20_000):
                s.execute(insert(model), rows[at:at + 20_000])
    engine.dispose()
    print(f"  {len(projects)} projects, {len(events)} clock events, {len(work)} open work items", flush=True)


def _stages(rnd: random.Random, code: str, instance_id: int, start: datetime, work: list, events: list) -> None:
    for stage in STAGES:
        end = min(start + timedelta(days=rnd.uniform(6, 30)), NOW + timedelta(days=365))
        key = f"{STAGE}{instance_id}:{stage.process_id}"
        base = {"instance_id": instance_id, "project_code": code, "stage": stage.process_id, "label": stage.name,
                "days": None, "reason": None, "department_code": None}
        events.append({**base, "clock_key": key, "kind": "started", "at": start, "limit_days": 15})
        for number in range(4):
            task_id = f"{instance_id:08d}-0000-4000-8000-{stage.number:04d}{number:08d}"
            department = DEPARTMENTS[(stage.number * 4 + number) % len(DEPARTMENTS)]
            item = {**base, "clock_key": f"{ITEM}{task_id}", "label": f"审查事项{number}",
                    "department_code": department}
            events.append({**item, "kind": "started", "at": start, "limit_days": rnd.choice(LIMITS)})
            stop = start + (end - start) * rnd.uniform(0.3, 1.0)
            if rnd.random() < 0.2:
                pause = start + (stop - start) / 3
                for kind, moment in (("paused", pause), ("resumed", pause + timedelta(days=4))):
                    if moment <= NOW:  # nothing is recorded after the reading's now (events happen at their time)
                        events.append({**item, "kind": kind, "at": moment, "limit_days": None,
                                       "reason": "correction" if kind == "paused" else None})
                stop += timedelta(days=4)
            if stop <= NOW:
                events.append({**item, "kind": "stopped", "at": stop, "limit_days": None})
            else:
                work.append({"task_id": task_id, "instance_id": instance_id, "project_code": code,
                             "bpmn_id": f"review_{number}",
                                 "name": item["label"], "stage": stage.process_id, "lane": "", "role": "examiner",
                                 "department_code": department, "form_key": "review_decision", "item": f"item_{number}",
                                 "status": "ready", "since": start})
        if end > NOW:
            return
        events.append({**base, "clock_key": key, "kind": "stopped", "at": end, "limit_days": None})
        start = end + timedelta(days=rnd.uniform(1, 10))
        if start > NOW:
            return


def timed(label: str, call) -> object:
    started = perf_counter()
    result = call()
    print(f"  {label:<44} {1000 * (perf_counter() - started):8.0f} ms", flush=True)
    return result


def measure(url: str) -> None:
    engine = make_engine(url)
    calendar, flt, period = WorkingCalendar(), SupervisionFilter(), SupervisionFilter(
        date_from=NOW.date() - timedelta(days=90), category="social_investment_project")
    runtime = Runtime(clock=lambda: NOW)
    with transaction(engine, write=False) as s:
        for name, f in (("all clocks", flt), ("last 90 days, one category", period)):
            print(f" {name}:")
            ranks = Ranks(calendar, NOW.date())
            alerts = timed("预警/逾期 per department", lambda f=f: department_alerts(s, calendar, NOW, f))
            timed("net days per department", lambda f=f, r=ranks: tally(
                s, r, NOW, [ClockEventRow.department_code], clock_scope(ITEM, f)))
            timed("net days per stage", lambda f=f, r=ranks: tally(
                s, r, NOW, [ClockEventRow.stage], clock_scope(STAGE, f)))
            rate = timed("parallel-approval rate", lambda f=f: parallel_rate(s, NOW, f))
            timed("average total days per category", lambda f=f, r=ranks: category_totals(s, r, NOW, f))
            print(f"   ({sum(d.warning + d.overdue for d in alerts)} items in 预警/逾期, parallel {rate.parallel}/"
                  f"{rate.completed})")
        supervisor = actor_for(s, user_by_username(s, "supervisor").id)
        full = timed("whole statistics, every clock event read", lambda: statistics_at(s, NOW, flt, kept=False))
        got = timed("whole supervision_statistics (all clocks)", lambda: supervision_statistics(s, runtime, supervisor))
        print(f"  (kept aggregates used: {answers(s, NOW, flt)}; same figures as the full reading: {got == full})")
        one = SupervisionFilter(category="social_investment_project")
        timed("one category, from the kept aggregates", lambda: statistics_at(s, NOW, one, kept=True))
        print(f"  figures: {_figures(got)}")
    engine.dispose()


def _figures(stats: SupervisionStatistics) -> dict:
    return {"alerts": sum(d.warning + d.overdue for d in stats.alerts),
            "department_days": {n.code: n.total_days for n in stats.by_department},
            "stage_days": {n.code: n.total_days for n in stats.by_stage},
            "parallel": f"{stats.parallel.parallel}/{stats.parallel.completed}",
            "categories": {c.category: (c.projects, c.total_days, c.completed, c.completed_days)
                           for c in stats.categories}}


def rebuilt(url: str) -> None:
    """Bulk-inserted clock events bypass the per-event upkeep: the aggregates are rebuilt, as after any bulk load."""
    engine = make_engine(url)
    upgrade(engine)
    with transaction(engine) as s:
        timed("rebuild the supervision aggregates", lambda: rebuild(s))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")  # as autovacuum would after a bulk load: plans from real statistics
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--database-url", help="PostgreSQL URL (its public schema is dropped!); default SQLite")
    parser.add_argument("--keep", action="store_true", help="reuse the populated database (measure only)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/supervision.sqlite3"
        print(f"{make_engine(url).dialect.name}: {args.items} item clocks", flush=True)
        if not args.keep:
            started = perf_counter()
            fresh(url)
            populate(url, args.items)
            print(f"  populated in {perf_counter() - started:.1f} s", flush=True)
        rebuilt(url)
        measure(url)


if __name__ == "__main__":
    main()
