"""Web speed with 10,000 projects loaded: the examiner's inbox (page and API) and the owner's progress view.

Five template projects are driven through the engine's own use cases to realistic states (stage 1, 2
or 3 under parallel review with their clocks running, the owner's application open, the window's
acceptance open); then their rows are cloned in bulk (projects, instances with their workflow state,
work items, applications, decisions, clock events, audit events with a recomputed hash chain) until
``--projects`` exist, spread over 200 owners and 60 days. Requests go through the Flask test client
in-process, one at a time. Prints requests per second and p50/p95 latency per view.
A script that prints figures, never a test.

    .venv/bin/python bench/web_bench.py [--projects 10000] [--requests 200]
    .venv/bin/python bench/web_bench.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test_web
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from time import perf_counter

from sqlalchemy import Engine, insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import Runtime, make_engine, transaction, upgrade_schema
from engine.audit.models import AuditEvent
from engine.audit.trail import GENESIS, chain_of, event_hash
from engine.db import Base
from engine.demo import drive_one_action, register_demo_project, seed_demo_people
from engine.organisation.models import UserAccount
from engine.processes.models import ProcessInstance
from engine.projects.models import Project, StageApplication
from engine.time_limits.models import ClockEventRow
from engine.work_items.models import Decision, WorkItem

# (share of projects, actions driven after the start): stage 1/2/3 under review, applying, at the window.
TEMPLATES = [(0.30, 2), (0.25, 10), (0.20, 19), (0.15, 0), (0.10, 1)]
OWNERS = 200
CHUNK = 500


def main() -> int:
    args = _parser().parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='web-bench-')}/bench.sqlite3"
    db = make_engine(url)
    started = perf_counter()
    owner_codes = load(db, args.projects)
    print(f"{db.dialect.name}: {args.projects} projects loaded in {perf_counter() - started:.1f} s "
          f"({_count(db, WorkItem)} work items, {_count(db, AuditEvent)} audit events)")
    from webapp import create_app

    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench", "PUBLIC_BASE_URL": "https://bench.example"})
    for name, username, urls in _views(owner_codes):
        report(name, measure_in_process(app, username, urls, args.requests))
    app.extensions["approval"]["engine"].dispose()
    db.dispose()
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL URL (its public schema is dropped!); default a temp SQLite")
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per view")
    return parser


def _views(owner_codes: list[str]) -> list[tuple[str, str, list[str]]]:
    inbox_pages = [f"/examiner/?page={p}" for p in (1, 2, 10, 50)]
    return [("examiner inbox page (自然资源和规划局)", "exam_natural_resources", inbox_pages),
            ("examiner inbox API /api/work-items", "exam_natural_resources",
             ["/api/work-items?page_size=20", "/api/work-items?page=20&page_size=20"]),
            ("owner progress view page", "owner", [f"/projects/{code}" for code in owner_codes])]


# --- loading ---------------------------------------------------------------------------------------

def load(db: Engine, projects: int) -> list[str]:
    """An empty schema, the demo people, 200 owners, five driven templates, then bulk clones."""
    if db.dialect.name == "postgresql":
        with db.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    upgrade_schema(db)
    runtime = Runtime(workflow_cache_size=0)
    with transaction(db) as s:
        seed_demo_people(s, runtime)
        owner_id = s.scalar(select(UserAccount.id).where(UserAccount.username == "owner"))
        s.execute(insert(UserAccount), [
            {"username": f"bench_owner_{n}", "display_name": f"置业公司{n}", "role": "owner",
             "organisation": f"置业公司{n}", "created_at": runtime.now()} for n in range(OWNERS - 1)])
        owners = [owner_id, *s.scalars(select(UserAccount.id).where(UserAccount.username.like("bench_owner_%")))]
    templates = [_template(db, runtime, n, actions) for n, (_, actions) in enumerate(TEMPLATES)]
    rng, made, owner_codes = random.Random(7), len(templates), [t.code for t in templates]
    while made < projects:
        with transaction(db) as s:
            batch = min(CHUNK, projects - made)
            for n in range(batch):
                template = rng.choices(templates, weights=[w for w, _ in TEMPLATES])[0]
                owner = owners[(made + n) % len(owners)]
                code = _clone(s, template, made + n, owner, rng)
                if owner == owner_id and len(owner_codes) < 50:
                    owner_codes.append(code)
            made += batch
    if db.dialect.name == "postgresql":
        with db.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    return owner_codes


@dataclass
class Template:
    code: str
    rows: dict[type, list[dict]]


def _template(db: Engine, runtime: Runtime, n: int, actions: int) -> Template:
    with transaction(db) as s:  # clones are numbered from 900000 on
        code = register_demo_project(s, runtime, f"2026-420104-70-03-{n:06d}").code
    for _ in range(actions):
        with transaction(db) as s:
            drive_one_action(s, runtime, code)
    with transaction(db, write=False) as s:
        rows = {model: [_as_dict(r) for r in s.scalars(select(model).where(model.project_code == code))]
                for model in (ProcessInstance, WorkItem, StageApplication, Decision, ClockEventRow, AuditEvent)}
        rows[Project] = [_as_dict(s.get(Project, code))]
    return Template(code, rows)


def _as_dict(row: Base) -> dict:
    return {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs}


def _clone(s, template: Template, n: int, owner_id: int, rng: random.Random) -> str:
    """One more project like ``template``: new code, instance, task ids, times shifted into the past."""
    code = f"2026-420104-70-03-{900000 + n:06d}"
    shift = timedelta(minutes=rng.randrange(0, 60 * 24 * 60))
    (project,) = template.rows[Project]
    s.execute(insert(Project), [{**project, "code": code, "owner_id": owner_id,
                                 "registered_at": project["registered_at"] - shift}])
    (instance,) = template.rows[ProcessInstance]
    tasks = {w["task_id"]: str(uuid.uuid4()) for w in template.rows[WorkItem]}
    state = _replace_all(instance["state"], tasks)
    new_id = s.execute(insert(ProcessInstance).returning(ProcessInstance.id), [{
        **{k: v for k, v in instance.items() if k != "id"}, "project_code": code, "state": state,
        "created_at": instance["created_at"] - shift, "updated_at": instance["updated_at"] - shift}]).scalar_one()
    moved = {"project_code": code, "instance_id": new_id}
    _copy(s, WorkItem, [{**w, **moved, "task_id": tasks[w["task_id"]], "since": w["since"] - shift}
                        for w in template.rows[WorkItem]])
    _copy(s, StageApplication, [{**a, **moved, "submitted_at": a["submitted_at"] - shift}
                                for a in _without_id(template.rows[StageApplication])])
    _copy(s, Decision, [{**d, **moved, "decided_at": d["decided_at"] - shift}
                        for d in _without_id(template.rows[Decision])])
    _copy(s, ClockEventRow, [{**c, **moved, "at": c["at"] - shift,
                              "clock_key": _clock_key(c["clock_key"], instance["id"], new_id, tasks)}
                             for c in _without_id(template.rows[ClockEventRow])])
    _copy(s, AuditEvent, _rechained(template.rows[AuditEvent], code, instance["id"], new_id, shift))
    return code


def _copy(s, model: type, rows: list[dict]) -> None:
    if rows:
        s.execute(insert(model), rows)


def _without_id(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "id"} for r in rows]


def _replace_all(value: str, mapping: dict[str, str]) -> str:
    if not mapping:
        return value
    return re.sub("|".join(map(re.escape, mapping)), lambda m: mapping[m.group(0)], value)


def _clock_key(key: str, old_instance: int, new_instance: int, tasks: dict[str, str]) -> str:
    key = key.replace(f"stage:{old_instance}:", f"stage:{new_instance}:", 1)
    return _replace_all(key, tasks)


def _rechained(events: list[dict], code: str, old_instance: int, new_instance: int, shift: timedelta) -> list[dict]:
    """The template's events on the clone's chains, each hash recomputed so the chains verify."""
    out, last = [], {}
    for e in sorted(events, key=lambda e: (e["chain"], e["seq"])):
        instance_id = new_instance if e["instance_id"] == old_instance else e["instance_id"]
        chain = chain_of(code, instance_id)
        row = AuditEvent(**{**{k: v for k, v in e.items() if k != "id"}, "chain": chain, "project_code": code,
                            "instance_id": instance_id, "created_at": e["created_at"] - shift,
                            "prev_hash": last.get(chain, GENESIS)})
        row.hash = event_hash(row)
        last[chain] = row.hash
        out.append({k: getattr(row, k) for k in e if k != "id"})
    return out


def _count(db: Engine, model: type) -> int:
    with db.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {model.__tablename__}")).scalar_one()


# --- measuring -------------------------------------------------------------------------------------

def measure_in_process(app, username: str, urls: list[str], requests: int) -> list[float]:
    client = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    response = client.post("/login", data={"username": username, "password": "demo-2026", "csrf_token": token})
    assert response.status_code == 302, response.status_code
    for url in urls[:3]:  # warm up: templates, the workflow spec cache, the connection pool
        assert client.get(url).status_code == 200, url
    timings = []
    for n in range(requests):
        started = perf_counter()
        response = client.get(urls[n % len(urls)])
        timings.append(perf_counter() - started)
        assert response.status_code == 200, (urls[n % len(urls)], response.status_code)
    return timings


def report(name: str, timings: list[float], wall: float | None = None) -> None:
    wall = wall if wall is not None else sum(timings)
    ordered = sorted(timings)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(f"  {name}: {len(timings) / wall:7.1f} req/s, p50 {statistics.median(ordered) * 1000:6.1f} ms, "
          f"p95 {p95 * 1000:6.1f} ms  (n={len(timings)})")


if __name__ == "__main__":
    raise SystemExit(main())
