"""Provincial-scale bench data: N writable projects cloned from a few driven templates (bench scripts only).

Five template projects are driven through the engine's own use cases to realistic states (stage 1, 2 or 3
under parallel review, the owner's application open, the window's acceptance open). Every row of every
table that belongs to a template (its project, instance, work items, **timers**, clock events,
applications, decisions, audit events…) is then copied per clone with:

* a new project code, new ids for id columns (explicit, then every PostgreSQL sequence is advanced past
  them, so the application's own inserts never collide), foreign keys to copied rows remapped;
* every workflow task id renamed consistently in the state blob, work items, timers, clock keys, audit
  rows and JSON details (a clone's task ids keep the template's first 24 hex digits and end in the clone
  number, so ``str.join`` over pre-split templates replaces a regex over 72 KB per clone);
* times shifted into the past (0–60 days) and each audit chain re-hashed so it verifies.

So each clone is an independent instance the application, the sweeper and the audit verification treat
like any other. Certificates are not copied (their PDF prints the template's number); a clone past
stage 1 shows its earlier stages issued but lists no certificate.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from time import perf_counter
from typing import Any

from sqlalchemy import JSON, Engine, Table, insert, select, text
from sqlalchemy.dialects import postgresql

from engine import Runtime, transaction, upgrade_schema
from engine.audit.trail import GENESIS, event_hash
from engine.db import Base
from engine.demo import drive_one_action, register_demo_project, seed_demo_people
from engine.organisation.models import UserAccount
from engine.supervision.rebuild import rebuild
from engine.time_limits.states import rebuild_states

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# (share of projects, actions driven after the start): stage 1/2/3 under review, applying, at the window.
TEMPLATES = [(0.30, 2), (0.25, 10), (0.20, 19), (0.15, 0), (0.10, 1)]
OWNERS = 200
CHUNK = 500
_PG = postgresql.dialect()
SKIPPED = {"certificate", "certificate_counter", "material_blob"}


def template_code(n: int) -> str:
    return f"2026-420104-70-03-{n:06d}"


def clone_code(n: int) -> str:
    return f"2026-420105-70-03-{n:06d}"


def build(db: Engine, projects: int, runtime: Runtime, log: Callable[[str], None] = print) -> None:
    """An empty schema, the demo people, 200 owners, five driven templates, then ``projects`` − 5 clones."""
    if db.dialect.name == "postgresql":
        with db.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    upgrade_schema(db)
    started, owners = perf_counter(), _owners(db, runtime)
    templates = [_template(db, runtime, n, actions) for n, (_, actions) in enumerate(TEMPLATES)]
    log(f"  {len(templates)} templates driven in {perf_counter() - started:.0f} s")
    rng, made = random.Random(7), 0
    weights = [w for w, _ in TEMPLATES]
    ids = _next_ids(db)
    with _without_secondary_indexes(db, log):
        while made < projects - len(templates):
            batch = min(CHUNK, projects - len(templates) - made)
            rows: dict[str, tuple[Copier, list[list[Any]]]] = {}
            for n in range(made, made + batch):
                template = rng.choices(templates, weights=weights)[0]
                for copier, out in template.copy(n, owners[n % len(owners)], rng, ids):
                    rows.setdefault(copier.table, (copier, []))[1].extend(out)
            _write(db, rows)
            made += batch
            if made % 10_000 < CHUNK:
                log(f"  {made + len(templates)} projects ({perf_counter() - started:.0f} s)")
    _check_foreign_keys(db)
    _advance_sequences(db)
    log(f"  foreign keys checked, sequences advanced, VACUUM ANALYZE (PostgreSQL) ({perf_counter() - started:.0f} s)")
    with transaction(db) as session:  # the clones' clock events were copied, not written through the ledger
        rebuild(session)
    log(f"  supervision aggregates rebuilt from the clock events ({perf_counter() - started:.0f} s)")
    with transaction(db) as session:  # likewise each clock's kept state (O(1) readings), as a migration would
        clocks = rebuild_states(session)
    log(f"  {clocks} clock states rebuilt from the clock events ({perf_counter() - started:.0f} s)")


def _write(db: Engine, rows: dict[str, tuple[Copier, list[list[Any]]]]) -> None:
    """One transaction per chunk: COPY on PostgreSQL (5× cheaper than INSERTs), executemany on SQLite."""
    if db.dialect.name != "postgresql":
        with transaction(db) as s:
            for table in Base.metadata.sorted_tables:
                if table.name in rows:
                    copier, out = rows[table.name]
                    s.execute(insert(table), [copier.as_dict(row) for row in out])
        return
    with db.begin() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
            # Foreign-key triggers off for the COPY (each row's check is a query): the rows are consistent
            # by construction, and ``_check_foreign_keys`` proves it once, set-wise, at the end.
            cursor.execute("SET LOCAL session_replication_role = replica")
            if _has_lz4(cursor):  # the clones' state blobs: lz4 compresses them ~5x faster than pglz
                cursor.execute("SET LOCAL default_toast_compression = lz4")
            for table in Base.metadata.sorted_tables:
                if table.name in rows:
                    copier, out = rows[table.name]
                    with cursor.copy(f"COPY {table.name} ({', '.join(copier.keys)}) FROM STDIN") as copy:
                        for row in out:
                            copy.write_row(row)


def _has_lz4(cursor: Any) -> bool:
    cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
    found = cursor.fetchone()
    return bool(found and found[0])


@contextmanager
def _without_secondary_indexes(db: Engine, log: Callable[[str], None]) -> Iterator[None]:
    """PostgreSQL: the indexes no constraint needs are dropped for the bulk copy and created again after it
    (one sort per index instead of a b-tree insertion per row); primary keys and unique constraints stay."""
    if db.dialect.name != "postgresql":
        yield
        return
    with db.begin() as conn:
        indexes = conn.execute(text(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname "
            "AND c.relnamespace = 'public'::regnamespace WHERE i.schemaname = 'public' "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)")).all()
        for name, _ in indexes:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        started = perf_counter()
        with db.begin() as conn:
            conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '256MB'")
            for _, definition in indexes:
                conn.exec_driver_sql(definition)
        log(f"  {len(indexes)} indexes created again in {perf_counter() - started:.0f} s")


def _check_foreign_keys(db: Engine) -> None:
    """Every foreign key of every row holds (the bulk copy ran without the per-row checks): fails loudly."""
    with db.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for fk in table.foreign_key_constraints:
                pairs = [(c.name, e.column.name) for c, e in zip(fk.columns, fk.elements, strict=True)]
                present = " AND ".join(f"c.{mine} IS NOT NULL" for mine, _ in pairs)
                joined = " AND ".join(f"p.{theirs} = c.{mine}" for mine, theirs in pairs)
                broken = conn.execute(text(
                    f"SELECT count(*) FROM {table.name} c WHERE {present} AND NOT EXISTS "
                    f"(SELECT 1 FROM {fk.referred_table.name} p WHERE {joined})")).scalar_one()
                if broken:
                    raise RuntimeError(f"{broken} rows of {table.name} break {fk.name or pairs}")


def _owners(db: Engine, runtime: Runtime) -> list[int]:
    with transaction(db) as s:
        seed_demo_people(s, runtime)
        s.execute(insert(UserAccount), [
            {"username": f"bench_owner_{n}", "display_name": f"置业公司{n}", "role": "owner",
             "organisation": f"置业公司{n}", "created_at": runtime.now()} for n in range(OWNERS - 1)])
        owner = s.scalar(select(UserAccount.id).where(UserAccount.username == "owner"))
        others = s.scalars(select(UserAccount.id).where(UserAccount.username.like("bench_owner_%")))
        return [owner, *others]


def _next_ids(db: Engine) -> dict[str, int]:
    with db.connect() as conn:
        return {t.name: (conn.execute(text(f"SELECT max(id) FROM {t.name}")).scalar() or 0) + 1_000
                for t in Base.metadata.sorted_tables if "id" in t.c and t.c.id.autoincrement}


def _advance_sequences(db: Engine) -> None:
    if db.dialect.name != "postgresql":
        return  # SQLite's rowid allocation follows max(id)
    with db.begin() as conn:
        for table in Base.metadata.sorted_tables:
            if "id" in table.c and table.c.id.autoincrement:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                  f"(SELECT coalesce(max(id), 1) FROM {table.name}))"))
    # What autovacuum does in production: statistics, and the visibility map that lets the inbox count
    # be an index-only scan (without it the planner seq-scans work_item: 18 ms instead of 0.7 ms at 50k).
    with db.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE")


# --- one template, copied ------------------------------------------------------------------------------

ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{6})?(?:[+-]\d{2}:\d{2})?")


class Pieces:
    """A text with the template's task ids, project code and instants (ISO date-times: a timer's due time in
    the state blob, times in JSON details) cut out, joined back with a clone's.

    Cut once: between the instants, the text between code occurrences, each split where a task id's last
    12 hex digits go — so a clone's text is ``code.join(suffix.join(...))``, C-level joins, no regex."""

    def __init__(self, value: str, code: str) -> None:
        parts = re.split(f"({ISO_TIME.pattern})", value)
        self.texts = [[UUID.sub(lambda m: m.group(0)[:24] + "\0", segment).split("\0")
                       for segment in part.split(code)] for part in parts[0::2]]
        self.times = [datetime.fromisoformat(t) for t in parts[1::2]]

        self.simple = self.texts[0][0] if not self.times and len(self.texts[0]) == 1 else None  # task ids only

    def join(self, code: str, suffix: str, shift: timedelta) -> str:
        if self.simple is not None:
            return suffix.join(self.simple)
        texts = [code.join([suffix.join(chunks) for chunks in segments]) for segments in self.texts]
        if not self.times:
            return texts[0]
        out = [texts[0]]
        for instant, following in zip(self.times, texts[1:], strict=True):
            out += [(instant - shift).isoformat(), following]
        return "".join(out)


