"""Scenes built once per run (per xdist worker) and restored for every later test that asks for them.

A scene is the state a fixture builds through the engine's own use cases (projects driven for days, decisions,
supplements). Building some of them costs seconds; the tests that read them each need the same rows. So the
first test of a worker builds the scene as before; the rows of every table, the PostgreSQL sequences and the
frozen clock are then kept in memory, and each later test starts from an empty database into which those rows
are copied back (a few bulk INSERTs; a scene built on another one empties the database first): the same
database, row for row and id for id, as if it had built the scene itself. What the builder returns is kept
pickled and unpickled for each test, so no test sees another's changes to it. A scene is keyed by the module
that builds it, its name and the clock it started at (``several_nows`` builds one per now).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, Table, insert, select, text

from engine.db import Base

_SEQUENCES = ("SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences "
              "WHERE schemaname = current_schema()")


@dataclass(frozen=True)
class Snapshot:
    """Every row of every table (parents first), the sequences' positions, the clock after building and what
    the builder returned (pickled)."""

    rows: list[tuple[Table, list[dict[str, Any]]]]
    sequences: dict[str, int | None]
    clock: datetime
    result: bytes
    base: dict[str, int]  # rows per table when the build started: a later use must find the same


def counts(engine: Engine) -> dict[str, int]:
    """Rows per table (those that have any), in one query."""
    query = " UNION ALL ".join(f"SELECT '{t.name}', COUNT(*) FROM {t.name}" for t in Base.metadata.sorted_tables)
    with engine.connect() as conn:
        return {name: n for name, n in conn.execute(text(query)) if n}


def take(engine: Engine, clock: datetime, result: object, base: dict[str, int]) -> Snapshot:
    with engine.connect() as conn:
        rows = [(table, [dict(r) for r in conn.execute(select(table).order_by(*table.primary_key)).mappings()])
                for table in Base.metadata.sorted_tables]
        sequences = (dict(conn.execute(text(_SEQUENCES)).all())
                     if engine.dialect.name == "postgresql" else {})
    return Snapshot([(t, r) for t, r in rows if r], sequences, clock, pickle.dumps(result), base)


def restore(engine: Engine, snapshot: Snapshot) -> object:
    """Copy the snapshot's rows into the (empty) database; returns a fresh copy of the builder's result."""
    with engine.begin() as conn:
        for table, rows in snapshot.rows:
            conn.execute(insert(table), rows)
        _set_sequences(conn, snapshot.sequences)
    return pickle.loads(snapshot.result)


def _set_sequences(conn: Connection, sequences: dict[str, int | None]) -> None:
    for name, last in sequences.items():
        if last is None:
            conn.execute(text("SELECT setval(CAST(:name AS regclass), 1, false)"), {"name": name})
        else:
            conn.execute(text("SELECT setval(CAST(:name AS regclass), :last, true)"), {"name": name, "last": last})


class Scenes:
    """``scenes.use(name, build)``: build's scene, built in this worker's first test that asks and restored in
    the others. ``build`` takes no argument, builds through the test's own fixtures and returns plain data."""

    def __init__(self, empty: Callable[[Engine], None]) -> None:
        self.kept: dict[tuple[str, str, datetime], Snapshot] = {}
        self.empty = empty  # a scene may build on another one (the seeded office): its copy replaces that

    def use(self, engine: Engine, clock: Any, name: str, build: Callable[[], object]) -> Any:
        key = (getattr(build, "__module__", ""), name, clock.value)  # one name in two test files: two scenes
        if (snapshot := self.kept.get(key)) is not None:
            # A fixture that wrote before this scene was asked for would be wiped by the copy: fail, don't hide it.
            found = counts(engine)
            assert found == snapshot.base, (f"scene {name!r}: the database holds {found}, but the scene was built "
                                            f"on {snapshot.base}; ask for the scene before fixtures that write")
            self.empty(engine)
            result = restore(engine, snapshot)
            clock.value = snapshot.clock
            return result
        base = counts(engine)
        result = build()
        self.kept[key] = take(engine, clock.value, result, base)
        return result
