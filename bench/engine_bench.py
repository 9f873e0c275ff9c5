"""Engine cost: raw SpiffWorkflow in memory vs the product (SQLite file, one transaction per action).

Prints (a) the raw in-memory run of ``social_investment_project``, (b) the same 27 actions through the
engine's use cases, with the default workflow cache and with none, (c) their ratio, (d) per-action cost
with 100 supplement loops in stage 1, (e) the final state blob sizes. ``--profile`` prints a wall-time
breakdown of the product's time per action instead. A script that prints figures, never a test.

    .venv/bin/python bench/engine_bench.py [--raw-runs 20] [--runs 10] [--loop-runs 3] [--loops 100]
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from time import perf_counter

from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.util.task import TaskState
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bpmn import approval_models
from engine import Runtime, complete_task, demo, make_engine, submit_supplement, transaction
from engine.catalogue import seed_entries
from engine.catalogue.plans import plan_for
from engine.db import take_after_commit, writer
from engine.organisation.accounts import user_by_username
from engine.organisation.actors import actor_for
from engine.processes.models import ProcessInstance
from engine.schema import upgrade
from engine.work_items.models import WorkItem

CLOCK = [perf_counter]
"""What the figures are measured with: wall time, or this process's CPU time (``--cpu``: steadier on a
shared machine, where other processes' load stretches wall time but not our CPU time)."""
MAIN = "social_investment_project"
ACTIONS = 27
ROUTING = {"project_code": "2026-420104-70-03-000001", "category": MAIN, "route": "form"}  # what start_approval sets
ASK = {"decision": "supplement", "opinion": "材料不全，请补正", "missing_materials": ["节地评价报告", "拐点坐标表"]}
SUPPLY = {"materials": ["节地评价报告", "拐点坐标表"], "note": "已补齐"}
LOOP_AFTER = 4  # apply, accept and two of the four stage-1 reviews; the loops run on the third review


# ------------------------------------------------------------------------------------------- (a) raw


def raw_routing(task) -> dict[str, str]:
    props = task.task_spec.extensions.get("properties", {})
    if props.get("formKey") == "acceptance_decision":
        return {"decision": "accept"}
    if props.get("formKey") == "review_decision":
        return {props["resultVariable"]: "approve"}
    return {}  # apply, issue


def raw_run(spec, subspecs, script_engine) -> BpmnWorkflow:
    """One instance from start to end in memory, one READY human task at a time (as the engine does)."""
    wf = BpmnWorkflow(spec, subspecs, script_engine=script_engine)
    wf.task_tree.data.update(ROUTING)
    wf.do_engine_steps()
    actions = 0
    while ready := wf.get_tasks(state=TaskState.READY, manual=True):
        task = min(ready, key=lambda t: t.task_spec.bpmn_id)
        task.data.update(raw_routing(task))
        task.run()
        wf.do_engine_steps()
        actions += 1
    assert wf.is_completed() and actions == ACTIONS, actions
    return wf


def bench_raw(runs: int) -> list[float]:
    seed = [e for e in seed_entries() if e.category == MAIN]
    library = Runtime().current_library(approval_models(plan_for(MAIN, seed)))  # parsed once, outside the timing
    spec, subspecs = library.specs(MAIN)
    raw_run(spec, subspecs, library.script_engine)  # warm-up
    times = []
    for _ in range(runs):
        start = CLOCK[0]()
        raw_run(spec, subspecs, library.script_engine)
        times.append(CLOCK[0]() - start)
    return times


# --------------------------------------------------------------------------------------- the product


def make_template(folder: Path) -> Path:
    """A database with the Alembic schema and the demo people, copied for every run."""
    path = folder / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with transaction(engine) as session:
        demo.seed_demo_people(session, Runtime())
    engine.dispose()  # the last connection checkpoints the WAL into the file
    return path


def fresh_engine(template: Path, folder: Path, name: str) -> Engine:
    path = folder / f"{name}.sqlite3"
    shutil.copyfile(template, path)
    return make_engine(f"sqlite:///{path}")


AFTER_COMMIT = [0.0, 0]
"""Time and count of the work actions leave for after their commit (certificate PDFs), not in the action."""