TEXT, JSON_TEXT, TIME, SERIAL, FOREIGN = range(5)


def _mentions(value: str, code: str) -> bool:
    return code in value or bool(UUID.search(value) or ISO_TIME.search(value))


@dataclass
class Copier:
    """How to copy one table's template rows, worked out once: each row a list of its column values in
    ``keys`` order (JSON already dumped to text), and the few positions a clone changes, with how."""

    table: str
    keys: list[str]
    static: list[list[Any]]
    changes: list[list[tuple[int, int, Any]]]  # per row: (position, kind, argument)
    as_json: set[str]

    def as_dict(self, row: list[Any]) -> dict[str, Any]:
        """The row as ``insert()`` takes it (SQLite): JSON columns parsed back."""
        values = dict(zip(self.keys, row, strict=True))
        for key in self.as_json:
            if values[key] is not None:
                values[key] = json.loads(values[key])
        return values

    @classmethod
    def of(cls, table: Table, rows: list[dict[str, Any]], code: str) -> Copier:
        keys = list(rows[0])
        serial = "id" in table.c and bool(table.c.id.autoincrement)
        foreign = {c.key: fk.column.table.name for c in table.c for fk in c.foreign_keys}
        as_json = {k for k in keys if isinstance(table.c[k].type.dialect_impl(_PG), JSON)}
        static, changes = [], []
        for row in rows:
            values, changed = [], []
            for i, key in enumerate(keys):
                value = row[key]
                if key in as_json and value is not None:
                    value = json.dumps(value, ensure_ascii=False)
                if serial and key == "id":
                    changed.append((i, SERIAL, value))
                elif isinstance(value, str) and _mentions(value, code):  # project_code too
                    changed.append((i, JSON_TEXT if key in as_json else TEXT, Pieces(value, code)))
                elif key in foreign and value is not None:
                    changed.append((i, FOREIGN, (foreign[key], value)))
                elif isinstance(value, datetime):
                    changed.append((i, TIME, value))
                values.append(value)
            static.append(values)
            changes.append(changed)
        return cls(table.name, keys, static, changes, as_json)

    def copy(self, code: str, suffix: str, shift: timedelta, mapped: dict[tuple[str, int], int],
             ids: dict[str, int]) -> list[list[Any]]:
        out = []
        for values, changed in zip(self.static, self.changes, strict=True):
            new = list(values)
            for i, kind, arg in changed:
                if kind is TIME:
                    new[i] = arg - shift
                elif kind is TEXT or kind is JSON_TEXT:
                    new[i] = arg.join(code, suffix, shift)
                elif kind is SERIAL:
                    mapped[(self.table, arg)] = new[i] = ids[self.table]
                    ids[self.table] += 1
                else:
                    new[i] = mapped.get(arg, arg[1])
            out.append(new)
        return out


