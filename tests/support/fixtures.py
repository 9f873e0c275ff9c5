"""Fixtures: a real database (SQLite by default, PostgreSQL when APPROVAL_TEST_DATABASE_URL says so),
emptied between tests; a frozen clock; a runtime that always reloads state from the database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

import bpmn
from engine import Runtime, make_engine, transaction
from engine.db import Base
from engine.schema import upgrade

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


@pytest.fixture(scope="session")
def db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return test_database_url(tmp_path_factory.mktemp("db"))


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
_RESET_SEQUENCES = text(
    "SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, 1, false) FROM pg_sequences"
    " WHERE schemaname = current_schema() AND last_value IS NOT NULL")


def _empty(engine: Engine) -> None:
    """Delete every row, children before parents. On PostgreSQL, DELETE plus a sequence reset is ~50 times
    cheaper than TRUNCATE of every table (which creates new files for each table and index) for the few
    rows a test writes; ids restart at 1 either way."""
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with engine.begin() as conn:
        for name in tables:
            conn.execute(text(f"DELETE FROM {name}"))
        if engine.dialect.name == "postgresql":
            conn.execute(_RESET_SEQUENCES)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 11, 2, 1, 30, tzinfo=UTC))  # Monday 09:30 in Beijing


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


@pytest.fixture
def step(db: Engine) -> object:
    """``with step() as session:`` — one committed transaction, like one request."""

    @contextmanager
    def _step(write: bool = True) -> Iterator[Session]:
        with transaction(db, write=write) as session:
            yield session

    return _step


@pytest.fixture
def office(step, runtime):
    """The approval office with its people seeded (see tests/support/office.py)."""
    from tests.support.office import Office

    office = Office(step, runtime)
    office.seed()
    return office


@pytest.fixture
def app(db, db_url, runtime):
    """The real web application on the test database, with the test's frozen clock and no workflow cache."""
    from webapp import create_app

    app = create_app({"DATABASE_URL": db_url, "TESTING": True})
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
