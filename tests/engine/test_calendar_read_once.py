"""An action reads the loaded holiday schedules once per transaction (it needs the calendar when it loads the
workflow and again for every clock it reads), and still always sees the schedule in force in it: one loaded
in the same transaction at once, one loaded in a savepoint that rolled back never."""

from datetime import date

import pytest
from sqlalchemy import event

from engine.time_limits.calendar_store import load_schedule, working_calendar
from tests.support.schedules import NOTICE_2027

LONGER_NEW_YEAR = date(2027, 1, 4)  # a Monday: a working day on the statutory guess, a holiday in the notice


@pytest.fixture
def schedule_reads(db):
    reads: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        if "FROM calendar_day" in statement:
            reads.append(statement)

    event.listen(db, "before_cursor_execute", seen)
    yield reads
    event.remove(db, "before_cursor_execute", seen)


def test_the_schedule_is_read_once_per_transaction(step, runtime, schedule_reads):
    with step() as s:
        assert working_calendar(s).is_working_day(LONGER_NEW_YEAR)
        assert working_calendar(s).is_working_day(LONGER_NEW_YEAR)
    assert len(schedule_reads) == 1
    with step() as s:  # a new transaction reads again
        working_calendar(s)
    assert len(schedule_reads) == 2


def test_a_schedule_loaded_in_the_transaction_is_in_force_at_once(step, runtime, schedule_reads):
    with step() as s:
        assert working_calendar(s).is_working_day(LONGER_NEW_YEAR)
        load_schedule(s, runtime, NOTICE_2027, "test")
        assert not working_calendar(s).is_working_day(LONGER_NEW_YEAR)
        assert not working_calendar(s).is_provisional(LONGER_NEW_YEAR)
    with step(write=False) as s:
        assert not working_calendar(s).is_working_day(LONGER_NEW_YEAR)


def test_a_schedule_loaded_in_a_rolled_back_savepoint_leaves_nothing_behind(step, runtime, schedule_reads):
    with step() as s:
        assert working_calendar(s).is_working_day(LONGER_NEW_YEAR)
        savepoint = s.begin_nested()
        load_schedule(s, runtime, NOTICE_2027, "test")
        assert not working_calendar(s).is_working_day(LONGER_NEW_YEAR)
        savepoint.rollback()
        assert working_calendar(s).is_working_day(LONGER_NEW_YEAR)
        assert working_calendar(s).is_provisional(LONGER_NEW_YEAR)
