"""Each clock's kept state (``clock_state``) answers exactly what its events answer, is written in the action's
transaction (nothing of a rolled-back one stays), stands aside after a schedule load until the clock's next
event, and is rebuilt from the events by the migration's rebuild and ``approval clocks rebuild``."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from alembic import command
from click.testing import CliRunner
from sqlalchemy import delete, func, select

from engine import complete_task
from engine.cli import cli
from engine.clocks import ClockError
from engine.db import writer
from engine.demo import demo_form
from engine.processes.models import ProcessInstance
from engine.schema import alembic_config, upgrade
from engine.time_limits import ledger
from engine.time_limits.calendar_store import load_schedule
from engine.time_limits.models import ClockEventRow, ClockStateRow
from engine.time_limits.states import kept_reading, rebuild_states
from engine.work_items.models import SupplementRequest
from tests.support.office import Office
from tests.support.supervision import CODE_A, CODE_B, SUPPLEMENT, at, supply, two_projects

NOTICE_2027 = "2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n2027-02-14,workday,春节调休\n"
LATER = [timedelta(0), timedelta(hours=7), timedelta(days=3, hours=2), timedelta(days=61), timedelta(days=400)]


@pytest.fixture
def rounds(office: Office, clock) -> Office:
    """The supervision fortnight, then B's 环境影响评价 item through five more 补正 rounds."""
    two_projects(office, clock)
    item = "review_environmental_impact_assessment"
    for day in range(16, 21):
        clock.value = at(day, 9)
        supply(office, CODE_B, item)
        clock.value = at(day, 16)
        office.act(CODE_B, item, SUPPLEMENT)
    return office


def _keys(office: Office) -> list[str]:
    with office.step(write=False) as s:
        return list(s.scalars(select(ClockEventRow.clock_key).distinct().order_by(ClockEventRow.clock_key)))


def _states(office: Office) -> list[tuple]:
    with office.step(write=False) as s:
        return [tuple(getattr(r, c.key) for c in ClockStateRow.__table__.columns)
                for r in s.scalars(select(ClockStateRow).order_by(ClockStateRow.clock_key))]


def test_every_kept_state_reads_what_the_events_read(rounds: Office) -> None:
    keys = _keys(rounds)
    with rounds.step(write=False) as s:
        latest = s.scalar(select(func.max(ClockEventRow.at)))
        assert s.scalar(select(func.count()).select_from(ClockStateRow)) == len(keys) > 10
        for key in keys:
            for later in LATER:
                kept = kept_reading(s, key, latest + later)
                assert kept is not None and kept == ledger.events_reading(s, key, latest + later), (key, later)
        rounds_item = ledger.item_key(rounds.item(CODE_B, "review_environmental_impact_assessment").task_id)
        assert s.get_one(ClockStateRow, rounds_item).events == 12  # started, paused, then 5 × (resumed, paused)


def test_a_reading_of_the_past_is_answered_from_the_events(rounds: Office) -> None:
    with rounds.step(write=False) as s:  # A's 环境影响评价: paused 11-04 for 补正, resumed 11-09, stopped 11-11
        key = s.scalar(select(ClockEventRow.clock_key).where(ClockEventRow.project_code == CODE_A,
                                                             ClockEventRow.kind == "paused"))
        for moment in (at(5), at(9, 10, 30), at(10)):
            assert kept_reading(s, key, moment) is None
            assert ledger.clock_reading(s, key, moment) == ledger.events_reading(s, key, moment)
        assert ledger.clock_reading(s, key, at(5)).paused and not ledger.clock_reading(s, key, at(10)).paused


def test_a_rebuild_finds_the_states_kept_event_by_event(rounds: Office) -> None:
    kept = _states(rounds)
    with rounds.step() as s:
        assert rebuild_states(s) == len(kept)
    assert _states(rounds) == kept


def test_a_rolled_back_action_leaves_the_states_as_they_were(rounds: Office) -> None:
    before = _states(rounds)
    with pytest.raises(RuntimeError), rounds.step() as s:
        item = rounds.item(CODE_B, "review_flood_impact_assessment")
        complete_task(s, rounds.runtime, rounds.actor(s, rounds.username_for(item)), item.instance_id, item.task_id,
                      demo_form(item.form_key, CODE_B))
        raise RuntimeError("the request fails after the decision: nothing of it may stay")
    assert _states(rounds) == before


