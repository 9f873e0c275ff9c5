"""Timer sweeping: 10,000 due deadline timers fired by the ``approval timers run --once`` logic
(``engine.sweeper.sweep``), by one sweeper and by two concurrent sweeper processes.

Each run starts from an empty schema: one real project accepted into stage 1 (four reviews, each with a
时限预警 and a 时限逾期 timer), cloned to reach the number of timers; then the clock is set past every
deadline and the sweepers run. Prints timers/s and checks that every timer fired exactly once (one
``clock_warning``/``clock_overdue`` audit event per timer, none left in the table). Also prints the CPU time
per timer — the sweepers' own and, on a PostgreSQL server on this machine, their server backends' (read
from /proc) — which a shared, busy machine does not distort as much as timers/s. Figures, not a test.

    .venv/bin/python bench/timer_bench.py [--timers 10000] [--database-url postgresql+psycopg://…/db]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from time import perf_counter, process_time

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, func, select

from bench.fixtures import accepted_template, clone
from engine import Runtime, make_engine, transaction
from engine.audit.models import AuditEvent
from engine.schema import upgrade
from engine.sweeper import sweep
from engine.timers.models import Timer

CHINA = timezone(timedelta(hours=8))
ACCEPTED = datetime(2026, 11, 2, 9, 30, tzinfo=CHINA)
LATER = datetime(2026, 12, 31, 10, 0, tzinfo=CHINA)  # past every stage-1 deadline


def fresh(url: str) -> None:
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    upgrade(engine)
    engine.dispose()


def prepare(url: str, timers: int) -> int:
    fresh(url)
    engine = make_engine(url)
    accepted_template(engine, Runtime(clock=lambda: ACCEPTED))
    with transaction(engine, write=False) as s:
        per_instance = s.scalar(select(func.count()).select_from(Timer))
    clone(engine, -(-timers // per_instance) - 1)
    with transaction(engine, write=False) as s:
        total = s.scalar(select(func.count()).select_from(Timer))
    engine.dispose()
    return total


def sweeper(url: str) -> tuple[int, float, float | None]:
    """(timers fired, this process's CPU seconds, its PostgreSQL backends' CPU seconds or None)."""
    engine = make_engine(url)
    backends: list[int] = []
    if engine.dialect.name == "postgresql":
        @event.listens_for(engine, "connect")
        def _backend(dbapi_connection, _record) -> None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                backends.append(cursor.fetchone()[0])
    started = process_time()
    try:
        fired = sweep(engine, Runtime(clock=lambda: LATER))
        return fired, process_time() - started, _cpu_seconds(backends)
    finally:
        engine.dispose()


def _cpu_seconds(pids: list[int]) -> float | None:
    """utime + stime of these processes (None when one is not on this machine or is gone)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK") if pids else None


def run(url: str, timers: int, sweepers: int) -> None:
    started = perf_counter()
    total = prepare(url, timers)
    prepared = perf_counter() - started
    started = perf_counter()
    if sweepers == 1:
        results = [sweeper(url)]
    else:
        with multiprocessing.get_context("spawn").Pool(sweepers) as pool:
            results = pool.map(sweeper, [url] * sweepers)
    seconds = perf_counter() - started
    fired = [n for n, _, _ in results]
    print(f"  {sweepers} sweeper(s): {total} timers (setup {prepared:.1f} s) fired in {seconds:.1f} s = "
          f"{sum(fired) / seconds:.0f} timers/s; per sweeper {fired}; {verify(url, total, sum(fired))}; "
          f"{_cpu_per_timer(results)}", flush=True)


def _cpu_per_timer(results: list[tuple[int, float, float | None]]) -> str:
    fired = sum(n for n, _, _ in results) or 1
    app = 1000 * sum(cpu for _, cpu, _ in results) / fired
    server = [pg for _, _, pg in results]
    if any(pg is None for pg in server):
        return f"CPU per timer: sweepers {app:.2f} ms"
    pg = 1000 * sum(pg for pg in server if pg is not None) / fired
    return f"CPU per timer: sweepers {app:.2f} ms + PostgreSQL {pg:.2f} ms = {app + pg:.2f} ms"


def verify(url: str, total: int, fired: int) -> str:
    engine = make_engine(url)
    with transaction(engine, write=False) as s:
        left = s.scalar(select(func.count()).select_from(Timer))
        events = Counter(e.details["timer_task_id"] for e in s.scalars(
            select(AuditEvent).where(AuditEvent.action.in_(("clock_warning", "clock_overdue")))))
    engine.dispose()
    twice = sum(1 for n in events.values() if n > 1)
    ok = left == 0 and len(events) == total == fired and twice == 0
    return f"{'OK' if ok else 'FAILED'}: each fired once ({len(events)} audited, {twice} twice, {left} left)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timers", type=int, default=10_000)
    parser.add_argument("--database-url", help="PostgreSQL URL (its public schema is dropped!); default SQLite")
    parser.add_argument("--sweepers", default="1,2")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/timers.sqlite3"
        print(f"{make_engine(url).dialect.name}: sweeping {args.timers} due timers", flush=True)
        for sweepers in (int(n) for n in args.sweepers.split(",")):
            run(url, args.timers, sweepers)
            if url.startswith("sqlite"):
                Path(url.removeprefix("sqlite:///")).unlink()


if __name__ == "__main__":
    main()
