"""Steps about 告知承诺制 and 先建后验 pre-permits: decisions on the owner's commitment, the post-verification
check, breach (revocation, credit record, ban), and a pre-permit's conversion or expiry."""

from __future__ import annotations

from datetime import date, datetime

from pytest_bdd import given, parsers, then, when
from sqlalchemy import select

from engine import apply_with_commitment, issue_pre_permit
from engine.acceptance.models import CreditRecord
from tests.support.office import Office
from tests.support.sites import PRE_PERMIT

from .attempts import Attempt
from .deadline_steps import CHINA, beijing_time
from .tolerance_steps import try_request

ITEMS = {"建筑工程施工许可证核发": "construction_permit",
         "房屋建筑工程施工图设计文件审查备案": "construction_drawing_filing"}


@then(parsers.parse('清单列明"{name}"的承诺内容'))
def list_shows(published: dict, name: str) -> None:
    (entry,) = [e for e in published["api"].json if e["name"] == name]
    assert entry["commitment_text"] and entry["conditions"]
    assert name in published["page"] and entry["commitment_text"] in published["page"]


@given(parsers.parse('建设单位已确认"{name}"的告知承诺'))
def committed(office: Office, project: dict, name: str) -> None:
    with office.step() as s:
        apply_with_commitment(s, office.runtime, office.actor(s, "owner"), project["code"],
                              {"item": ITEMS[name], "confirmed": True})


@when(parsers.parse('建设单位确认"{name}"的告知承诺'))
def owner_commits(browser, project: dict, name: str) -> None:
    response = browser("owner").post(f"/api/projects/{project['code']}/commitments",
                                     json={"item": ITEMS[name], "confirmed": True})
    assert response.status_code == 201, response.json


@when(parsers.parse('建设单位再次申请"{name}"的告知承诺'), target_fixture="attempt")
def owner_commits_again(browser, project: dict, step, name: str) -> Attempt:
    return try_request(step, lambda: browser("owner").post(
        f"/api/projects/{project['code']}/commitments", json={"item": ITEMS[name], "confirmed": True}))


@when(parsers.parse('代办员试图确认"{name}"的告知承诺'), target_fixture="attempt")
def agent_commits(browser, project: dict, step, name: str) -> Attempt:
    return try_request(step, lambda: browser("agent").post(
        f"/api/projects/{project['code']}/commitments", json={"item": ITEMS[name], "confirmed": True}))


def _overview(browser, project: dict) -> dict:
    return browser("owner").get(f"/api/projects/{project['code']}/acceptance-modes").json


def _certificate(browser, project: dict, title: str) -> dict:
    (cert,) = [c for c in browser("owner").get(f"/api/projects/{project['code']}/certificates").json
               if c["title"] == title]
    return cert


@then(parsers.parse('项目的"{title}"状态为"{status}"，核查日期为{year:d}年{month:d}月{day:d}日'))
def decision_status(browser, project: dict, title: str, status: str, year: int, month: int, day: int) -> None:
    assert _certificate(browser, project, title)["status_name"] == status
    (case,) = _overview(browser, project)["commitments"]
    assert datetime.fromisoformat(case["verification_due"]) == datetime(year, month, day, tzinfo=CHINA)


def _verify(browser, project: dict, form: dict):
    (case,) = _overview(browser, project)["commitments"]
    return browser("exam_housing_construction").post(f"/api/commitments/{case['id']}/verification", json=form)


@when("住房和城乡建设局审批人员核查认定已履行承诺")
def verified(browser, project: dict) -> None:
    response = _verify(browser, project, {"decision": "pass", "findings": "资料核对无误"})
    assert response.status_code == 200, response.json


@when(parsers.parse('住房和城乡建设局审批人员现场核查认定未履行承诺："{findings}"'))
def breached(browser, project: dict, findings: str) -> None:
    response = _verify(browser, project, {"decision": "breach", "site_visit": True, "findings": findings})
    assert response.status_code == 200, response.json


@then(parsers.parse('告知承诺事项状态为"{status}"'))
def commitment_status(browser, project: dict, status: str) -> None:
    (case,) = _overview(browser, project)["commitments"]
    assert case["status_name"] == status


