"""电子监察 statistics on the supervisor board page and in the JSON API; only supervisors and administrators."""

from __future__ import annotations

import re

import pytest

from engine.time_limits.models import ClockEventRow
from tests.support.supervision import CODE_B, two_projects

from .support import count


@pytest.fixture
def fortnight(office, clock, scene):
    scene("supervision: two projects", lambda: two_projects(office, clock))


def _cells(html: str, caption: str) -> list[list[str]]:
    """The body rows of the table with ``caption``, as the text of their cells."""
    table = re.search(rf"<caption>{re.escape(caption)}</caption>(.*?)</table>", html, re.S).group(1)
    body = table[table.index("<tbody>"):]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_board_page_shows_the_figures_in_tables(person, fortnight) -> None:
    page = person("supervisor").get("/supervisor/").text
    assert _cells(page, "各部门预警、逾期事项数（按办理时限计）") == [
        ["发展和改革局", "1", "0"], ["自然资源和规划局", "0", "1"], ["水务局", "1", "0"]]
    assert _cells(page, "各部门审批事项：净工作日（扣除暂停）") == [
        ["发展和改革局", "2", "1", "6", "3.00"], ["自然资源和规划局", "3", "2", "14", "4.67"],
        ["生态环境局", "2", "1", "6", "3.00"], ["水务局", "2", "1", "12", "6.00"]]
    assert _cells(page, "各阶段（受理至核发）：净工作日（扣除暂停）") == [["立项用地规划许可", "2", "1", "14", "7.00"]]
    assert "已办结阶段办件 <strong>1</strong> 件，其中各部门审查同时进行（并联）的 <strong>1</strong> 件" in page
    assert "<strong>100.0%</strong>" in page
    assert ["社会投资一般项目", "50", "2", "7.00", "0", "—", "—"] in _cells(
        page, "各类项目审批总用时（各阶段净工作日之和）与总时限")
    assert re.search(r"建设项目用地预审与选址意见书.*?逾期.*?超 2 天.*?5 / 3.*?2026-11-12", page, re.S)


def test_board_page_filter_is_a_plain_form(person, fortnight) -> None:
    page = person("admin").get("/supervisor/?date_from=2026-11-09&date_to=&category=social_investment_project").text
    assert 'name="date_from" value="2026-11-09"' in page
    assert '<option value="social_investment_project" selected>' in page
    assert _cells(page, "各阶段（受理至核发）：净工作日（扣除暂停）") == [["立项用地规划许可", "1", "0", "5", "5.00"]]


def test_api_returns_the_same_figures(person, fortnight) -> None:
    body = person("supervisor").get("/api/supervision/statistics").json
    assert [(d["department_code"], d["warning"], d["overdue"]) for d in body["alerts"]] == [
        ("development_reform", 1, 0), ("natural_resources", 0, 1), ("water_affairs", 1, 0)]
    (late,) = body["alerts"][1]["rows"]
    assert late == {"project_code": CODE_B, "project_name": "汉江湾示范住宅小区",
                    "item": "建设项目用地预审与选址意见书", "stage": "立项用地规划许可", "state": "逾期",
                    "used_days": 5, "limit_days": 3, "overdue_days": 2,
                    "deadline": "2026-11-12", "paused": False, "provisional": False}
    assert [(n["code"], n["total_days"], n["average_days"]) for n in body["by_department"]] == [
        ("development_reform", 6, 3.0), ("natural_resources", 14, 4.67), ("ecology_environment", 6, 3.0),
        ("water_affairs", 12, 6.0)]
    assert body["parallel"] == {"completed": 1, "parallel": 1, "rate": 1.0}
    social = next(c for c in body["categories"] if c["category"] == "social_investment_project")
    assert (social["limit_days"], social["projects"], social["average_days"]) == (50, 2, 7.0)
    filtered = person("supervisor").get("/api/supervision/statistics?date_to=2026-11-08").json
    assert filtered["filter"] == {"date_from": None, "date_to": "2026-11-08", "category": None}
    assert filtered["alerts"] == []


@pytest.mark.parametrize("username", ["owner", "window", "exam_natural_resources", "agent"])
def test_others_are_refused(person, office, step, username: str) -> None:
    before = count(step, ClockEventRow)
    assert person(username).get("/supervisor/").status_code == 403
    response = person(username).get("/api/supervision/statistics")
    assert (response.status_code, response.json["code"]) == (403, "not_allowed")
    assert count(step, ClockEventRow) == before


def test_signed_out_is_asked_to_sign_in(app) -> None:
    assert app.test_client().get("/api/supervision/statistics").status_code == 401


def test_a_malformed_filter_is_a_422_with_the_field(person, fortnight, step) -> None:
    before = count(step, ClockEventRow)
    response = person("supervisor").get("/api/supervision/statistics?date_from=2026-11-10&date_to=2026-11-01")
    assert (response.status_code, list(response.json["errors"])) == (422, ["date_to"])
    page = person("supervisor").get("/supervisor/?category=villa")
    assert page.status_code == 422 and "提交的表单有误" in page.text
    assert count(step, ClockEventRow) == before
