"""Bulk data for the benches: many approval instances cloned from one real one (bench scripts only).

A real project is driven through the engine (register, apply, accept) so its workflow waits on the four
stage-1 reviews and their 时限预警/时限逾期 timers; its rows are then copied ``n`` times with plain INSERTs, every
workflow task id (the UUIDs in the state, work items, timers and clocks) renamed, so each copy is an
independent instance the sweeper loads and fires like any other.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from sqlalchemy import Engine, Table, func, insert, select

from engine import Runtime, demo, transaction
from engine.db import Base

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TEMPLATE = "2026-420104-70-03-000000"
CLONED = ("project", "process_instance", "stage_application", "decision", "work_item", "timer", "clock_event")


def accepted_template(engine: Engine, runtime: Runtime) -> None:
    with transaction(engine) as s:
        demo.seed_demo_people(s, runtime)
        demo.register_demo_project(s, runtime, TEMPLATE)
    for _ in ("apply", "accept"):
        with transaction(engine) as s:
            demo.drive_one_action(s, runtime, TEMPLATE)


def clone(engine: Engine, copies: int, batch: int = 250) -> None:
    """``copies`` more instances like the template, inserted ``batch`` instances per transaction."""
    tables = {name: Base.metadata.tables[name] for name in CLONED}
    with transaction(engine, write=False) as s:
        template = s.scalar(select(tables["process_instance"].c.id).where(
            tables["process_instance"].c.project_code == TEMPLATE))
        rows = {name: [dict(r._mapping) for r in s.execute(select(t).where(_of_template(t, template)))]
                for name, t in tables.items()}
        next_id = {name: (s.scalar(select(func.max(t.c.id))) or 0) + 1 for name, t in tables.items() if "id" in t.c
                   and name != "project"}
    for start in range(0, copies, batch):
        with transaction(engine) as s:
            for name, t in tables.items():
                out = []
                for n in range(start, min(start + batch, copies)):
                    out.extend(_copy(name, t, row, n, next_id, copies) for row in rows[name])
                if out:
                    s.execute(insert(t), out)


def _of_template(table: Table, instance_id: int) -> Any:
    if "code" in table.c:
        return table.c.code == TEMPLATE
    return table.c.project_code == TEMPLATE if "project_code" in table.c else table.c.instance_id == instance_id


def _copy(name: str, table: Table, row: dict, n: int, next_id: dict, copies: int) -> dict:
    new = dict(row)
    code = f"2026-420104-70-03-{n + 1:06d}"
    if "code" in new or "project_code" in new:
        new["code" if name == "project" else "project_code"] = code
    renames = _renames(n)
    if "id" in table.c and name != "project":
        new["id"] = row["id"] + next_id[name] + n * 1000 if name != "process_instance" else next_id[name] + n
    if "instance_id" in table.c:
        new["instance_id"] = next_id["process_instance"] + n
    for key in ("task_id", "clock_key", "state"):
        if isinstance(new.get(key), str):
            new[key] = UUID.sub(lambda m: renames.setdefault(m.group(0), str(uuid.uuid4())), new[key])
    if name == "clock_event" and new["clock_key"].startswith("stage:"):
        new["clock_key"] = f"stage:{new['instance_id']}:{new['stage']}"
    return new


_RENAMES: dict[int, dict[str, str]] = {}


def _renames(n: int) -> dict[str, str]:
    """One consistent renaming of the template's task ids per copy."""
    return _RENAMES.setdefault(n, {})
