"""CPU seconds the server side spent during a phase: gunicorn's workers and the database's backends (bench).

On a shared machine wall-clock latencies stretch with everyone else's load; the CPU a request costs does
not. ``cpu_ms_per_request`` (app workers + PostgreSQL backends of the database, from /proc) over a phase,
and what 2 idle cores would then serve (``2000 / cpu_ms``), are printed beside each wall-clock figure.
Linux only; on SQLite the database's CPU is inside the workers.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import text

from engine import make_engine

TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
    return found


class ServerCpu:
    """Snapshot the CPU of the server's processes; ``since`` gives the seconds the app's workers and the
    database's backends spent since the snapshot."""

    def __init__(self, server_pid: int, db_url: str) -> None:
        self.server_pid, self.db = server_pid, make_engine(db_url)
        self.start = self._now()

    def _now(self) -> dict[tuple[str, int], float]:
        pids = [("app", pid) for pid in _children(self.server_pid)]
        if self.db.dialect.name == "postgresql":
            with self.db.connect() as conn:
                pids += [("db", pid) for pid in conn.execute(text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()")).scalars()]
        return {key: _cpu(key[1]) for key in pids}

    def since(self) -> tuple[float, float]:
        """(app, database) CPU seconds since the snapshot."""
        spent = {"app": 0.0, "db": 0.0}
        for key, cpu in self._now().items():
            spent[key[0]] += cpu - self.start.get(key, 0.0)
        return spent["app"], spent["db"]