def test_after_a_schedule_load_the_events_answer_until_the_next_event(rounds: Office, clock) -> None:
    item = rounds.item(CODE_B, "review_environmental_impact_assessment")
    key = ledger.item_key(item.task_id)
    with rounds.step() as s:
        load_schedule(s, rounds.runtime, NOTICE_2027, "国办发明电〔2026〕X号")
    with rounds.step(write=False) as s:
        assert kept_reading(s, key, clock.value) is None  # walked on the calendar before the load
        assert ledger.clock_reading(s, key, clock.value) == ledger.events_reading(s, key, clock.value)
    clock.value = at(23, 9)
    supply(rounds, CODE_B, "review_environmental_impact_assessment")
    with rounds.step(write=False) as s:
        kept = kept_reading(s, key, clock.value + timedelta(days=90))
        assert kept is not None and kept == ledger.events_reading(s, key, clock.value + timedelta(days=90))


def test_the_rebuild_command_recomputes_lost_states(rounds: Office, db_url: str) -> None:
    kept = _states(rounds)
    with rounds.step() as s:
        s.execute(delete(ClockStateRow))
    result = CliRunner().invoke(cli, ["--database", db_url, "clocks", "rebuild"])
    assert result.exit_code == 0, result.output
    assert f"已重新计算计时状态：{len(kept)} 个计时" in result.output
    assert _states(rounds) == kept


def test_a_clock_without_a_state_is_read_from_its_events_and_kept_again_at_its_next_event(
        rounds: Office, clock) -> None:
    """Events written without the engine (a bulk load): the clock's next event summarises them."""
    item = rounds.item(CODE_B, "review_environmental_impact_assessment")
    key = ledger.item_key(item.task_id)
    with rounds.step() as s:
        s.execute(delete(ClockStateRow).where(ClockStateRow.clock_key == key))
    with rounds.step(write=False) as s:
        assert kept_reading(s, key, clock.value) is None and ledger.clock_reading(s, key, clock.value).paused
    clock.value = at(23, 9)
    supply(rounds, CODE_B, "review_environmental_impact_assessment")
    with rounds.step(write=False) as s:
        state = s.get_one(ClockStateRow, key)
        assert state.events == s.scalar(select(func.count()).where(ClockEventRow.clock_key == key))
        assert kept_reading(s, key, clock.value) == ledger.events_reading(s, key, clock.value)


def test_a_clock_line_from_the_kept_state_is_the_line_from_the_events(rounds: Office) -> None:
    with rounds.step(write=False) as s:
        latest = s.scalar(select(func.max(ClockEventRow.at)))
        for code in (CODE_A, CODE_B):
            for later in LATER:
                from_events = ledger.clock_lines(s, code, latest + later)  # every clock of the project, from events
                assert [ledger.clock_line(s, line.key, latest + later) for line in from_events] == from_events


def _allowed(office: Office) -> list[tuple]:
    with office.step(write=False) as s:
        rows = s.execute(select(SupplementRequest.id, SupplementRequest.allowed_materials)
                         .order_by(SupplementRequest.id))
        return [tuple(row) for row in rows]


def test_the_migration_back_fills_what_the_engine_keeps(rounds: Office, db) -> None:
    """Down to the revision before the kept states and back: the back-fill finds every state and every notice's
    allowed materials (一次性告知) exactly as the engine kept them action by action."""
    states, allowed = _states(rounds), _allowed(rounds)
    assert len(allowed) == 7 and allowed[-1][1]
    config = alembic_config(db)
    try:
        with writer(db).begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0027_department_changes")
    finally:
        upgrade(db)
    assert _states(rounds) == states
    assert _allowed(rounds) == allowed


def test_a_naive_now_is_refused_as_the_events_refuse_it(rounds: Office) -> None:
    key = _keys(rounds)[0]
    with rounds.step(write=False) as s, pytest.raises(ClockError, match="time-zone-aware"):
        ledger.clock_reading(s, key, datetime(2027, 1, 4, 10))  # naive on purpose


def test_a_rolled_back_savepoint_leaves_the_state_it_changed_as_it_was(rounds: Office, clock) -> None:
    item = rounds.item(CODE_B, "review_environmental_impact_assessment")
    key = ledger.item_key(item.task_id)
    with rounds.step() as s:
        before = ledger.clock_reading(s, key, clock.value)
        assert before is not None and before.paused
        savepoint = s.begin_nested()
        ledger.mark(s, s.get_one(ProcessInstance, item.instance_id), key, ledger.RESUMED, clock.value)
        assert not ledger.clock_reading(s, key, clock.value).paused
        savepoint.rollback()
        assert ledger.clock_reading(s, key, clock.value) == before == ledger.events_reading(s, key, clock.value)
        ledger.mark(s, s.get_one(ProcessInstance, item.instance_id), key, ledger.RESUMED, clock.value)
    with rounds.step(write=False) as s:
        resumed = kept_reading(s, key, clock.value)
        assert resumed is not None and not resumed.paused and resumed == ledger.events_reading(s, key, clock.value)
        assert s.get_one(ClockStateRow, key).events == 13
