import pytest

from tests.support.office import Office


@pytest.fixture
def office(step, runtime) -> Office:
    office = Office(step, runtime)
    office.seed()
    return office
