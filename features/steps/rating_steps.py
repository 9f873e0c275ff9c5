"""Steps about 好差评: the owner rates a stage, departments and supervisors follow up bad ratings."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from engine import RATING_LEVELS
from engine.organisation.accounts import create_user
from tests.support.office import Office

from .material_steps import STAGES

LEVELS = {name: code for code, name in RATING_LEVELS.items()}
LEADS = {"自然资源和规划局": ("lead_natural_resources", "natural_resources")}
EXAMINERS = {"自然资源和规划局": "exam_natural_resources", "水务局": "exam_water_affairs"}


@given(parsers.parse("{department}有部门负责人"))
def department_lead(office: Office, department: str) -> None:
    username, code = LEADS[department]
    with office.step() as s:
        create_user(s, office.runtime, username=username, display_name=f"{department}负责人", role="department_lead",
                    password="demo-2026", department_code=code)


def rate(browser, project: dict, stage: str, level: str, comment: str = ""):
    response = browser("owner").post(f"/api/projects/{project['code']}/ratings",
                                     json={"stage": STAGES[stage], "level": LEVELS[level], "comment": comment})
    assert response.status_code == 201, response.json
    return response


@given(parsers.parse('建设单位已评价{stage}阶段为"{level}"'))
def rated(browser, project: dict, stage: str, level: str) -> None:
    rate(browser, project, stage, level)


@when(parsers.parse('建设单位评价{stage}阶段为"{level}"，意见为"{comment}"'))
def rate_with_comment(browser, project: dict, stage: str, level: str, comment: str) -> None:
    rate(browser, project, stage, level, comment)


@when(parsers.parse('{department}负责人以"{reply}"办结整改回访'))
def close(browser, department: str, reply: str) -> None:
    lead = browser(LEADS[department][0])
    [row] = lead.get("/api/follow-ups?open_only=true").json
    response = lead.post(f"/api/follow-ups/{row['id']}/closure", json={"reply": reply})
    assert response.status_code == 200, response.json


@then(parsers.parse('建设单位看到{stage}阶段的评价为"{level}"'))
def sees_rating(browser, project: dict, stage: str, level: str) -> None:
    lines = browser("owner").get(f"/api/projects/{project['code']}/ratings").json
    assert [line["level_name"] for line in lines if line["stage"] == STAGES[stage]] == [level]


@then("没有整改回访")
def no_follow_up(browser, project: dict) -> None:
    assert browser("supervisor").get("/api/follow-ups").json == []
    lines = browser("owner").get(f"/api/projects/{project['code']}/ratings").json
    assert [line["follow_up"] for line in lines] == [None] * 4


@then(parsers.parse('{department}的整改回访中有该项目，状态为"{status}"，期限为"{due}"'))
def department_sees(browser, project: dict, department: str, status: str, due: str) -> None:
    rows = browser(EXAMINERS[department]).get("/api/follow-ups").json
    assert [(r["project_code"], r["status"], r["due_on"]) for r in rows] == [(project["code"], status, due)]


@then(parsers.parse("电子监察看到 {count:d} 项整改回访"))
def supervisor_sees(browser, count: int) -> None:
    assert len(browser("supervisor").get("/api/follow-ups").json) == count


@then(parsers.parse("{department}看不到该整改回访"))
def other_department(browser, department: str) -> None:
    assert browser(EXAMINERS[department]).get("/api/follow-ups").json == []


@then(parsers.parse('建设单位看到整改回访已办结，回复为"{reply}"'))
def owner_reads_reply(browser, project: dict, reply: str) -> None:
    lines = browser("owner").get(f"/api/projects/{project['code']}/ratings").json
    follow_up = lines[0]["follow_up"]
    assert (follow_up["status"], follow_up["reply"]) == ("closed", reply)