@dataclass
class Template:
    code: str
    rows: dict[str, list[dict[str, Any]]]

    def __post_init__(self) -> None:
        # clock states are summaries of the clock events (keyed by them): rebuilt after cloning, not copied
        self.copiers = [Copier.of(t, self.rows[t.name], self.code) for t in Base.metadata.sorted_tables
                        if self.rows.get(t.name) and t.name != "clock_state"]

    def copy(self, n: int, owner_id: int, rng: random.Random,
             ids: dict[str, int]) -> Iterator[tuple[Copier, list[list[Any]]]]:
        code, suffix = clone_code(n), f"{n:012x}"
        shift = timedelta(minutes=rng.randrange(0, 60 * 24 * 60))
        mapped: dict[tuple[str, int], int] = {}
        for copier in self.copiers:
            out = copier.copy(code, suffix, shift, mapped, ids)
            if copier.table == "project":
                owner = copier.keys.index("owner_id")
                for row in out:
                    row[owner] = owner_id
            elif copier.table == "clock_event":
                _clock_keys(copier.keys, out)
            elif copier.table == "audit_event":
                _rechained(copier.keys, out, code)
            yield copier, out


def _clock_keys(keys: list[str], rows: list[list[Any]]) -> None:
    """A stage clock is keyed on its instance id: the clone's."""
    key, instance = keys.index("clock_key"), keys.index("instance_id")
    for row in rows:
        if row[key].startswith("stage:"):
            row[key] = f"stage:{row[instance]}:{row[key].split(':', 2)[2]}"