def timed(engine: Engine, action: Callable[[Session], object]) -> tuple[float, object]:
    """One committed transaction, timed from BEGIN to COMMIT; its after-commit jobs (the PDF a certificate
    issuance leaves to the renderer) run next, timed apart in ``AFTER_COMMIT``."""
    start = CLOCK[0]()
    with Session(writer(engine), expire_on_commit=False) as session:
        with session.begin():
            result = action(session)
        took = CLOCK[0]() - start
        jobs = take_after_commit(session)
    start = CLOCK[0]()
    for job in jobs:
        job(engine)
    AFTER_COMMIT[0] += CLOCK[0]() - start
    AFTER_COMMIT[1] += len(jobs)
    return took, result


def actor(session: Session, username: str):
    return actor_for(session, user_by_username(session, username).id)


def drive_to_end(engine: Engine, runtime: Runtime, code: str, times: list[float]) -> None:
    while True:
        took, name = timed(engine, lambda s: demo.drive_one_action(s, runtime, code))
        if name is None:
            return
        times.append(took)


def product_run(engine: Engine, runtime: Runtime, loops: int = 0) -> tuple[list[float], int]:
    """Register + start (first entry), then every action; returns the times and the final blob size."""
    took, project = timed(engine, lambda s: demo.register_demo_project(s, runtime))
    times, code = [took], project.code
    for _ in range(LOOP_AFTER if loops else 0):
        times.append(timed(engine, lambda s: demo.drive_one_action(s, runtime, code))[0])
    for _ in range(loops):
        times.append(timed(engine, lambda s: ask_supplement(s, runtime, code))[0])
        times.append(timed(engine, lambda s: supply(s, runtime, code))[0])
    drive_to_end(engine, runtime, code, times)
    assert len(times) == 1 + ACTIONS + 2 * loops, len(times)
    with transaction(engine, write=False) as session:
        instance = session.scalar(select(ProcessInstance).where(ProcessInstance.project_code == code))
        assert instance.status == "completed"
        return times, len(instance.state.encode("utf-8"))


def looped_item(session: Session, code: str) -> WorkItem:
    return session.scalars(select(WorkItem).where(WorkItem.project_code == code, WorkItem.form_key ==
                                                  "review_decision").order_by(WorkItem.bpmn_id)).first()


def ask_supplement(session: Session, runtime: Runtime, code: str) -> object:
    item = looped_item(session, code)
    who = actor(session, f"exam_{item.department_code}")
    return complete_task(session, runtime, who, item.instance_id, item.task_id, ASK)


def supply(session: Session, runtime: Runtime, code: str) -> object:
    item = looped_item(session, code)
    return submit_supplement(session, runtime, actor(session, "owner"), item.instance_id, item.task_id, SUPPLY)


def bench_product(template: Path, folder: Path, cache: int, runs: int, loops: int = 0) -> list[list[float]]:
    """``runs`` full runs, each on its own fresh copy of the database; one warm-up run first."""
    runtime = Runtime(workflow_cache_size=cache)
    results = []
    for n in range(runs + 1):
        engine = fresh_engine(template, folder, f"c{cache}-l{loops}-{n}")
        times, size = product_run(engine, runtime, loops)
        engine.dispose()
        if n:
            results.append([*times, size])
    return results


# ------------------------------------------------------------------------------------------ reporting


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


def per_position_median(runs: list[list[float]]) -> list[float]:
    return [statistics.median(column) for column in zip(*runs, strict=True)]


def verdict(ratio: float, limit: float) -> str:
    return f"{ratio:.2f} {'met' if ratio <= limit else f'MISSED x{ratio / limit:.2f}'}"


