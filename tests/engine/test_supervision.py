"""电子监察 figures from the clocks, against hand-computed readings (tests/support/supervision.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from engine import FormRejected, NotAllowed, supervision_statistics
from engine.audit.models import AuditEvent
from engine.supervision.parallel import overlap
from engine.time_limits.ledger import clock_lines
from engine.time_limits.models import ClockEventRow
from tests.support.office import Office
from tests.support.supervision import AS_OF, CODE_A, CODE_B, two_projects


@pytest.fixture
def figures(office: Office, clock, scene):
    scene("supervision: two projects", lambda: two_projects(office, clock))

    def read(username: str = "supervisor", **args: str):
        with office.step(write=False) as s:
            return supervision_statistics(s, office.runtime, office.actor(s, username), args)

    return read


def _alerts(stats) -> dict:
    return {d.department_code: (d.warning, d.overdue, [(r.project_code, r.item, r.state, r.used_days, r.limit_days,
                                                        r.overdue_days, r.deadline) for r in d.rows])
            for d in stats.alerts}


def test_open_items_in_warning_or_overdue_per_department(figures) -> None:
    stats = figures()
    assert stats.as_of == AS_OF
    assert _alerts(stats) == {
        "development_reform": (1, 0, [(CODE_B, "企业投资项目核准/备案", "预警", 5, 5, 0, date(2026, 11, 16))]),
        "natural_resources": (0, 1, [(CODE_B, "建设项目用地预审与选址意见书", "逾期", 5, 3, 2, date(2026, 11, 12))]),
        "water_affairs": (1, 0, [(CODE_B, "洪水影响评价审批", "预警", 5, 5, 0, date(2026, 11, 16))]),
    }  # B's 环境影响评价 is paused for 补正 after 2 days: 正常; A's late 洪水 is finished, not an open alert


def test_net_working_days_per_department_and_stage_exclude_pauses(figures) -> None:
    stats = figures()
    assert [(n.code, n.clocks, n.completed, n.total_days, n.average_days) for n in stats.by_department] == [
        ("development_reform", 2, 1, 1 + 5, 3.0),
        ("natural_resources", 3, 2, 8 + 1 + 5, 4.67),
        ("ecology_environment", 2, 1, 4 + 2, 3.0),  # A: 2 + 2 around a 3-working-day 补正 pause
        ("water_affairs", 2, 1, 7 + 5, 6.0),
    ]
    assert [(n.code, n.name, n.clocks, n.completed, n.total_days, n.average_days) for n in stats.by_stage] == [
        ("stage_project_land_planning", "立项用地规划许可", 2, 1, 9 + 5, 7.0)]


def test_net_days_agree_with_each_clock_read_on_its_own(figures, office: Office) -> None:
    stats = figures()
    with office.step(write=False) as s:
        lines = clock_lines(s, CODE_A, AS_OF) + clock_lines(s, CODE_B, AS_OF)
    assert sum(n.total_days for n in stats.by_department) == sum(c.used_days for c in lines if c.key[:5] == "item:")
    assert sum(n.total_days for n in stats.by_stage) == sum(c.used_days for c in lines if c.key[:6] == "stage:")


def test_parallel_rate_counts_completed_stage_cases_with_concurrent_reviews(figures) -> None:
    parallel = figures().parallel
    assert (parallel.completed, parallel.parallel, parallel.rate) == (1, 1, 1.0)  # B's stage is still running


def test_overlap_rule_of_the_parallel_rate() -> None:
    def t(day: int) -> datetime:
        return datetime(2026, 11, day, tzinfo=UTC)

    assert not overlap([(t(2), t(3)), (t(3), t(5)), (t(5), None)])  # one after another: serial
    assert overlap([(t(2), t(9)), (t(3), t(4))])
    assert overlap([(t(2), None), (t(6), t(7))])  # one still running
    assert not overlap([(t(2), t(3))])


def test_average_total_days_per_category_against_its_limit(figures) -> None:
    rows = {c.category: (c.limit_days, c.projects, c.total_days, c.average_days, c.completed,
                         c.average_completed_days) for c in figures().categories}
    assert rows == {"government_investment_project": (70, 0, 0, None, 0, None),
                    "social_investment_project": (50, 2, 9 + 5, 7.0, 0, None),
                    "land_sold_with_scheme": (30, 0, 0, None, 0, None),
                    "low_risk_social_project": (25, 0, 0, None, 0, None),
                    "small_industrial_project": (25, 0, 0, None, 0, None)}


def test_period_selects_clocks_started_in_it(figures) -> None:
    stats = figures(date_from="2026-11-09", date_to="2026-11-30")
    assert [(n.code, n.clocks, n.completed, n.total_days) for n in stats.by_department] == [
        ("development_reform", 1, 0, 5), ("natural_resources", 2, 1, 1 + 5),  # A's issuance began 11-12
        ("ecology_environment", 1, 0, 2), ("water_affairs", 1, 0, 5)]
    assert [(n.clocks, n.total_days) for n in stats.by_stage] == [(1, 5)]
    assert (stats.parallel.completed, stats.parallel.rate) == (0, None)
    assert [(c.projects, c.total_days) for c in stats.categories if c.projects] == [(1, 5)]
    assert sum(d.warning + d.overdue for d in stats.alerts) == 3
    before = figures(date_to="2026-11-08")
    assert [(n.code, n.clocks, n.total_days) for n in before.by_department] == [
        ("development_reform", 1, 1), ("natural_resources", 1, 8), ("ecology_environment", 1, 4),
        ("water_affairs", 1, 7)]
    assert before.alerts == []


def test_category_filter(figures) -> None:
    stats = figures(category="government_investment_project")
    assert (stats.alerts, stats.by_department, stats.by_stage) == ([], [], [])
    assert [(c.category, c.projects, c.limit_days) for c in stats.categories] == [
        ("government_investment_project", 0, 70)]
    assert len(figures(category="social_investment_project").by_department) == 4


def _counts(office: Office) -> tuple[int, int]:
    with office.step(write=False) as s:
        return (s.scalar(select(func.count()).select_from(ClockEventRow)),
                s.scalar(select(func.count()).select_from(AuditEvent)))


@pytest.mark.parametrize("username", ["owner", "window", "exam_natural_resources"])
def test_only_supervisors_and_administrators_read_them(figures, office: Office, username: str) -> None:
    before = _counts(office)
    with pytest.raises(NotAllowed):
        figures(username)
    assert _counts(office) == before


@pytest.mark.parametrize(("args", "field"), [
    ({"date_from": "2026-13-01"}, "date_from"), ({"date_from": "2026-11-10", "date_to": "2026-11-09"}, "date_to"),
    ({"category": "villa"}, "category")])
def test_a_malformed_filter_is_refused_with_the_field(figures, office: Office, args: dict, field: str) -> None:
    before = _counts(office)
    with pytest.raises(FormRejected) as refused:
        figures(**args)
    assert list(refused.value.field_errors) == [field]
    assert _counts(office) == before
