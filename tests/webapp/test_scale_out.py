"""Scale-out: two app servers and two timer sweepers on one database, racing over the same reviews.

Six projects are accepted into stage 1 (24 parallel reviews, each with its 时限预警/时限逾期/超时默许
timers). Two gunicorn servers (separate processes, as on two machines) each receive a completion of every
review of four projects at the same moment, while two sweeper processes fire every due timer, 超时默许
included, which decides a review where the catalogue says so (the last two projects' reviews are left to
them). Afterwards each raced review has exactly one decision, every 200 answer is a decision in
the database (no lost update), each timer fired at most once, nothing answered 5xx and every audit chain
verifies.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing as mp
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from engine import Runtime, make_engine, transaction, verify_chain
from engine.audit.models import AuditEvent
from engine.timers.sweeper import sweep
from engine.work_items.models import Decision, WorkItem
from tests.support.office import Office


def _free_ports(count: int) -> tuple[int, ...]:
    """Ports the OS says are free now (several engineers' test runs share the machine)."""
    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("127.0.0.1", 0))
    ports = tuple(sock.getsockname()[1] for sock in sockets)
    for sock in sockets:
        sock.close()
    return ports


PORTS = _free_ports(2)
ROOT = Path(__file__).resolve().parents[2]
LATER = datetime(2027, 1, 4, 2, 0, tzinfo=UTC)  # past every stage-1 deadline (超时默许 included)


def _sweeper(url: str, ready: Any, stop: Any, fired: Any) -> None:
    """Sweep (as ``approval timers run`` does) until told to stop and a pass after that finds nothing."""
    engine, runtime, total = make_engine(url), Runtime(clock=lambda: LATER, workflow_cache_size=0), 0
    ready.wait(timeout=300)
    while True:
        stopping = stop.is_set()
        count = sweep(engine, runtime)
        total += count
        if stopping and count == 0:
            break
        time.sleep(0.05)
    fired.put(total)
    engine.dispose()


def _server(url: str, port: int) -> subprocess.Popen:
    env = {**os.environ, "APPROVAL_DATABASE_URL": url, "APPROVAL_SECRET_KEY": "scale-out-test",
           "APPROVAL_PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}
    return subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "-w", "1", "-b", f"127.0.0.1:{port}",
                             "--log-level", "warning", "webapp.wsgi:app"], cwd=ROOT, env=env)


def _request(port: int, method: str, path: str, body: dict | None = None,
             headers: dict | None = None) -> tuple[int, dict, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request(method, path, json.dumps(body) if body is not None else None,
                 {"Content-Type": "application/json", **(headers or {})})
    response = conn.getresponse()
    payload = response.read()
    return response.status, dict(response.headers), json.loads(payload) if payload.startswith(b"{") else {}


def _wait_until_up(port: int) -> None:
    for _ in range(600):
        try:
            if _request(port, "GET", "/healthz")[0] == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"server on {port} did not start")


def _signed_in(port: int, username: str) -> dict[str, str]:
    status, headers, body = _request(port, "POST", "/api/session", {"username": username, "password": "demo-2026"})
    assert status == 200
    return {"Cookie": headers["Set-Cookie"].split(";")[0], "X-CSRF-Token": body["csrf_token"]}


def _reviews(office: Office, projects: int) -> list[WorkItem]:
    codes = [office.new_project(f"2026-420104-70-03-{n:06d}")[0] for n in range(projects)]
    for code in codes:
        office.act(code, "apply")
        office.act(code, "accept")
    return [i for code in codes for i in office.items(code) if i.form_key == "review_decision"]


def test_two_app_servers_and_two_sweepers_lose_nothing_and_fire_once(db, db_url, office: Office) -> None:
    reviews = _reviews(office, 6)
    raced, left_to_timers = reviews[:16], reviews[16:]  # the sweepers alone decide the last two projects
    servers = [_server(db_url, port) for port in PORTS]
    ctx = mp.get_context("spawn")
    ready, stop, fired = ctx.Barrier(3), ctx.Event(), ctx.Queue()
    sweepers = [ctx.Process(target=_sweeper, args=(db_url, ready, stop, fired)) for _ in range(2)]
    try:
        for port in PORTS:
            _wait_until_up(port)
        departments = {r.department_code for r in reviews}
        sessions = {(port, d): _signed_in(port, f"exam_{d}") for port in PORTS for d in departments}
        for s in sweepers:
            s.start()
        ready.wait(timeout=300)  # both sweepers are running before the first completion is sent
        jobs = [(port, r) for r in raced for port in PORTS]
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda job: (job[1].task_id, _request(
                job[0], "POST", f"/api/instances/{job[1].instance_id}/tasks/{job[1].task_id}/completion",
                {"decision": "approve", "opinion": "同意"}, sessions[(job[0], job[1].department_code)])[0]), jobs))
    finally:
        for server in servers:  # first, so no server outlives a failure below
            server.terminate()
            server.wait(30)
        stop.set()
        counts = [fired.get(timeout=300) for s in sweepers if s.pid is not None]
        for s in sweepers:
            s.join(timeout=60)
    later = Runtime(clock=lambda: LATER, workflow_cache_size=0)
    assert sum(counts) >= 3 * len(left_to_timers) and sweep(db, later) == 0  # nothing left due
    with transaction(db, write=False) as s:
        decisions = Counter(s.scalars(select(Decision.task_id).where(
            Decision.task_id.in_([r.task_id for r in reviews]))))
        by_people = set(s.scalars(select(Decision.task_id).where(Decision.decided_by.is_not(None))))
        timers = Counter(e.details.get("timer_task_id") or e.task_id for e in s.scalars(select(AuditEvent).where(
            AuditEvent.action.in_(("clock_warning", "clock_overdue", "deemed_consent", "timer_fired")))))
        chains = set(s.scalars(select(AuditEvent.chain)))
        broken = {c: verify_chain(s, c) for c in chains if verify_chain(s, c)}
        missing = [(r.task_id in {t for t, _ in answers}, [(e.action, e.details) for e in s.scalars(
            select(AuditEvent).where(AuditEvent.task_id == r.task_id))]) for r in raced if decisions[r.task_id] != 1]
    accepted = [task for task, status in answers if status == 200]
    assert {status for _, status in answers} <= {200, 404, 409}, answers
    assert not missing, missing  # one decision per raced review, none lost
    assert len(accepted) == len(set(accepted)) and set(accepted) <= by_people  # every 200 is in the database
    assert all(decisions[r.task_id] <= 1 and r.task_id not in by_people for r in left_to_timers)  # 超时默许 or open
    assert len(timers) >= 3 * len(left_to_timers) and max(timers.values()) == 1 and not broken