def _rechained(keys: list[str], rows: list[list[Any]], code: str) -> None:
    """Each chain of the clone (its project's, its instances') re-hashed so it verifies."""
    at = {k: i for i, k in enumerate(keys)}
    events = []
    for row in rows:
        row[at["chain"]] = (f"instance:{row[at['instance_id']]}" if row[at["instance_id"]] is not None
                            else f"project:{code}")
        events.append((row[at["chain"]], row[at["seq"]], row))
    last: dict[str, str] = {}
    for chain, _, row in sorted(events, key=lambda e: (e[0], e[1])):
        values = dict(zip(keys, row, strict=True))
        if isinstance(values["details"], str):
            values["details"] = json.loads(values["details"])
        row[at["prev_hash"]] = values["prev_hash"] = last.get(chain, GENESIS)
        row[at["hash"]] = last[chain] = event_hash(_Event(values))  # type: ignore[arg-type]


class _Event:
    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)


def _template(db: Engine, runtime: Runtime, n: int, actions: int) -> Template:
    code = template_code(n)
    with transaction(db) as s:
        register_demo_project(s, runtime, code)
    for _ in range(actions):
        with transaction(db) as s:
            drive_one_action(s, runtime, code)
    rows: dict[str, list[dict]] = {}
    with db.connect() as conn:
        instances = [r.id for r in conn.execute(text("SELECT id FROM process_instance WHERE project_code = :c"),
                                                {"c": code})]
        for table in Base.metadata.sorted_tables:
            owned = table.name == "project" or {"project_code", "instance_id"} & set(table.c.keys())
            if table.name in SKIPPED or not owned:
                continue
            where = (table.c.code == code if table.name == "project" else
                     table.c.project_code == code if "project_code" in table.c else
                     table.c.instance_id.in_(instances))
            rows[table.name] = [dict(r._mapping)
                                for r in conn.execute(select(table).where(where))]
    return Template(code, rows)
