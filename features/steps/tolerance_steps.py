"""Steps about 容缺受理: the published list, the owner's commitment, the window's acceptance, supply and check,
the issuance block, and the deadline → suspension → 退件 path driven by the sweeper."""

from __future__ import annotations

from datetime import datetime

from pytest_bdd import given, parsers, then, when
from sqlalchemy import func, select

from engine import accept_with_tolerance, sign_tolerance_commitment
from engine.acceptance.credit import write_credit_record
from engine.acceptance.models import CommitmentCase, CreditRecord, PrePermit, ToleranceCase
from engine.audit.models import AuditEvent
from engine.issuance.models import Certificate
from engine.organisation.accounts import user_by_username
from engine.work_items.models import Decision, WorkItem
from tests.support.office import Office

from .attempts import Attempt
from .common_steps import act_through_api
from .deadline_steps import beijing_time

ITEMS = {"环境影响评价审批": "environmental_impact_assessment"}
ENTRY = {"environmental_impact_assessment": ["建设项目环境影响报告书（表）", "环境影响评价审批申请表"]}


def snapshot(step) -> dict:
    """Everything a refused request must leave as it was."""
    with step(write=False) as s:
        counts = {model.__name__: s.scalar(select(func.count()).select_from(model)) for model in
                  (WorkItem, Decision, Certificate, ToleranceCase, CommitmentCase, PrePermit, CreditRecord, AuditEvent)}
        counts["statuses"] = sorted((c.item, c.status) for c in s.scalars(select(ToleranceCase)))
        counts["certificates"] = sorted((c.number, c.status) for c in s.scalars(select(Certificate)))
        return counts


def try_request(step, call) -> Attempt:
    """Take the snapshot, then make the request ``call`` sends."""
    before = snapshot(step)
    return Attempt(before, call())


@then(parsers.parse('请求以"{code}"被拒绝且容缺事项未改变'))
@then(parsers.parse('请求以"{code}"被拒绝且未改变任何数据'))
def refused(step, attempt: Attempt, code: str) -> None:
    response = attempt.response
    assert response.status_code >= 400, response.json
    assert response.json["code"] == code, response.json
    assert response.json["message"]
    assert snapshot(step) == attempt.before


@given("建设单位已提交立项用地规划许可阶段申请")
def applied(office: Office, project: dict) -> None:
    office.act(project["code"], "apply")


@given(parsers.parse('建设单位已签署"{name}"的容缺受理承诺书，容缺材料为"{materials}"'))
def signed(office: Office, project: dict, name: str, materials: str) -> None:
    with office.step() as s:
        sign_tolerance_commitment(s, office.runtime, office.actor(s, "owner"), project["instance_id"], {
            "item": ITEMS[name], "missing_materials": materials.split("、"), "confirmed": True})


@given(parsers.parse('综合窗口已对"{name}"容缺受理'))
def accepted(office: Office, project: dict, name: str) -> None:
    item = office.item(project["code"], "accept")
    with office.step() as s:
        accept_with_tolerance(s, office.runtime, office.actor(s, "window"), item.instance_id, item.task_id,
                              {"item": ITEMS[name], "present_materials": ENTRY[ITEMS[name]]})


@given("建设单位因虚假承诺被记入失信名单")
def bad_credit(office: Office) -> None:
    with office.step() as s:
        # imported from the unified credit platform (全国信用信息共享平台): no case of this office
        write_credit_record(s, office.runtime, None, user_by_username(s, "owner"), "曾作出虚假承诺", None, ban=False)


@then(parsers.parse('清单列明"{name}"的主要材料、可容缺材料"{material}"和补正时限{days:d}个工作日'))
def list_shows(published: dict, name: str, material: str, days: int) -> None:
    assert published["api"].status_code == 200
    (entry,) = [e for e in published["api"].json if e["name"] == name]
    assert entry["main_materials"] == ENTRY[ITEMS[name]]
    assert material in entry["tolerable_materials"]
    assert entry["supplement_days"] == days <= entry["committed_days"]
    assert name in published["page"] and material in published["page"] and f"{days}个工作日" in published["page"]


def _accept(browser, office: Office, project: dict, name: str, present: list[str]):
    item = office.item(project["code"], "accept")
    return browser("window").post(f"/api/instances/{item.instance_id}/tasks/{item.task_id}/tolerance-acceptance",
                                  json={"item": ITEMS[name], "present_materials": present, "opinion": "主要材料齐全"})