@then(parsers.parse('核验页面显示决定书"{status}"，理由含"{reason}"'))
def verification_revoked(app, browser, project: dict, status: str, reason: str) -> None:
    number = _certificate(browser, project, "告知承诺制审批决定书")["number"]
    page = app.test_client().get(f"/verify/{number}").get_data(as_text=True)
    assert status in page and reason in page


@then(parsers.parse("建设单位被记入失信记录，禁止适用告知承诺制至{year:d}年{month:d}月{day:d}日"))
def credit_written(browser, step, project: dict, year: int, month: int, day: int) -> None:
    events = browser("owner").get(f"/api/projects/{project['code']}/audit-trail").json
    assert [e["action"] for e in events].count("credit_record") == 1
    with step(write=False) as s:
        (row,) = s.scalars(select(CreditRecord))
        assert (row.owner_name, row.banned_until) == ("示例置业有限公司", date(year, month, day))


@given(parsers.parse("{year:d}年{month:d}月{day:d}日建设单位承诺后取得施工预许可"))
def pre_permit_issued(office: Office, project: dict, clock, year: int, month: int, day: int) -> None:
    clock.value = datetime(year, month, day, 9, 30, tzinfo=CHINA)
    with office.step() as s:
        issue_pre_permit(s, office.runtime, office.actor(s, "owner"), project["code"], PRE_PERMIT)


def _pre_permit(browser, project: dict) -> dict:
    (permit,) = _overview(browser, project)["pre_permits"]
    return permit


@then(parsers.parse('预许可的施工范围为"{scope}"，有效期至{until}，状态为"{status}"'))
def pre_permit_shown(browser, project: dict, scope: str, until: str, status: str) -> None:
    permit = _pre_permit(browser, project)
    assert (permit["scope"], permit["status_name"]) == (scope, status)
    assert beijing_time(until + "0时0分").date().isoformat() == permit["valid_until"]


@when("住房和城乡建设局审批人员将预许可转为正式施工许可")
def convert(browser, project: dict) -> None:
    permit = _pre_permit(browser, project)
    response = browser("exam_housing_construction").post(f"/api/pre-permits/{permit['id']}/conversion")
    assert response.status_code == 200, response.json


@when("住房和城乡建设局审批人员试图将预许可转为正式施工许可", target_fixture="attempt")
def convert_refused(browser, project: dict, step) -> Attempt:
    permit = _pre_permit(browser, project)
    return try_request(step, lambda: browser("exam_housing_construction").post(
        f"/api/pre-permits/{permit['id']}/conversion"))


@then(parsers.parse('预许可状态为"{status}"'))
def pre_permit_status(browser, project: dict, status: str) -> None:
    assert _pre_permit(browser, project)["status_name"] == status


@then(parsers.parse('正式施工许可证有效，施工单位沿用预许可申请材料，预许可证"{status}"'))
def permit_issued(app, browser, project: dict, status: str) -> None:
    permit = _certificate(browser, project, "建筑工程施工许可证")
    assert permit["status_name"] == "有效"
    shown = app.test_client().get(f"/api/certificates/{permit['number']}/verification").json
    assert ["施工单位", PRE_PERMIT["general_contractor"]] in [[f["label"], f["value"]] for f in shown["fields"]]
    assert _certificate(browser, project, "建筑工程施工预许可证")["status_name"] == status


@then(parsers.parse('核验页面显示预许可证"{status}"'))
def pre_permit_verification(app, browser, project: dict, status: str) -> None:
    number = _certificate(browser, project, "建筑工程施工预许可证")["number"]
    assert app.test_client().get(f"/api/certificates/{number}/verification").json["status_name"] == status


@then("监管人员看到该预许可已过期且后续施工被标记")
def supervisor_sees(browser, project: dict) -> None:
    rows = browser("supervisor").get("/api/supervision/pre-permits").json
    assert [(r["project_code"], r["status_name"], r["works_flagged"]) for r in rows] == [
        (project["code"], "已过期", True)]
