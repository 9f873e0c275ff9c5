"""Steps about 水电气联动报装: the one application and the window's acceptance through the API, each company's
steps, the per-utility clocks read back from the track, and refusals that change nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from pytest_bdd import given, parsers, then, when
from sqlalchemy import func, select

from engine import accept_utility_connection, apply_utility_connection, record_joint_survey
from engine.audit.models import AuditEvent
from engine.clocks import CHINA_TZ
from engine.time_limits.models import ClockEventRow
from engine.utility_connection.models import OffsiteWorksPermit, UtilityApplication, UtilityService
from tests.support.office import Office

CHOICES = {"供水": ("water", "apply"), "供气": ("gas", "apply"), "高压单电源供电": ("power", "high_voltage_single"),
           "高压双电源供电": ("power", "high_voltage_dual")}
COMPANY_USERS = {"市自来水公司": "exam_water_supply", "市燃气公司": "exam_gas_supply",
                 "城市管理局": "exam_urban_management"}
SURVEY = {"participants": "市自来水公司、市燃气公司、国网供电公司、建设单位",
          "findings": "接入点位于项目东侧市政道路，需开挖约60米"}


def application(services: str, road_works: bool = False) -> dict:
    form = {"contact_person": "陈工", "contact_phone": "13900001111",
            "demand": "用水量120立方米/日；用电容量1250千伏安；用气量300立方米/日"}
    for name in services.split("、"):
        kind, option = CHOICES[name]
        form[kind] = option
    if road_works:
        form.update(road_works=True, commitment=True)
    return form


def snapshot(step) -> dict:
    """What a refused request must leave as it was."""
    with step(write=False) as s:
        return {"applications": sorted((a.id, a.status) for a in s.scalars(select(UtilityApplication))),
                "services": sorted((x.id, x.status) for x in s.scalars(select(UtilityService))),
                "permits": sorted((p.id, p.status) for p in s.scalars(select(OffsiteWorksPermit))),
                "clocks": s.scalar(select(func.count()).select_from(ClockEventRow)),
                "audit": s.scalar(select(func.count()).select_from(AuditEvent))}


@given(parsers.parse("{year:d}年{month:d}月{day:d}日（星期一）综合窗口已受理该项目的工程建设许可阶段申请"))
def stage_two_accepted(office: Office, project: dict, clock, year: int, month: int, day: int) -> None:
    accepted = datetime(year, month, day, 9, 30, tzinfo=CHINA_TZ)
    clock.value = accepted - timedelta(days=30)
    office.finish_stage(project["code"])
    office.act(project["code"], "apply")
    clock.value = accepted
    office.act(project["code"], "accept")


@given(parsers.parse('建设单位已申请"{services}"联动报装'), target_fixture="applied")
def applied_already(office: Office, project: dict, services: str) -> dict:
    with office.step() as s:
        done = apply_utility_connection(s, office.runtime, office.actor(s, "owner"), project["code"],
                                        application(services))
        return {"id": done.id}


@given(parsers.parse('建设单位的"{services}"联动报装已由综合窗口受理'), target_fixture="applied")
def accepted_already(office: Office, project: dict, services: str) -> dict:
    applied = applied_already(office, project, services)
    with office.step() as s:
        accept_utility_connection(s, office.runtime, office.actor(s, "window"), applied["id"],
                                  {"decision": "accept", "survey_date": "2026-11-04"})
    return applied


@given("联合踏勘已记录")
def surveyed_already(office: Office, applied: dict) -> None:
    with office.step() as s:
        record_joint_survey(s, office.runtime, office.actor(s, "window"), applied["id"], SURVEY)


@when(parsers.parse('建设单位申请"{services}"联动报装'), target_fixture="applied")
def apply(browser, step, project: dict, services: str) -> dict:
    return _apply(browser, step, project, application(services))


@when(parsers.parse('建设单位申请"{services}"联动报装，外线工程需占用、挖掘城市道路并承诺'), target_fixture="applied")
def apply_with_road_works(browser, step, project: dict, services: str) -> dict:
    return _apply(browser, step, project, application(services, road_works=True))


def _apply(browser, step, project: dict, form: dict) -> dict:
    before = snapshot(step)
    response = browser("owner").post(f"/api/projects/{project['code']}/utility-connection", json=form)
    return {"response": response, "before": before, **(response.json if response.status_code == 201 else {})}


@when(parsers.parse("综合窗口受理该报装申请，约定{year:d}年{month:d}月{day:d}日联合踏勘"))
def window_accepts(browser, applied: dict, year: int, month: int, day: int) -> None:
    response = browser("window").post(f"/api/utility-connection/{applied['id']}/acceptance",
                                      json={"decision": "accept", "survey_date": f"{year}-{month:02d}-{day:02d}"})
    assert response.status_code == 200, response.json


@when("综合窗口受理该报装申请但未填联合踏勘日期", target_fixture="applied")
def window_accepts_without_date(browser, step, applied: dict) -> dict:
    before = snapshot(step)
    response = browser("window").post(f"/api/utility-connection/{applied['id']}/acceptance",
                                      json={"decision": "accept"})
    return {"response": response, "before": before}


@when("综合窗口记录联合踏勘")
def window_records_survey(browser, applied: dict) -> None:
    response = browser("window").post(f"/api/utility-connection/{applied['id']}/joint-survey", json=SURVEY)
    assert response.status_code == 200, response.json


def _service_id(step, service: str) -> int:
    with step(write=False) as s:
        return s.scalars(select(UtilityService.id).where(UtilityService.name == service)).one()


@when(parsers.parse("{year:d}年{month:d}月{day:d}日市自来水公司审批人员受理勘查并验收开通供水报装"))
def water_connects(browser, step, clock, year: int, month: int, day: int) -> None:
    clock.value = datetime(year, month, day, 10, 0, tzinfo=CHINA_TZ)
    water, person = _service_id(step, "供水"), browser("exam_water_supply")
    response = person.post(f"/api/utility-services/{water}/survey",
                           json={"connection_plan": "DN150引入管一根，表井设于东门"})
    assert response.status_code == 200, response.json
    response = person.post(f"/api/utility-services/{water}/connection", json={"account_number": "ZZ-W-000123"})
    assert response.status_code == 200, response.json


@when(parsers.parse("{company}审批人员受理勘查{service}报装"), target_fixture="applied")
def company_surveys(browser, step, company: str, service: str) -> dict:
    before = snapshot(step)
    response = browser(COMPANY_USERS[company]).post(f"/api/utility-services/{_service_id(step, service)}/survey",
                                                    json={"connection_plan": "按踏勘意见接入"})
    return {"response": response, "before": before}


@when("城市管理局审批人员核查该许可，承诺已履行")
def offsite_verified(browser) -> None:
    person = browser("exam_urban_management")
    (row,) = person.get("/api/utility-offsite-permits").json
    response = person.post(f"/api/utility-offsite-permits/{row['permit']['id']}/verification",
                           json={"result": "kept", "opinion": "围挡、交通疏导符合承诺"})
    assert response.status_code == 200, response.json


def _track(browser, project: dict) -> dict:
    (view,) = browser("owner").get(f"/api/projects/{project['code']}/utility-connection").json
    return view


@then("各项报装的办理单位、时限和截止日期为:")
def limits_are(browser, project: dict, datatable) -> None:
    header, *rows = datatable
    shown = [[line["service"]["name"], line["company"], str(line["clock"]["limit_days"]), line["clock"]["deadline"],
              str(line["clock"]["remaining_days"])] for line in _track(browser, project)["services"]]
    assert sorted(shown) == sorted(rows), header


@then(parsers.parse('{service}报装状态为"{status}"，计时已结束，用时{days:d}个工作日'))
def service_finished(browser, project: dict, service: str, status: str, days: int) -> None:
    (line,) = [x for x in _track(browser, project)["services"] if x["service"]["name"] == service]
    clock = line["clock"]
    assert (line["service"]["status_name"], clock["stopped"], clock["used_days"]) == (status, True, days)


@then(parsers.parse('{service}报装状态为"{status}"，仍在计时'))
def service_running(browser, project: dict, service: str, status: str) -> None:
    (line,) = [x for x in _track(browser, project)["services"] if x["service"]["name"] == service]
    assert (line["service"]["status_name"], line["clock"]["stopped"]) == (status, False)


@then(parsers.parse('审计记录依次有"{actions}"'))
def audited_in_order(browser, project: dict, actions: str) -> None:
    events = browser("owner").get(f"/api/projects/{project['code']}/audit-trail").json
    seen = [e["action"] for e in events if e["action"] in actions.split("、")]
    assert sorted(seen, key=actions.split("、").index) == seen and set(seen) == set(actions.split("、"))


@then(parsers.parse('报装请求以"{code}"被拒绝，提示为"{message}"，且未改变任何数据'))
def refused(step, applied: dict, code: str, message: str) -> None:
    response = applied["response"]
    assert (response.json["code"], response.json["message"]) == (code, message)
    assert snapshot(step) == applied["before"]


@then(parsers.parse('报装请求以"{code}"被拒绝，"{field}"的提示为"{message}"，且未改变任何数据'))
def refused_field(step, applied: dict, code: str, field: str, message: str) -> None:
    response = applied["response"]
    assert (response.status_code, response.json["code"]) == (422, code)
    assert response.json["errors"][field] == [message]
    assert snapshot(step) == applied["before"]


@then(parsers.parse('"{name}"状态为"{status}"，核查期限为{day}'))
def permit_granted(browser, project: dict, name: str, status: str, day: str) -> None:
    (permit,) = [p for p in _track(browser, project)["permits"] if p["name"] == name]
    assert (permit["status_name"], permit["verify_by"]) == (status, day)


@then(parsers.parse('"{name}"状态为"{status}"'))
def permit_status(browser, project: dict, name: str, status: str) -> None:
    (permit,) = [p for p in _track(browser, project)["permits"] if p["name"] == name]
    assert permit["status_name"] == status



@then('建设单位的项目页上"水电气联动报装"一节逐项显示办理单位、状态、截止日期和剩余工作日')
def shown_on_project_page(browser, project: dict) -> None:
    page = browser("owner").get(f"/projects/{project['code']}").get_data(as_text=True)
    section = page[page.index("水电气联动报装（申请"):]
    section = section[:section.index("</section>")]
    for line in _track(browser, project)["services"]:
        clock = line["clock"]
        row = section[section.index(line["service"]["name"]):]
        row = row[:row.index("</tr>")]
        expected = (line["company"], line["service"]["status_name"], clock["deadline"], f'>{clock["remaining_days"]}<')
        for shown in expected:
            assert shown in row, (shown, row)
