"""Schema-driven fuzz run of the whole API: no request may get a server error (5xx).

Schemathesis generates requests for every operation of ``/api/openapi.json`` (fixed seed, ``--examples``
per operation, 50 by default) and sends them to the real application on a database holding the access
tests' scene (two owners' projects, work items, certificates…), once as each of owner, agent, window,
examiner and anonymous. Only server errors fail the run (the contract test, tests/webapp/
test_openapi_contract.py, checks statuses and shapes). Run by ``.ci/test``; not collected by pytest.

    .venv/bin/python -m tests.fuzz_api [--examples 50] [--seed 20261207]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, seed, settings
from schemathesis.checks import FailureGroup, not_a_server_error

from engine import Runtime, make_engine, transaction, upgrade_schema
from tests.support.fixtures import FrozenClock
from tests.support.office import Office
from tests.webapp.scene import build
from tests.webapp.support import csrf_in
from webapp import create_app

ROLES = {"owner": "owner", "agent": "agent", "window": "window", "examiner": "exam_natural_resources",
         "anonymous": None}
SIGNS_OUT = ("DELETE", "/api/session")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=50)
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    os.environ.setdefault("APPROVAL_PASSWORD_COST", "fast")
    with tempfile.TemporaryDirectory() as tmp:
        url = os.environ.get("APPROVAL_TEST_DATABASE_URL") or f"sqlite:///{Path(tmp) / 'fuzz.sqlite3'}"
        app = _app(url)
        failures, started = [], time.monotonic()
        for role, username in ROLES.items():
            failures += _fuzz_as(app, role, username, args.examples, args.seed)
        app.extensions["approval"]["engine"].dispose()
    print(f"fuzz: {len(ROLES)} roles × {args.examples} examples per operation in {time.monotonic() - started:.0f} s, "
          f"{len(failures)} server error(s)")
    for line in failures[:50]:
        print("  " + line)
    return 1 if failures else 0


def _app(url: str):
    db = make_engine(url)
    if db.dialect.name == "postgresql":
        with db.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    upgrade_schema(db)
    runtime = Runtime(clock=FrozenClock(datetime(2026, 11, 2, 1, 30, tzinfo=UTC)), workflow_cache_size=0)

    @contextmanager
    def step(write: bool = True):
        with transaction(db, write=write) as session:
            yield session

    office = Office(step, runtime)
    office.seed()
    build(office)
    db.dispose()
    app = create_app({"DATABASE_URL": url, "TESTING": True, "LOGIN_MAX_FAILURES": 10**6})
    app.extensions["approval"]["runtime"] = runtime
    return app


def _fuzz_as(app, role: str, username: str | None, examples: int, fixed_seed: int) -> list[str]:
    headers = _signed_in(app, username)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if username is not None and (operation.method.upper(), operation.path) == SIGNS_OUT:
            continue  # would end the session the rest of the run uses (anonymous covers it)
        failures += [f"{role}: {line}" for line in _exercise(operation, headers, examples, fixed_seed)]
    print(f"  {role}: {len(failures)} server error(s)", flush=True)
    return failures


def _signed_in(app, username: str | None) -> dict[str, str]:
    client = app.test_client()
    token = csrf_in(client.get("/login").text)
    if username is not None:
        response = client.post("/login", data={"username": username, "password": "demo-2026", "csrf_token": token})
        assert response.status_code == 302, username
    with client.session_transaction() as cookie:
        token = cookie["csrf"]
    return {"Cookie": f"session={client.get_cookie('session').value}", "X-CSRF-Token": token}


def _exercise(operation, headers: dict[str, str], examples: int, fixed_seed: int) -> list[str]:
    failures: list[str] = []

    @seed(fixed_seed)
    @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case) -> None:
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=[not_a_server_error])
        except FailureGroup as exc:
            failures.append(f"{case.method} {case.formatted_path} → {response.status_code}: {exc}"[:400])

    run()
    return failures


if __name__ == "__main__":
    sys.exit(main())
