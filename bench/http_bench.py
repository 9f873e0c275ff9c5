"""What users feel at provincial scale: gunicorn over HTTP with 1, 4 and 16 clients on N projects.

Builds N writable projects (``bench/bulk.py``: real timers, sequences advanced, audit chains that verify;
100,000 in under 10 minutes on 2 cores) once — ``--reuse`` keeps a database that already holds them —
then starts ``gunicorn -w 2`` on it, proves the projects writable (``bench/writable.py``: review decisions
over HTTP and a sweeper pass on random projects, failing loudly) and drives it with client threads over
real sockets, each phase warmed up first:

* the examiner's inbox, API and page, 1 client (first page, then the page its "next" link names);
* the inbox API with 16 clients (requests per second);
* the owner's progress page, 4 clients;
* independent review decisions (同意) with 16 clients, each on a different project (writes per second).

Prints one line per figure — with the server's CPU per request (workers + PostgreSQL backends), which
the machine's other load does not stretch — and, as its last line, one JSON object with every figure, the
error count and the load average at the end (the machine is shared: read figures beside it). ``--profile
DIR`` samples the workers with py-spy per phase (``bench/spy.py``). A script, never a test.

    .venv/bin/python bench/http_bench.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench \\
        --projects 100000 [--reuse] [--port 5600] [--profile /tmp/http-profile]
    .venv/bin/python bench/http_bench.py --database-url sqlite:////tmp/bench.sqlite3 --projects 10000
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any, ClassVar

from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bulk import build  # noqa: E402
from bench.cpu import ServerCpu  # noqa: E402
from bench.spy import Spy  # noqa: E402
from bench.writable import check_writable  # noqa: E402
from engine import DEMO_PASSWORD, Runtime, make_engine, upgrade_schema  # noqa: E402

NEXT = re.compile(r'<a href="([^"]+)"[^>]*>下一页</a>')


class Client:
    """One person's browser: a keep-alive connection, the session cookie and the CSRF token."""

    signed_in: ClassVar[dict[str, tuple[dict[str, str], str]]] = {}  # one sign-in per person: Argon2 is slow

    def __init__(self, port: int, username: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies: dict[str, str] = {}
        if username not in Client.signed_in:
            reply = self.request("POST", "/api/session", {"username": username, "password": DEMO_PASSWORD})
            assert reply[0] == 200, reply
            Client.signed_in[username] = dict(self.cookies), json.loads(reply[2])["csrf_token"]
        cookies, self.csrf = Client.signed_in[username]
        self.cookies = dict(cookies)

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict[str, str], str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/json"
        if method != "GET" and hasattr(self, "csrf"):
            headers["X-CSRF-Token"] = self.csrf
        self.conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = self.conn.getresponse()
        payload = response.read().decode("utf-8", "replace")
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.update({k: m.value for k, m in SimpleCookie(value).items()})
        return response.status, dict(response.headers), payload


class Phase:
    """Clients running one kind of request for a while; latencies and errors collected."""

    def __init__(self) -> None:
        self.timings: list[float] = []
        self.errors = 0
        self.lock = threading.Lock()

    def run(self, steps: list[Callable[[], bool]], seconds: float) -> float:
        """Each client repeats its step (signed in beforehand) for ``seconds``; returns the wall time.
        A step returns False when it has nothing left to do."""
        deadline = time.monotonic() + seconds

        def loop(step: Callable[[], bool]) -> None:
            while time.monotonic() < deadline and step():
                pass
        threads = [threading.Thread(target=loop, args=(step,)) for step in steps]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.monotonic() - started

    def timed(self, call: Callable[[], tuple[int, dict, str]]) -> tuple[int, dict, str]:
        started = time.perf_counter()
        try:
            reply = call()
        except (OSError, http.client.HTTPException) as exc:
            reply = (599, {}, str(exc))
        elapsed = time.perf_counter() - started
        with self.lock:
            self.timings.append(elapsed)
            self.errors += reply[0] >= 400
        return reply

    def p95_ms(self) -> float:
        ordered = sorted(self.timings) or [0.0]
        return round(ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000, 1)


def browse(port: int, username: str, first: str, next_of: Callable[[dict, str], str | None],
           phase: Phase) -> Callable[[], bool]:
    """One client: the first page, then the 'next' page of the last answer, and so on, then again."""
    client, path = Client(port, username), [first]

    def step() -> bool:
        status, headers, body = phase.timed(lambda: client.request("GET", path[0]))
        path[0] = (next_of(headers, body) if status == 200 else None) or first
        return True
    return step


def api_next(headers: dict, _body: str) -> str | None:
    match = re.search(r'<([^>]+)>; rel="next"', headers.get("Link", ""))
    if match:
        return match.group(1)
    pagination = json.loads(headers.get("X-Pagination") or "{}")
    return f"/api/work-items?page_size=20&page={pagination['next_page']}" if "next_page" in pagination else None


def page_next(_headers: dict, body: str) -> str | None:
    match = NEXT.search(body)
    return match.group(1).replace("&amp;", "&") if match else None


def measure(port: int, db_url: str, seconds: float, server_pid: int, spy: Spy | None = None) -> dict[str, Any]:
    """Each phase: a short warm-up (templates compiled, caches filled in both workers), then ``seconds``
    measured: wall-clock latencies and rates, and the server's CPU per request (workers + database)."""
    figures: dict[str, Any] = {"errors": 0}

    def run(name: str, phase: Phase, steps: list[Callable[[], bool]]) -> float:
        phase.run(steps, min(2.0, seconds / 5))
        phase.timings.clear()
        cpu = ServerCpu(server_pid, db_url)
        with spy.phase(name) if spy else nullcontext():
            wall = phase.run(steps, seconds)
        app, database = (round(s * 1000 / max(len(phase.timings), 1), 1) for s in cpu.since())
        figures[f"cpu_ms_per_req_{name}"] = cpu_ms = round(app + database, 1)
        print(f"  {name}: {len(phase.timings)} requests, {len(phase.timings) / wall:.1f}/s, p95 {phase.p95_ms()} "
              f"ms, {phase.errors} errors; server CPU {cpu_ms} ms/request (app {app}, database {database}; "
              f"2 idle cores: ~{2000 / max(cpu_ms, 0.1):.0f}/s)", flush=True)
        figures["errors"] += phase.errors
        return wall

    examiner, inbox = "exam_natural_resources", "/api/work-items?page_size=20"
    for name, clients, first, next_of in [("inbox_api", 1, inbox, api_next), ("inbox_page", 1, "/examiner/", page_next),
                                          ("inbox_api", 16, inbox, api_next)]:
        phase = Phase()
        wall = run(f"{name}_c{clients}", phase,
                   [browse(port, examiner, first, next_of, phase) for _ in range(clients)])
        figures[f"{name}_p95_ms_c{clients}"] = phase.p95_ms()
        figures[f"{name.removesuffix('_api')}_rps_c{clients}"] = round(len(phase.timings) / wall, 1)
    codes, phase = owner_projects(db_url), Phase()
    run("progress_c4", phase, [progress(port, codes[n::4], phase) for n in range(4)])
    figures["progress_p95_ms_c4"] = phase.p95_ms()
    phase = Phase()
    wall = run("writes_c16", phase, review_steps(port, db_url, phase))
    figures.update(writes_per_s_c16=round(len(phase.timings) / wall, 1), writes_p95_ms_c16=phase.p95_ms())
    return figures


def progress(port: int, codes: list[str], phase: Phase) -> Callable[[], bool]:
    client, k = Client(port, "owner"), [0]

    def step() -> bool:
        code = codes[k[0] % len(codes)]
        k[0] += 1
        phase.timed(lambda: client.request("GET", f"/projects/{code}"))
        return True
    return step


def owner_projects(db_url: str) -> list[str]:
    with make_engine(db_url).connect() as conn:
        return list(conn.execute(text(
            "SELECT p.code FROM project p JOIN user_account u ON u.id = p.owner_id "
            "WHERE u.username = 'owner' ORDER BY p.code LIMIT 200")).scalars())


def review_steps(port: int, db_url: str, phase: Phase) -> list[Callable[[], bool]]:
    """16 clients, each deciding (同意) the ready reviews of its own share of projects, one per project."""
    with make_engine(db_url).connect() as conn:
        rows = conn.execute(text(
            "SELECT instance_id, task_id, department_code FROM "
            "(SELECT instance_id, task_id, department_code, row_number() OVER (PARTITION BY instance_id "
            "ORDER BY task_id) AS k FROM work_item WHERE form_key = 'review_decision' AND status = 'ready' "
            "AND claimed_by IS NULL) AS first_review WHERE k = 1 LIMIT 20000")).all()
    departments = {d for _, _, d in rows}
    clients = [{d: Client(port, f"exam_{d}") for d in departments} for _ in range(16)]

    def steps(share: list, mine: dict[str, Client]) -> Callable[[], bool]:
        todo = iter(share)

        def step() -> bool:
            row = next(todo, None)
            if row is None:
                return False
            instance_id, task_id, department = row
            phase.timed(lambda: mine[department].request(
                "POST", f"/api/instances/{instance_id}/tasks/{task_id}/completion",
                {"decision": "approve", "opinion": "同意"}))
            return True
        return step
    return [steps(rows[n::16], clients[n]) for n in range(16)]


def decider(port: int) -> Callable[[str, int, str], int]:
    """A 同意 decision over HTTP by the department's examiner; returns the HTTP status."""
    def decide(department: str, instance_id: int, task_id: str) -> int:
        return Client(port, f"exam_{department}").request(
            "POST", f"/api/instances/{instance_id}/tasks/{task_id}/completion",
            {"decision": "approve", "opinion": "同意"})[0]
    return decide


def serve(db_url: str, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "APPROVAL_DATABASE_URL": db_url, "APPROVAL_SECRET_KEY": "http-bench",
           "APPROVAL_PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}
    server = subprocess.Popen([str(Path(sys.executable).with_name("gunicorn")), "-w", str(workers), "-b",
                               f"127.0.0.1:{port}", "--log-level", "warning", "webapp.wsgi:app"], cwd=ROOT, env=env)
    for _ in range(300):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer /healthz")


def count_projects(db_url: str) -> int:
    try:
        with make_engine(db_url).connect() as conn:
            return conn.execute(text("SELECT count(*) FROM project")).scalar_one()
    except Exception:  # no schema yet: build it
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="its schema is dropped and rebuilt unless --reuse")
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="keep a database that already holds the projects")
    parser.add_argument("--port", type=int, default=5600)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=10.0, help="per measured phase")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="py-spy the workers during each phase")
    args = parser.parse_args()
    url, built = args.database_url, 0.0
    if not (args.reuse and count_projects(url) >= args.projects):
        started = time.perf_counter()
        build(make_engine(url), args.projects, Runtime())
        built = round(time.perf_counter() - started, 1)
        print(f"built {args.projects} projects in {built} s", flush=True)
    upgrade_schema(make_engine(url))  # a reused database gets this branch's migrations (indexes)
    server = serve(url, args.port, args.workers)
    try:
        print(check_writable(make_engine(url), decider(args.port)), flush=True)
        spy = Spy(args.profile, server.pid) if args.profile else None
        figures = measure(args.port, url, args.seconds, server.pid, spy)
    finally:
        server.terminate()
        server.wait(30)
    print(json.dumps({"database": make_engine(url).dialect.name, "projects": count_projects(url),
                      "build_s": built, **figures, "load_average": [round(x, 2) for x in os.getloadavg()]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
