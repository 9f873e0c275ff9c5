"""Database plumbing: the declarative base, engine factory and transaction helpers.

Nothing here runs at import. ``make_engine(url)`` is called by the application factory, the CLI and
test fixtures. Sessions are opened by the caller, who owns the transaction; engine use cases only
receive a session.

SQLite needs care to lock like PostgreSQL's ``SELECT … FOR UPDATE``: a write transaction must start
with ``BEGIN IMMEDIATE`` so two writers queue on the database lock instead of both reading and one
failing at commit. pysqlite's own transaction handling cannot do that, so we switch it off and emit
``BEGIN`` ourselves, choosing the mode from the connection's ``sqlite_begin`` execution option.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event, text
from sqlalchemy.orm import DeclarativeBase, Session

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every mapped class; constraint names are stable across SQLite and PostgreSQL."""

    metadata = MetaData(naming_convention=NAMING)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine; SQLite gets WAL, foreign keys, a busy timeout and explicit BEGINs."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {}).setdefault("timeout", 60)
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=60000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def writer(engine: Engine) -> Engine:
    """The engine to bind a session that will write: on SQLite its transactions BEGIN IMMEDIATE."""
    return engine.execution_options(sqlite_begin="IMMEDIATE")


@contextmanager
def transaction(engine: Engine, *, write: bool = True) -> Iterator[Session]:
    """One unit of work for a CLI command, a test step or a script: commit on success, else roll back;
    after the commit, the work it left for later (``after_commit``) runs, each job in its own transaction."""
    with Session(writer(engine) if write else engine, expire_on_commit=False) as session:
        with session.begin():
            yield session
        run_after_commit(engine, session)


def keep_loaded(session: Session) -> None:
    """Hold every object ``session`` loads or writes until the session is closed.

    The identity map references objects weakly: a row looked up by ``session.get`` and then let go (an
    account, a project) is read again by the next ``get``. A session that does the same work for many
    instances (the sweeper's batch) keeps them, so each row is read once per batch. Bulk UPDATE/DELETE
    statements still synchronise the kept objects (SQLAlchemy's default), so none goes stale."""
    kept: list[object] = session.info.setdefault(_KEPT, [])

    def keep(_session: Session, instance: object) -> None:
        kept.append(instance)

    event.listen(session, "loaded_as_persistent", keep)
    event.listen(session, "pending_to_persistent", keep)


def transaction_memo(session: Session, key: str, *, per_savepoint: bool = True) -> dict[Any, Any]:
    """A dict kept in ``session.info[key]`` for as long as the session's current transaction lasts (with
    ``per_savepoint``, the current savepoint: a rolled-back savepoint takes what it remembered with it);
    outside a transaction a new, empty one each time, since nothing read there is locked or may be trusted."""
    current = (session.get_nested_transaction() if per_savepoint else None) or session.get_transaction()
    if current is None:
        return {}
    held = session.info.get(key)
    if held is None or held[0] is not current:
        held = session.info[key] = (current, {})
    memo: dict[Any, Any] = held[1]
    return memo


_KEPT = "approval.kept_objects"
AfterCommit = Callable[[Engine], object]
_AFTER_COMMIT = "after_commit"
_log = logging.getLogger(__name__)


def after_commit(session: Session, job: AfterCommit) -> None:
    """Work an action leaves for after its commit (rendering a certificate's PDF): it must not hold the
    action's locks or time. Whoever commits the session runs it (``run_after_commit``); a rolled-back
    session's jobs are dropped with it. A job must be safe to run late or twice (its result can be
    recomputed from what was committed) — a crash between commit and job loses only time."""
    session.info.setdefault(_AFTER_COMMIT, []).append(job)


def take_after_commit(session: Session) -> list[AfterCommit]:
    """The session's jobs, handed over once (call after a successful commit)."""
    return session.info.pop(_AFTER_COMMIT, [])


def run_after_commit(engine: Engine, session: Session) -> None:
    """Run the jobs left on ``session`` (committed); a failing job is logged, never raised: the action
    it follows is already committed and its result is recomputed on demand."""
    for job in take_after_commit(session):
        try:
            job(engine)
        except Exception:  # the committed action must not be reported as failed
            _log.exception("after-commit job failed (it is redone on demand)")



SET_UP_LOCK = 727_372_002


def serialise_set_up(session: Session) -> None:
    """Let one process at a time seed shared data (departments, catalogue, the demo): on PostgreSQL a
    transaction-scoped advisory lock; on SQLite a write transaction already holds the database lock."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SET_UP_LOCK})