def figures(plain: list[list[float]], looped: list[list[float]], raw: float, loops: int) -> dict[str, str]:
    """One table column. Each run is [register+start, action 1, …, action N, blob bytes]."""
    totals, actions = [sum(r[:-1]) for r in plain], [sum(r[1:-1]) for r in plain]
    loop, plain_at = per_position_median([r[1:-1] for r in looped]), per_position_median([r[1:-1] for r in plain])
    early, late = statistics.median(loop[7:12]), statistics.median(loop[-5:])
    cycles, plain_late = loop[LOOP_AFTER:LOOP_AFTER + 2 * loops], statistics.median(plain_at[-5:])
    return {
        "(b) full run (register+start + 27 actions), median": ms(statistics.median(totals)),
        "    of which register + start_approval": ms(statistics.median(r[0] for r in plain)),
        "    of which the 27 actions": ms(statistics.median(actions)),
        "(c) ratio product/raw (target <= 3.0)": verdict(statistics.median(totals) / raw, 3.0),
        "    ratio, the 27 actions only": f"{statistics.median(actions) / raw:.2f}",
        f"(d) {loops} loops: action 10 (a loop action)": ms(loop[9]),
        f"    last action (#{len(loop)}, issue of stage 4)": ms(loop[-1]),
        "    ratio last / 10th": f"{loop[-1] / loop[9]:.2f}",
        "    median of actions 8-12": ms(early),
        "    median of the last 5 actions": ms(late),
        "    ratio last 5 / 8-12 (target <= 1.3)": verdict(late / early, 1.3),
        "    like-for-like: first 5 loops, median action": ms(statistics.median(cycles[:10])),
        "    like-for-like: last 5 loops, median action": ms(statistics.median(cycles[-10:])),
        "(f) growth, like for like: last 10 / first 10 loop actions (target <= 1.10)": verdict(
            statistics.median(cycles[-10:]) / statistics.median(cycles[:10]), 1.10),
        "    like-for-like: last 5 vs plain run's last 5": f"{late / plain_late:.2f}",
        "    plain run, no loops: last 5 / actions 8-12": f"{plain_late / statistics.median(plain_at[7:12]):.2f}",
        "(e) final state blob, plain run": f"{plain[0][-1]:,} B",
        f"(e) final state blob, after {loops} loops": f"{looped[0][-1]:,} B",
    }


def code_version() -> str:
    """The commit measured, and whether engine/ or bpmn/ had uncommitted changes (others edit them)."""
    def git(*args: str) -> str:
        repo = str(Path(__file__).resolve().parents[1])
        return subprocess.run(["git", "-C", repo, *args], check=False, capture_output=True, text=True).stdout
    dirty = git("status", "--porcelain", "engine", "bpmn")
    head = git("rev-parse", "--short", "HEAD").strip() or "? (not a git checkout)"
    return f"commit {head}{' + uncommitted engine/bpmn edits' if dirty else ''}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw-runs", type=int, default=20)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--loop-runs", type=int, default=3)
    parser.add_argument("--loops", type=int, default=100)
    parser.add_argument("--profile", action="store_true", help="wall-time breakdown of the product run")
    parser.add_argument("--cpu", action="store_true", help="measure this process's CPU time, not wall time")
    args = parser.parse_args()
    if args.cpu:
        CLOCK[0] = time.process_time
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}   load avg {os.getloadavg()[0]:.2f}, "
          f"{os.cpu_count()} CPUs, {code_version()}, {'CPU' if args.cpu else 'wall'} time")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = make_template(folder)
        if args.profile:
            profile(template, folder, args.runs)
        else:
            run_all(args, template, folder)


def run_all(args: argparse.Namespace, template: Path, folder: Path) -> None:
    raw = bench_raw(args.raw_runs)
    raw_med = statistics.median(raw)
    print(f"(a) raw SpiffWorkflow in memory, library.script_engine (RestrictedPython sandbox), {ACTIONS} actions,"
          f" {args.raw_runs} runs: median {ms(raw_med)}, min {ms(min(raw))}")
    print(f"product: SQLite file, one transaction per action; {args.runs} runs (d: per-position median of "
          f"{args.loop_runs} runs of {ACTIONS + 2 * args.loops} actions, loops after action {LOOP_AFTER})")
    columns = []
    for cache in (64, 0):
        plain = bench_product(template, folder, cache, args.runs)
        looped = bench_product(template, folder, cache, args.loop_runs, args.loops)
        columns.append(figures(plain, looped, raw_med, args.loops))
    print(f"{'':<52}{'cache 64':>20}{'cache 0':>20}")
    print(f"after-commit jobs (certificate PDFs, off the action path): {AFTER_COMMIT[1]} jobs, "
          f"mean {ms(AFTER_COMMIT[0] / max(AFTER_COMMIT[1], 1))}")
    for label in columns[0]:
        print(f"{label:<52}{columns[0][label]:>20}{columns[1][label]:>20}")


# ------------------------------------------------------------------------------------------- profile

