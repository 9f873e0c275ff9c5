"""Page tests: the real app on the test database, people signed in through the login page."""

from __future__ import annotations

import pytest

from tests.support.office import Office
from webapp import create_app

from .support import Person


@pytest.fixture
def office(step, runtime) -> Office:
    office = Office(step, runtime)
    office.seed()
    return office


@pytest.fixture
def app(db, db_url, runtime):
    app = create_app({"DATABASE_URL": db_url, "TESTING": True})
    app.extensions["approval"]["runtime"] = runtime  # the test's frozen clock; no workflow cache
    yield app
    app.extensions["approval"]["engine"].dispose()  # close the app's pooled connections (PostgreSQL warns)


@pytest.fixture
def person(app):
    people: dict[str, Person] = {}

    def signed_in(username: str) -> Person:
        if username not in people:
            people[username] = Person(app, username)
        return people[username]

    return signed_in