@when(parsers.parse('综合窗口对"{name}"容缺受理'), target_fixture="attempt")
def window_accepts(browser, office: Office, project: dict, step, name: str) -> Attempt:
    return try_request(step, lambda: _accept(browser, office, project, name, ENTRY[ITEMS[name]]))


@when(parsers.parse('综合窗口在缺少"{material}"时对"{name}"容缺受理'), target_fixture="attempt")
def window_accepts_without(browser, office: Office, project: dict, step, material: str, name: str) -> Attempt:
    present = [m for m in ENTRY[ITEMS[name]] if m != material]
    return try_request(step, lambda: _accept(browser, office, project, name, present))


@when(parsers.parse('代办员试图签署"{name}"的容缺受理承诺书'), target_fixture="attempt")
def agent_signs(browser, project: dict, step, name: str) -> Attempt:
    return try_request(step, lambda: browser("agent").post(
        f"/api/instances/{project['instance_id']}/tolerance-commitments",
        json={"item": ITEMS[name], "missing_materials": ["公众参与说明"], "confirmed": True}))


def _case(browser, project: dict, name: str) -> dict:
    shown = browser("owner").get(f"/api/projects/{project['code']}/acceptance-modes").json["tolerance"]
    (case,) = [c for c in shown if c["item_name"] == name]
    return case


@then(parsers.parse('建设单位看到"{name}"为"{status}"，补正期限至{moment}，已用{used:d}个工作日，剩余{left:d}个工作日'))
def owner_sees_case(browser, project: dict, name: str, status: str, moment: str, used: int, left: int) -> None:
    case = _case(browser, project, name)
    assert case["status_name"] == status
    assert datetime.fromisoformat(case["supplement_due"]) == beijing_time(moment)
    assert (case["days_used"], case["days_left"]) == (used, left)


@then(parsers.parse('建设单位可以下载编号的"{title}"'))
def owner_has_notice(browser, project: dict, title: str) -> None:
    certs = browser("owner").get(f"/api/projects/{project['code']}/certificates").json
    (notice,) = [c for c in certs if c["title"] == title]
    pdf = browser("owner").get(f"/api/certificates/{notice['number']}/pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


@when(parsers.parse("{department}审批人员试图在容缺材料补齐前核发"), target_fixture="attempt")
def issue_blocked(browser, office: Office, project: dict, step, department: str) -> Attempt:
    return try_request(step, lambda: act_through_api(browser, office, project, "issue"))


@then("核发被拒绝且办件未改变")
def issuance_refused(step, office: Office, project: dict, attempt: Attempt) -> None:
    response = attempt.response
    assert response.status_code == 409 and response.json["code"] == "issuance_blocked"
    assert "环境影响评价审批" in response.json["message"]
    assert snapshot(step) == attempt.before
    assert office.item(project["code"], "issue")  # still waiting in the lead department's inbox


@when(parsers.parse('时间来到{moment}，建设单位补正"{materials}"'))
def owner_supplies_at(browser, clock, project: dict, moment: str, materials: str) -> None:
    clock.value = beijing_time(moment)
    case = _case(browser, project, "环境影响评价审批")
    response = browser("owner").post(f"/api/tolerance-cases/{case['id']}/supply",
                                     json={"materials": materials.split("、")})
    assert response.status_code == 200, response.json


@when(parsers.parse('建设单位试图补正"{materials}"'), target_fixture="attempt")
def owner_tries_supply(browser, project: dict, step, materials: str) -> Attempt:
    case = _case(browser, project, "环境影响评价审批")
    return try_request(step, lambda: browser("owner").post(
        f"/api/tolerance-cases/{case['id']}/supply", json={"materials": materials.split("、")}))


@when("综合窗口核验补正材料通过")
def window_checks(browser, project: dict) -> None:
    case = _case(browser, project, "环境影响评价审批")
    response = browser("window").post(f"/api/tolerance-cases/{case['id']}/check", json={"decision": "pass"})
    assert response.status_code == 200, response.json


@then(parsers.parse('审批轨迹依次记录容缺事项的"{actions}"'))
def trail_of_case(browser, project: dict, actions: str) -> None:
    events = browser("owner").get(f"/api/projects/{project['code']}/audit-trail").json
    assert [e["action"] for e in events if e["action"].startswith(("tolerance", "sign_tolerance"))] \
        == actions.split("、")


@when(parsers.parse("{department}审批人员在容缺材料补齐后核发"))
def issue_after_supply(browser, office: Office, project: dict, department: str) -> None:
    response = act_through_api(browser, office, project, "issue")
    assert response.status_code == 200, response.json