_PROBES = [  # (module or class, attribute, label): wall time, inclusive; indentation shows nesting
    ("engine.demo", "drive_one_action", "drive_one_action (find item + actor + complete_task)"),
    ("engine.demo", "complete_task", "  complete_task"),
    ("engine.processes.workflow", "lock", "    lock instance row"),
    ("engine.work_items.completion", "check_may_reach", "    may reach the project"),
    ("engine.work_items.completion", "_ready_item", "    find the work item + project"),
    ("engine.work_items.completion", "check_may_act", "    authorisation"),
    ("engine.work_items.completion", "validated", "    form validation"),
    ("engine.processes.workflow", "load", "    load (cache hit, or deserialize)"),
    ("engine.processes.workflow", "refresh_calendar", "      refresh_calendar"),
    ("engine.processes.workflow", "library_of", "      library_of (spec row + sha256 of files)"),
    ("bpmn.state:StateCodec", "load", "      deserialize: StateCodec.load"),
    ("engine.work_items.completion", "_record_business_rows", "    decision / application rows"),
    ("bpmn.runner:Workflow", "complete", "    SpiffWorkflow run: Workflow.complete"),
    ("engine.processes.workflow", "save", "    save (incl. UPDATE flush)"),
    ("bpmn.state:StateCodec", "dump", "      serialize: StateCodec.dump"),
    ("engine.work_items.sync", "sync_work_items", "      sync work items (WorkflowSaved)"),
    ("engine.timers.sync", "sync_timers", "      sync timers (WorkflowSaved)"),
    ("bpmn.runner:Workflow", "ready_human_tasks", "      READY human tasks (tree scan)"),
    ("bpmn.runner:Workflow", "timers", "      waiting timers (tree scan)"),
    ("engine.work_items.completion", "_stage_clock", "    stage clock"),
    ("engine.work_items.completion", "record", "    audit record"),
    ("engine.work_items.completion", "_publish", "    features (TaskCompleted, StageIssued, ...)"),
    ("engine.issuance.hooks", "issue_stage_certificate", "      certificate issuance (number, data, PDF, row)"),
    ("engine.issuance.register", "check_printable", "        check the font can print it (in the action)"),
    ("engine.issuance.rendering", "render_data", "  render the PDF (after the commit, not in the action)"),
    ("engine.time_limits.ledger", "item_reading", "    item clock reading (resume after 补正)"),
    ("engine.time_limits.ledger", "working_calendar", "    working_calendar (ledger)"),
]


def install_probes(totals: dict[str, list[float]]) -> None:
    """Wrap every probed function; one that moved is named (the engine changes under this bench), not fatal."""
    for where, name, label in _PROBES:
        module, _, cls = where.partition(":")
        owner = getattr(importlib.import_module(module), cls) if cls else importlib.import_module(module)
        if not hasattr(owner, name):
            print(f"  (probe {where}.{name} not found: moved? '{label.strip()}' is not measured)")
            continue
        setattr(owner, name, _probe(getattr(owner, name), totals.setdefault(label, [0.0, 0])))


def _probe(original: Callable, total: list[float]) -> Callable:
    def probed(*args: object, **kwargs: object) -> object:
        start = CLOCK[0]()  # the clock the run times use (--cpu): the breakdown adds up to the per-action time
        try:
            return original(*args, **kwargs)
        finally:
            total[0] += CLOCK[0]() - start
            total[1] += 1
    return probed


def profile(template: Path, folder: Path, runs: int) -> None:
    """Time per call of each step (wall, or CPU with --cpu; cProfile distorts Python-heavy code)."""
    totals: dict[str, list[float]] = {}
    install_probes(totals)
    for label, cache in (("cache 64", 64), ("cache 0", 0)):
        for total in totals.values():
            total[:] = [0.0, 0]
        runs_times = bench_product(template, folder, cache, runs)
        per_action = statistics.mean(sum(r[1:-1]) for r in runs_times) / ACTIONS
        print(f"breakdown, product {label}, {runs} runs: {ms(per_action)} per action (probed), per call:")
        for name, (seconds, calls) in totals.items():
            print(f"  {name:<56} {ms(seconds / max(calls, 1))}  x{calls}")
        drive = totals[_PROBES[0][2]]
        print(f"  {'BEGIN, COMMIT, session (per action - drive_one_action)':<56} "
              f"{ms(per_action - drive[0] / drive[1])}")


if __name__ == "__main__":
    main()
