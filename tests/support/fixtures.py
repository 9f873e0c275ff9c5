"""Fixtures: a real database (SQLite by default, PostgreSQL when APPROVAL_TEST_DATABASE_URL says so),
emptied between tests; a frozen clock; a runtime that always reloads state from the database."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, Engine, create_engine, make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

import bpmn
from engine import Runtime, make_engine, transaction
from engine.db import Base
from engine.schema import upgrade

from .scenes import Scenes

PG_URL_ENV = "APPROVAL_TEST_DATABASE_URL"


class FrozenClock:
    """A settable clock: tests decide what "now" is."""

    def __init__(self, now: datetime):
        self.value = now

    def __call__(self) -> datetime:
        return self.value

    def advance(self, **delta: float) -> None:
        self.value += timedelta(**delta)


def test_database_url(tmp_dir: Path) -> str:
    return os.environ.get(PG_URL_ENV) or f"sqlite:///{tmp_dir / 'test.sqlite3'}"


def worker_database_url(url: str, worker: str) -> str:
    """The PostgreSQL database of one pytest-xdist worker: ``<db>_<worker>`` beside the one given."""
    given = make_url(url)
    return given.set(database=f"{given.database}_{worker}").render_as_string(hide_password=False)


@contextmanager
def _maintenance(url: str) -> Iterator[Connection]:
    """A connection to the given database outside any transaction (CREATE/DROP DATABASE need that)."""
    server = create_engine(url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with server.connect() as conn:
            yield conn
    finally:
        server.dispose()


@pytest.fixture(scope="session")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """SQLite: a file in the run's (with xdist: the worker's) temporary folder. PostgreSQL: the database
    named by APPROVAL_TEST_DATABASE_URL, or under pytest-xdist one database per worker created beside it
    (only that one database needs to exist, e.g. CI's ``test``) and dropped at the end."""
    url, worker = os.environ.get(PG_URL_ENV), os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        yield test_database_url(tmp_path_factory.mktemp("db"))
        return
    own = worker_database_url(url, worker)
    name = make_url(own).database
    with _maintenance(url) as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        # A commit need not wait for its WAL flush (only a server crash could lose the last commits; atomicity,
        # visibility and locking are unchanged): most tests commit dozens of times, ~7 ms each otherwise.
        conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    yield own
    with _maintenance(url) as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def db_engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    upgrade(engine)  # the Alembic migrations, exactly as production runs them
    yield engine
    engine.dispose()


@pytest.fixture
def db(db_engine: Engine) -> Iterator[Engine]:
    """The database, empty at the start of the test."""
    _empty(db_engine)
    yield db_engine


# Sequences a test advanced go back to 1, as TRUNCATE ... RESTART IDENTITY did (untouched ones have no value).
# Also when no row is left: a rolled-back insert advances its sequence too.
_RESET_SEQUENCES = (
    "SELECT setval((quote_ident(schemaname) || '.' || quote_ident(sequencename))::regclass, 1, false)"
    " FROM pg_sequences WHERE schemaname = current_schema() AND last_value IS NOT NULL")


def _empty(engine: Engine) -> None:
    """Delete every row, children before parents, of the tables that have any. On PostgreSQL, DELETE plus a
    sequence reset is ~50 times cheaper than TRUNCATE of every table (which creates new files for each table
    and index) for the few rows a test writes, and the statements go to the server in one batch; ids restart
    at 1 either way."""
    # Read the tables now, not at import: feature packages register their models when they are imported.
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]  # children before parents
    # Which tables hold a row: one query instead of a DELETE per table (most tests write to a few).
    filled_query = " UNION ALL ".join(f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM {name})" for name in tables)
    with engine.begin() as conn:
        filled = set(conn.exec_driver_sql(filled_query).scalars())
        deletes = [f"DELETE FROM {name}" for name in tables if name in filled]
        if engine.dialect.name == "postgresql":
            # Every filled table is emptied, so no reference can dangle: the per-row foreign-key triggers of the
            # DELETEs (most of their cost: 3-5 times the rest) are skipped where the role may (a superuser, as CI's).
            skip_checks = ["SET LOCAL session_replication_role = replica"] if _superuser(conn) else []
            conn.exec_driver_sql(";".join([*skip_checks, *deletes, _RESET_SEQUENCES]))
        else:
            for statement in deletes:
                conn.exec_driver_sql(statement)


_SUPERUSER: dict[str, bool] = {}


