"""The SQL behind a page, with PostgreSQL's plans: where a request's database time goes (bench only).

Runs the real application in-process (Flask test client) on a database, signs a person in, GETs each path
twice (the first warms the caches) and, for the second, prints every statement with its execution time
from ``EXPLAIN (ANALYZE, BUFFERS)``, and the full plans of the slowest ones. Read-only paths only: EXPLAIN
ANALYZE executes the statement again.

    .venv/bin/python bench/query_plans.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench \\
        --user exam_natural_resources /api/work-items?page_size=20 /examiner/
    .venv/bin/python bench/query_plans.py --database-url … --user owner --owner-project /projects/{code}
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import DEMO_PASSWORD, make_engine
from webapp import create_app

CAPTURED: list[tuple[str, Any]] = []


def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
    if statement.lstrip().upper().startswith(("SELECT", "WITH")):
        CAPTURED.append((statement, parameters))


def plans(db: Engine, slowest: int) -> None:
    timed = []
    with db.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor:
            for statement, parameters in CAPTURED:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) " + statement, parameters)
                plan = "\n".join(r[0] for r in cursor.fetchall())
                found = re.search(r"Execution Time: ([\d.]+) ms", plan)
                timed.append((float(found.group(1)) if found else 0.0, statement, plan))
        conn.rollback()
    total = sum(t for t, _, _ in timed)
    print(f"  {len(timed)} SELECTs, {total:.1f} ms executing in PostgreSQL")
    for took, statement, _ in timed:
        print(f"    {took:8.2f} ms  {' '.join(statement.split())[:150]}")
    for took, statement, plan in sorted(timed, key=lambda t: -t[0])[:slowest]:
        print(f"\n  --- {took:.2f} ms:\n  {' '.join(statement.split())}\n{plan}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--user", default="exam_natural_resources")
    parser.add_argument("--slowest", type=int, default=3, help="full plans of this many statements per path")
    parser.add_argument("--owner-project", action="store_true",
                        help="replace {code} in paths with the user's first project")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    db = make_engine(args.database_url)
    app = create_app({"DATABASE_URL": args.database_url, "SECRET_KEY": "plans", "TESTING": True,
                      "PUBLIC_BASE_URL": "http://127.0.0.1"})
    client = app.test_client()
    reply = client.post("/api/session", json={"username": args.user, "password": DEMO_PASSWORD})
    assert reply.status_code == 200, reply.data
    token = reply.get_json()["csrf_token"]
    code = ""
    if args.owner_project:
        with db.connect() as conn:
            code = conn.execute(text("SELECT p.code FROM project p JOIN user_account u ON u.id = p.owner_id "
                                     "WHERE u.username = :u ORDER BY p.code LIMIT 1"), {"u": args.user}).scalar_one()
    event.listen(Engine, "before_cursor_execute", capture)
    for path in (p.replace("{code}", code) for p in args.paths):
        for _ in range(2):
            CAPTURED.clear()
            started = time.perf_counter()
            reply = client.get(path, headers={"X-CSRF-Token": token})
            took = (time.perf_counter() - started) * 1000
        print(f"GET {path}: {reply.status_code}, {len(reply.data):,} bytes, {took:.1f} ms in-process (2nd request)")
        captured = list(CAPTURED)
        event.remove(Engine, "before_cursor_execute", capture)
        CAPTURED[:] = captured
        plans(db, args.slowest)
        event.listen(Engine, "before_cursor_execute", capture)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
