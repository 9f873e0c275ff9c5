"""The 电子监察 aggregates kept per clock event answer exactly what the full reading of every clock event
answers — at several readings' "now", for several filters — and a rebuild from scratch finds the same rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import delete, func, select

from engine import complete_task
from engine.cli import cli
from engine.demo import demo_form, drive_one_action
from engine.supervision import kept
from engine.supervision.models import (
    SupervisedCompletion,
    SupervisedProject,
    SupervisionOpenClock,
    SupervisionParallel,
    SupervisionTally,
)
from engine.supervision.queries import statistics_at
from engine.supervision.rebuild import rebuild
from engine.supervision.rows import SupervisionFilter
from engine.time_limits.models import ClockEventRow
from tests.support.office import Office
from tests.support.supervision import AS_OF, CODE_B, SUPPLEMENT, at, two_projects

CODE_C = "2026-420104-70-03-000003"  # run through all four stages: a completed approval
CODE_D = "2026-420104-70-03-000004"  # another category: a stage issued, the next one accepted
TABLES = (SupervisionTally, SupervisionOpenClock, SupervisedProject, SupervisedCompletion, SupervisionParallel)
FILTERS = [SupervisionFilter(), SupervisionFilter(category="social_investment_project"),
           SupervisionFilter(category="small_industrial_project"),
           SupervisionFilter(category="government_investment_project")]


@pytest.fixture
def varied(office: Office, clock, scene) -> Office:
    """Two projects' fortnight (pauses, a parallel stage case, items in 预警/逾期), B's later supplement round
    and decisions, a third project completed stage by stage, a fourth of another category under way."""
    scene("supervision: four projects varied", lambda: _build_varied(office, clock))
    return office


def _build_varied(office: Office, clock) -> None:
    two_projects(office, clock)
    clock.value = at(17, 11)
    office.act(CODE_B, "review_enterprise_project_filing", SUPPLEMENT)
    clock.value = at(18, 15)
    office.new_project(CODE_C)
    office.new_project(CODE_D, "government_investment_project")
    clock.value = at(19, 9)
    office.finish_stage(CODE_D)
    while True:  # C's oldest work item, one a day or so (the stage clocks of a completed approval run for days)
        clock.value += timedelta(hours=19)
        with office.step() as s:
            if drive_one_action(s, office.runtime, CODE_C) is None:
                break
    for bpmn_id in ("apply", "accept"):
        office.act(CODE_D, bpmn_id)
    office.act(CODE_B, "review_land_preexam_site_opinion")


def _rows(office: Office) -> dict:
    with office.step(write=False) as s:
        return {t.__tablename__: sorted(tuple(getattr(r, c.key) for c in t.__table__.columns)
                                        for r in s.scalars(select(t))) for t in TABLES}


@pytest.mark.parametrize("later", [timedelta(0), timedelta(hours=7), timedelta(days=3, hours=2),
                                   timedelta(days=61)], ids=["right-after", "same-day", "days-later", "months-later"])
def test_kept_figures_equal_the_full_reading(varied: Office, later: timedelta) -> None:
    with varied.step(write=False) as s:
        now = s.scalar(select(func.max(ClockEventRow.at))) + later
    with varied.step(write=False) as s:
        assert kept.answers(s, now, SupervisionFilter())
        for flt in FILTERS:
            assert statistics_at(s, now, flt, kept=True) == statistics_at(s, now, flt, kept=False), flt
        figures = statistics_at(s, now, SupervisionFilter(), kept=True)
    assert figures.parallel.completed >= 5 and figures.by_department and figures.alerts
    assert any(c.completed for c in figures.categories)  # project C's approval ended 办结


def test_a_rebuild_finds_the_rows_kept_event_by_event(varied: Office) -> None:
    kept_rows = _rows(varied)
    assert all(kept_rows.values())
    with varied.step() as s:
        rebuild(s)
    assert _rows(varied) == kept_rows


def test_a_reading_of_the_past_is_answered_from_the_clock_events(varied: Office) -> None:
    with varied.step(write=False) as s:
        assert not kept.answers(s, AS_OF, SupervisionFilter())
        later, period = at(12, 17) + timedelta(days=400), SupervisionFilter(date_from=AS_OF.date())
        assert not kept.answers(s, later, period)  # a period filter is answered from the clock events


def test_a_rolled_back_action_leaves_the_aggregates_as_they_were(varied: Office) -> None:
    before = _rows(varied)
    with pytest.raises(RuntimeError), varied.step() as s:
        item = varied.item(CODE_B, "review_flood_impact_assessment")
        complete_task(s, varied.runtime, varied.actor(s, varied.username_for(item)), item.instance_id, item.task_id,
                      demo_form(item.form_key, CODE_B))
        raise RuntimeError("the request fails after the decision: nothing of it may stay")
    assert _rows(varied) == before


def test_the_rebuild_command_recomputes_lost_aggregates(varied: Office, db_url: str) -> None:
    kept_rows = _rows(varied)
    with varied.step() as s:
        for table in TABLES:
            s.execute(delete(table))
    result = CliRunner().invoke(cli, ["--database", db_url, "supervision", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "已重新计算电子监察统计" in result.output
    assert _rows(varied) == kept_rows