def _superuser(conn: Connection) -> bool:
    url = str(conn.engine.url)
    if url not in _SUPERUSER:
        _SUPERUSER[url] = bool(conn.exec_driver_sql(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar())
    return _SUPERUSER[url]


#: The "nows" a test marked ``several_nows`` runs at (09:30 in Beijing): today's fixture, December with deadlines
#: running into a year whose holiday schedule is not published (2027), and a day inside such a provisional year.
NOWS = {
    "2026-11-02": datetime(2026, 11, 2, 1, 30, tzinfo=UTC),  # Monday, the default
    "2026-12-20": datetime(2026, 12, 20, 1, 30, tzinfo=UTC),  # Sunday: 15-working-day limits end in 2027
    "2027-03-01": datetime(2027, 3, 1, 1, 30, tzinfo=UTC),  # Monday in a provisional year
}
DEFAULT_NOW = NOWS["2026-11-02"]


def parametrise_nows(metafunc: pytest.Metafunc) -> None:
    """Run a test marked ``several_nows`` (or a feature tagged ``@several_nows``) once per entry of ``NOWS``: the
    ``clock`` fixture starts at that moment. Tests that set the clock themselves are unaffected by the marker."""
    if not metafunc.definition.get_closest_marker("several_nows"):
        return
    if "clock" not in metafunc.fixturenames:
        # a pytest-bdd scenario asks for its steps' fixtures only when it runs: the clock is still the test's
        metafunc.fixturenames.append("clock")
    metafunc.parametrize("clock", list(NOWS.values()), ids=[f"now={name}" for name in NOWS], indirect=True)


@pytest.fixture
def clock(request: pytest.FixtureRequest) -> FrozenClock:
    return FrozenClock(getattr(request, "param", DEFAULT_NOW))


class SharedModels:
    """Parsed process libraries kept for the whole run, as one long-lived worker keeps them (parsing and
    validating a category's generated models is the costliest part of starting an approval).

    Model scripts call ``item_due``; a library is parsed with the functions it sees, so the shared one gets
    this forwarder, which asks the runtime of the test that is running: every test keeps its own clock."""

    def __init__(self) -> None:
        self.libraries: dict[str, bpmn.ProcessLibrary] = {}
        self.current: Runtime | None = None

    def item_due(self, item: str, which: str, days: int) -> str:
        assert self.current is not None, "item_due called outside a test's runtime"
        return self.current.item_due(item, which, days)


@pytest.fixture(scope="session")
def shared_models() -> SharedModels:
    return SharedModels()


@pytest.fixture
def runtime(clock: FrozenClock, shared_models: SharedModels) -> Iterator[Runtime]:
    """No workflow cache: every step deserialises the state it finds in the database."""
    runtime = Runtime(clock=clock, workflow_cache_size=0, functions={"item_due": shared_models.item_due},
                      libraries=shared_models.libraries)
    shared_models.current = runtime
    yield runtime
    shared_models.current = None


@pytest.fixture(scope="session")
def _scenes() -> Scenes:
    return Scenes(_empty)


@pytest.fixture
def scene(db: Engine, clock: FrozenClock, _scenes: Scenes) -> Callable[[str, Callable[[], object]], Any]:
    """``scene(name, build)``: the state ``build()`` makes, built by this worker's first test that asks and
    copied back row for row for the others (tests/support/scenes.py); returns what ``build`` returned."""
    return lambda name, build: _scenes.use(db, clock, name, build)


@pytest.fixture
def step(db: Engine) -> object:
    """``with step() as session:`` — one committed transaction, like one request."""

    @contextmanager
    def _step(write: bool = True) -> Iterator[Session]:
        with transaction(db, write=write) as session:
            yield session

    return _step


@pytest.fixture
def office(step, runtime, scene):
    """The approval office with its people seeded (see tests/support/office.py); seeded once per worker and
    clock, copied for the other tests (``scene``)."""
    from tests.support.office import Office

    office = Office(step, runtime)
    scene("office", office.seed)
    return office


@pytest.fixture(scope="session")
def _built_app(db_url: str) -> Iterator[tuple[object, dict]]:
    """The web application, built once per run (per xdist worker): building it (routes, the OpenAPI
    document) costs more than most tests. Yields the app and its configuration as built."""
    from webapp import create_app

    # Tests move the business clock across days; sessions time out on that clock, so the suite's sessions
    # last (the timeout tests set their own limits).
    app = create_app({"DATABASE_URL": db_url, "TESTING": True, "SESSION_IDLE_MINUTES": 60 * 24 * 3650,
                      "SESSION_MAX_HOURS": 24 * 3650})
    yield app, dict(app.config)
    app.extensions["approval"]["engine"].dispose()


@pytest.fixture
def app(db, _built_app, runtime):
    """The real web application on the test database, with the test's frozen clock and no workflow cache;
    its configuration is the one it was built with (whatever an earlier test changed is put back)."""
    app, config = _built_app
    app.config.clear()
    app.config.update(config)
    app.extensions["approval"]["runtime"] = runtime
    yield app
    app.extensions["approval"]["engine"].dispose()  # close the app's pooled connections (PostgreSQL warns)


@pytest.fixture
def person(app):
    """``person(username)``: a browser-like client signed in through the login page (one per username)."""
    from tests.webapp.support import Person

    people: dict[str, Person] = {}

    def signed_in(username: str) -> Person:
        if username not in people:
            people[username] = Person(app, username)
        return people[username]

    return signed_in
