"""Two OS processes complete two different parallel reviews of one instance at the same moment.

Each worker has its own database engine and ``Runtime``, as two web workers would. They meet at a
barrier right before ``complete_task``, so the second one hits the instance lock while the first holds
it (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: ``SELECT … FOR UPDATE``). Neither decision may be lost, the
state must hold exactly the two reviews still open, and the audit chain must stay intact. Each round then
races the other two reviews into the parallel join (one worker may hold the current revision in its
workflow cache, the other a stale one), after which only the issuance is open.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select

from engine import Runtime, complete_task, make_engine, transaction
from engine.audit.models import AuditEvent
from engine.audit.trail import verify_chain
from engine.demo import demo_form, drive_one_action, register_demo_project, seed_demo_people
from engine.organisation.accounts import user_by_username
from engine.organisation.actors import actor_for
from engine.processes import workflow
from engine.processes.models import ProcessInstance
from engine.work_items.models import Decision, WorkItem

ROUNDS = 50
WAIT = 60  # seconds a worker may take for one action before the test gives up on it
PAIRS = list(itertools.combinations(range(4), 2))  # which two of the four stage-1 reviews race


def _worker(url: str, conn: Any, barrier: Any) -> None:
    """Complete one review per job; answer ``(None, start, end)``. Nothing is handled or retried: any
    exception goes back to the test as its repr, and the test fails on it."""
    engine, runtime = make_engine(url), Runtime()
    while (job := conn.recv()) is not None:
        try:
            conn.send(_complete(engine, runtime, barrier, *job))
        except Exception as exc:
            conn.send((repr(exc), 0.0, 0.0))
    engine.dispose()


def _complete(engine: Any, runtime: Runtime, barrier: Any, instance_id: int, task_id: str,
              username: str) -> tuple[None, float, float]:
    with transaction(engine, write=False) as session:  # a read: must not take SQLite's write lock
        actor = actor_for(session, user_by_username(session, username).id)
    with transaction(engine) as session:  # BEGIN (IMMEDIATE on SQLite) comes with complete_task's lock
        barrier.wait(timeout=WAIT)
        start = time.monotonic()
        complete_task(session, runtime, actor, instance_id, task_id, demo_form("review_decision", ""))
    return None, start, time.monotonic()


@contextmanager
def workers(url: str) -> Iterator[list[Any]]:
    """Two spawned worker processes, started once for every round; yields their pipe ends."""
    ctx = mp.get_context("spawn")
    barrier = ctx.Barrier(2)
    pipes = [ctx.Pipe() for _ in range(2)]
    procs = [ctx.Process(target=_worker, args=(url, child, barrier), daemon=True) for _, child in pipes]
    for proc in procs:
        proc.start()
    try:
        yield [parent for parent, _ in pipes]
    finally:
        for parent, _ in pipes:
            parent.send(None)
        for proc in procs:
            proc.join(timeout=WAIT)
            if proc.is_alive():
                proc.terminate()
        for parent, child in pipes:
            parent.close()
            child.close()


def _ready_reviews(step: Any, runtime: Runtime, n: int) -> tuple[int, list[WorkItem]]:
    """A fresh project advanced by apply + accept: its four stage-1 reviews are READY."""
    with step() as s:
        code = register_demo_project(s, runtime, f"2026-420104-70-03-{n:06d}").code
    for _ in range(2):
        with step() as s:
            drive_one_action(s, runtime, code)
    with step(write=False) as s:
        items = list(s.scalars(select(WorkItem).where(WorkItem.project_code == code).order_by(WorkItem.bpmn_id)))
    assert [i.form_key for i in items] == ["review_decision"] * 4
    return items[0].instance_id, items


def _race(conns: list[Any], instance_id: int, racing: list[WorkItem]) -> list[tuple[str | None, float, float]]:
    for conn, item in zip(conns, racing, strict=True):
        conn.send((instance_id, item.task_id, f"exam_{item.department_code}"))
    results = []
    for conn in conns:
        assert conn.poll(WAIT), "a worker did not answer"
        results.append(conn.recv())
    return results


def _check(step: Any, runtime: Runtime, instance_id: int, decided: list[WorkItem], still_open: set[str]) -> None:
    """Every decision recorded, the work items and the stored state agree on what is still open, and the
    audit chain is intact with one event per completed task."""
    with step(write=False) as s:
        recorded = s.scalars(select(Decision.task_id).where(Decision.instance_id == instance_id,
                                                           Decision.form_key == "review_decision"))
        assert sorted(recorded) == sorted(i.task_id for i in decided)
        rows = s.execute(select(WorkItem.task_id, WorkItem.bpmn_id).where(WorkItem.instance_id == instance_id))
        items = dict(rows.all())
        run = workflow.load(s, runtime, s.get(ProcessInstance, instance_id))
        assert {t.id: t.bpmn_id for t in run.ready_human_tasks()} == items
        assert set(items.values()) == still_open
        chain = f"instance:{instance_id}"
        assert verify_chain(s, chain) == []
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.chain == chain).order_by(AuditEvent.seq))
        assert list(actions) == ["start_approval"] + ["complete_task"] * (2 + len(decided))


def _overlap(results: list[tuple[str | None, float, float]]) -> bool:
    (_, start_a, end_a), (_, start_b, end_b) = results
    return max(start_a, start_b) < min(end_a, end_b)


def test_two_workers_complete_two_parallel_reviews_of_one_instance_at_once(db, db_url, step, runtime):
    with step() as s:
        seed_demo_people(s, runtime)
    overlapped = 0
    with workers(db_url) as conns:
        for n in range(ROUNDS):
            instance_id, reviews = _ready_reviews(step, runtime, n + 1)
            first = [reviews[i] for i in PAIRS[n % len(PAIRS)]]
            second = [r for r in reviews if r not in first]
            for racing, decided, still_open in ((first, first, {r.bpmn_id for r in second}),
                                                (second, reviews, {"issue"})):
                results = _race(conns, instance_id, racing)
                assert [error for error, _, _ in results] == [None, None], f"round {n + 1}: {results}"
                _check(step, runtime, instance_id, decided, still_open)
                overlapped += _overlap(results)
    # The barrier must really make the two actions meet at the lock, or this test proves nothing.
    assert overlapped >= ROUNDS, f"only {overlapped} of {2 * ROUNDS} races ran the two actions at once"
