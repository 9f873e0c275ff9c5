"""Page tests: the real app on the test database, people signed in through the login page."""

from __future__ import annotations

import pytest

from .support import Person


@pytest.fixture
def person(app):
    people: dict[str, Person] = {}

    def signed_in(username: str) -> Person:
        if username not in people:
            people[username] = Person(app, username)
        return people[username]

    return signed_in
