"""Steps about 分阶段施工许可, the 建筑工程综合许可证 (自选下单), 多测合一 and joint completion acceptance."""

from __future__ import annotations

from urllib.parse import urlsplit

from pytest_bdd import given, parsers, then, when
from sqlalchemy import select
from sqlalchemy.orm import undefer

from engine.demo import complete_demo_survey, demo_form
from engine.issuance import Certificate
from tests.construction.support import FIRST_PHASE, comprehensive_form, snapshot
from tests.support.office import Office
from tests.support.pdfs import qr_texts

from .attempts import Attempt
from .common_steps import act_through_api

USERS = {"住房和城乡建设局": "exam_housing_construction", "行政审批局": "exam_administrative_approval",
         "自然资源和规划局": "exam_natural_resources", "人民防空办公室": "exam_civil_defence",
         "园林绿化局": "exam_landscaping"}
LICENCE_CODES = {"夜间施工许可": "night_work_permit", "城市建筑垃圾处置核准": "construction_waste_disposal_approval",
                 "影响交通安全的占路施工": "traffic_road_occupation_permit"}
PHASE_CODES = {"基坑支护和土方开挖": "excavation_support_earthworks"}


def _certificates(office: Office, project: dict, kind: str) -> list[Certificate]:
    with office.step(write=False) as s:
        return list(s.scalars(select(Certificate).options(undefer(Certificate.pdf)).where(
            Certificate.project_code == project["code"], Certificate.kind == kind).order_by(Certificate.id)))


def _public_status(app, cert: Certificate) -> dict:
    """Scan the certificate's QR code and open the public verification API it leads to."""
    [url] = qr_texts(cert.pdf)
    number = urlsplit(url).path.rsplit("/", 1)[-1]
    return app.test_client().get(f"/api/certificates/{number}/verification").json


# --- 分阶段施工许可 -----------------------------------------------------------------------------------------

@when(parsers.parse('建设单位在系统中申请"{phase}"阶段施工许可，填写施工总承包单位并承诺质量安全可控'),
      target_fixture="phase_application_id")
def owner_applies_phase(browser, project: dict, phase: str) -> int:
    form = FIRST_PHASE | {"phase": PHASE_CODES[phase]}
    response = browser("owner").post(f"/api/projects/{project['code']}/phase-permits", json=form)
    assert response.status_code == 201, response.json
    return response.json["id"]


@when("住房和城乡建设局在系统中核发该阶段施工许可", target_fixture="phase_number")
def housing_issues_phase(browser, phase_application_id: int) -> str:
    url = f"/api/phase-permits/{phase_application_id}/issuance"
    response = browser("exam_housing_construction").post(url, json={"remarks": "后续阶段另行申领"})
    assert response.status_code == 201, response.json
    return response.json["number"]


@when(parsers.parse('帮办代办员在系统中代为申请"{phase}"阶段施工许可并勾选质量安全承诺'), target_fixture="attempt")
def agent_commits(browser, office: Office, project: dict, phase: str) -> Attempt:
    before = snapshot(office)
    form = FIRST_PHASE | {"phase": PHASE_CODES[phase]}
    return Attempt(before, browser("agent").post(f"/api/projects/{project['code']}/phase-permits", json=form))


@given("项目已通过工程建设许可阶段，施工许可阶段除核发外的事项已由各部门办结")
def up_to_construction_issuance(office: Office, project: dict) -> None:
    office.finish_stage(project["code"])
    office.finish_stage(project["code"])
    for bpmn_id in ("apply", "accept"):
        office.act(project["code"], bpmn_id)
    for review in [i.bpmn_id for i in office.items(project["code"]) if i.bpmn_id.startswith("review_")]:
        office.act(project["code"], review)


@when("住房和城乡建设局在系统中核发整体施工许可证")
def housing_issues_full_permit(browser, office: Office, project: dict) -> None:
    assert act_through_api(browser, office, project, "issue").status_code == 200


@then(parsers.parse('建设单位取得编号以"{suffix}"结尾的分阶段施工许可证，施工范围为"{scope}"'))
def owner_holds_phase_permit(browser, project: dict, phase_number: str, suffix: str, scope: str) -> None:
    rows = browser("owner").get(f"/api/projects/{project['code']}/certificates").json
    [phase] = [r for r in rows if r["kind"] == "phased_construction_permit"]
    assert (phase["number"], phase["status_name"]) == (phase_number, "有效")
    assert phase["number"].endswith(suffix)
    page = browser("owner").get(f"/api/certificates/{phase['number']}/verification").json
    assert {f["label"]: f["value"] for f in page["fields"]}["施工范围"] == scope


@then("整体施工许可证沿用阶段许可证的主编号")
def full_permit_number(office: Office, project: dict, phase_number: str) -> None:
    [full] = _certificates(office, project, "construction_permit")
    assert phase_number == f"{full.number}-S1"


@then(parsers.parse('扫码核验阶段许可证显示"{status}"，并指向整体施工许可证'))
def phase_superseded(app, office: Office, project: dict, status: str) -> None:
    [phase] = _certificates(office, project, "phased_construction_permit")
    [full] = _certificates(office, project, "construction_permit")  # read here: a Then step publishes nothing
    page = _public_status(app, phase)
    assert (page["status_name"], page["successor_number"]) == (status, full.number)


@then(parsers.parse('请求被拒绝，理由为"{reason}"，未产生任何申请或证照'))
def refused_nothing_made(office: Office, attempt: Attempt, reason: str) -> None:
    response = attempt.response
    assert (response.status_code, response.json["message"]) == (403, reason)
    assert snapshot(office) == attempt.before


# --- 建筑工程综合许可证 -------------------------------------------------------------------------------------

def _order(browser, project: dict, names: list[str]) -> None:
    form = comprehensive_form(*(LICENCE_CODES[n] for n in names))
    response = browser("owner").post(f"/api/projects/{project['code']}/comprehensive-orders", json=form)
    assert response.status_code == 201, response.json


@when(parsers.parse('建设单位在系统中自选"{first}"和"{second}"申请建筑工程综合许可证'))
def owner_orders(browser, office: Office, project: dict, first: str, second: str) -> None:
    _order(browser, project, [first, second])


@when(parsers.parse('建设单位在系统中追加申请"{name}"'), target_fixture="first_permit")
def owner_adds(browser, office: Office, project: dict, name: str) -> Certificate:
    [cert] = _certificates(office, project, "comprehensive_construction_permit")
    _order(browser, project, [name])
    return cert


@when("综合窗口受理，行政审批局组织联合踏勘，各许可部门同意，行政审批局核发综合许可证")
def the_office_acts(browser, office: Office, project: dict) -> None:
    forms = {"accept": demo_form("acceptance_decision", project["code"]),
             "inspect": {"inspection_date": "2026-11-02", "findings": "现场具备施工条件"},
             "issue": {"certificate_remarks": "一证开工"}}
    for bpmn_id in ("accept", "inspect"):
        assert act_through_api(browser, office, project, bpmn_id, forms[bpmn_id]).status_code == 200
    for review in sorted(i.bpmn_id for i in office.items(project["code"]) if i.bpmn_id.startswith("review_")):
        assert act_through_api(browser, office, project, review).status_code == 200
    assert act_through_api(browser, office, project, "issue", forms["issue"]).status_code == 200


@then(parsers.parse('建设单位的综合许可证含"{names}"{count}项许可'))
def permit_holds(browser, office: Office, project: dict, names: str, count: str) -> None:
    valid = [c for c in _certificates(office, project, "comprehensive_construction_permit") if c.status == "valid"]
    assert [b["title"] for b in valid[0].data["blocks"]] == names.split("、")
    licences = browser("owner").get(f"/api/projects/{project['code']}/comprehensive-licences").json
    assert [b["number"] for b in valid[0].data["blocks"]] == [row["number"] for row in licences]


@then(parsers.parse('夜间施工许可的条件写明"{hours}"，建筑垃圾处置核准的条件写明运输路线和消纳场所'))
def conditions_printed(office: Office, project: dict, hours: str) -> None:
    [cert] = _certificates(office, project, "comprehensive_construction_permit")
    conditions = {b["title"]: dict(b["fields"])["许可条件"] for b in cert.data["blocks"]}
    assert hours in conditions["夜间施工许可"]
    assert "运输路线：汉西一路—建设大道—三环线" in conditions["城市建筑垃圾处置核准"]
    assert "消纳场所：东西湖区走马岭消纳场" in conditions["城市建筑垃圾处置核准"]


@then("原有三项许可的编号不变")
def numbers_kept(office: Office, project: dict) -> None:
    old, new = _certificates(office, project, "comprehensive_construction_permit")
    assert [b["number"] for b in new.data["blocks"]][:3] == [b["number"] for b in old.data["blocks"]]


@then(parsers.parse('扫码核验原综合许可证显示"{status}"，并指向新的综合许可证'))
def old_permit_superseded(app, office: Office, project: dict, first_permit: Certificate, status: str) -> None:
    old, new = _certificates(office, project, "comprehensive_construction_permit")
    page = _public_status(app, first_permit)
    assert (page["number"], page["status_name"], page["successor_number"]) == (old.number, status, new.number)


# --- 多测合一 -------------------------------------------------------------------------------------------

@given("项目已通过前三个审批阶段")
def three_stages_done(office: Office, project: dict) -> None:
    for _stage in range(3):
        office.finish_stage(project["code"])


@when("建设单位试图提交竣工验收阶段申请", target_fixture="attempt")
def owner_tries_stage_four(browser, office: Office, project: dict) -> Attempt:
    before = snapshot(office)
    return Attempt(before, act_through_api(browser, office, project, "apply"))


@then(parsers.parse('申请被拒绝，理由为"{reason}"，办件未改变'))
def stage_four_refused(office: Office, attempt: Attempt, reason: str) -> None:
    response = attempt.response
    assert (response.status_code, response.json["message"]) == (409, reason)
    assert snapshot(office) == attempt.before


@when(parsers.parse('建设单位在系统中委托测绘单位"{firm}"承担多测合一'))
def owner_commissions(browser, project: dict, firm: str) -> None:
    response = browser("owner").post(f"/api/projects/{project['code']}/survey-commission",
                                     json={"firm_username": firm})
    assert response.status_code == 201, response.json


@when("测绘单位在系统中提交多测合一成果", target_fixture="survey_number")
def firm_uploads(browser, project: dict) -> str:
    from engine.demo import DEMO_SURVEY

    response = browser("survey").post(f"/api/projects/{project['code']}/survey-result", json=DEMO_SURVEY)
    assert response.status_code == 201, response.json
    return response.json["number"]


@when(parsers.parse("{first}、{second}和{third}在验收中引用多测合一成果"), target_fixture="survey_views")
def departments_cite(browser, project: dict, first: str, second: str, third: str) -> dict:
    views = {}
    for department in (first, second, third):
        response = browser(USERS[department]).post(f"/api/projects/{project['code']}/survey-result/citations")
        assert response.status_code == 200, response.json
        views[department] = response.json
    return views


@then("三个部门引用的是同一份成果，各自看到本部门使用的测绘数据")
def same_result(browser, project: dict, survey_views: dict, survey_number: str) -> None:
    views = survey_views
    assert {(v["result_id"], v["number"]) for v in views.values()} == {
        (views["自然资源和规划局"]["result_id"], survey_number)}
    assert [s["name"] for s in views["人民防空办公室"]["surveys"]] == ["人防地下室面积"]
    assert [s["name"] for s in views["园林绿化局"]["surveys"]] == ["绿地"]
    assert "规划竣工测绘" in [s["name"] for s in views["自然资源和规划局"]["surveys"]]
    whole = browser("owner").get(f"/api/projects/{project['code']}/survey-result").json
    assert whole["cited_by"] == ["natural_resources", "civil_defence", "landscaping"]


@when("建设单位在系统中提交竣工验收阶段申请")
def owner_applies_stage_four(browser, office: Office, project: dict) -> None:
    assert act_through_api(browser, office, project, "apply").status_code == 200


@then(parsers.parse('综合窗口的待办中有"{task_name}"'))
def window_inbox(browser, project: dict, task_name: str) -> None:
    rows = browser("window").get(f"/api/work-items?project_code={project['code']}").json
    assert [r["name"] for r in rows] == [task_name]


# --- 联合竣工验收 -----------------------------------------------------------------------------------------

@given("测绘单位已提交多测合一成果，建设单位已提交竣工验收阶段申请且综合窗口已受理")
def ready_for_acceptance(office: Office, project: dict) -> None:
    with office.step() as s:
        complete_demo_survey(s, office.runtime, project["code"])
    office.act(project["code"], "apply")
    office.act(project["code"], "accept")


@when(parsers.parse('住房和城乡建设局在消防验收中发现问题，一次性告知补正"{material}"'))
def fire_defect(browser, office: Office, project: dict, material: str) -> None:
    form = {"decision": "supplement", "opinion": "消防设施检测不全，请整改后补正", "missing_materials": [material]}
    assert act_through_api(browser, office, project, "review_fire_acceptance", form).status_code == 200


@when(parsers.parse("时间过去{days:d}个工作日"))
def working_days_pass(clock, days: int) -> None:
    clock.advance(days=days)  # the scenario starts on a Monday: these are working days


@when("建设单位在系统中提交整改材料")
def owner_corrects(browser, office: Office, project: dict) -> None:
    item = office.item(project["code"], "review_fire_acceptance")
    url = f"/api/instances/{item.instance_id}/tasks/{item.task_id}/supplement"
    response = browser("owner").post(url, json={"materials": ["消防设施检测报告"], "note": "已整改并复检"})
    assert response.status_code == 200, response.json


@when("各成员单位在系统中作出同意意见")
def members_agree(browser, office: Office, project: dict) -> None:
    for review in sorted(i.bpmn_id for i in office.items(project["code"]) if i.bpmn_id.startswith("review_")):
        assert act_through_api(browser, office, project, review).status_code == 200


@when("住房和城乡建设局在系统中出具竣工联合验收意见书")
def opinion_issued(browser, office: Office, project: dict) -> None:
    assert act_through_api(browser, office, project, "issue").status_code == 200


@then(parsers.parse('竣工联合验收意见书已出具，扫码核验显示"{status}"'))
def opinion_verified(app, office: Office, project: dict, status: str) -> None:
    [opinion] = _certificates(office, project, "joint_acceptance_opinion")
    assert _public_status(app, opinion)["status_name"] == status


@then(parsers.parse("{task_name}已用{used:d}个工作日，整改的{days:d}个工作日不计入办理时限"))
def clock_excludes_correction(browser, project: dict, task_name: str, used: int, days: int) -> None:
    clocks = browser("owner").get(f"/api/projects/{project['code']}/clocks").json
    [line] = [c for c in clocks if c["label"] == task_name and c["stage"] == "竣工验收"]
    assert line["used_days"] == used < days


@when("住房和城乡建设局在系统中记录资料审核完成，安排联合现场验收")
def document_check_done(browser, project: dict) -> None:
    response = browser("exam_housing_construction").post(
        f"/api/projects/{project['code']}/joint-acceptance/document-check",
        json={"site_visit_date": "2026-11-09", "note": "各成员单位资料审核通过"})
    assert response.status_code == 201, response.json
    assert (response.json["label"], response.json["limit_days"]) == ("联合现场验收（竣工联合验收）", 3)


@then(parsers.parse('联合验收时间表中"{first}"{first_days:d}个工作日和"{second}"{second_days:d}个工作日分别计时，'
                    '均不含整改期，整改按时完成'))
def timetable_excludes_correction(browser, project: dict, first: str, first_days: int, second: str,
                                  second_days: int) -> None:
    lines = {line["name"]: line for line in
             browser("owner").get(f"/api/projects/{project['code']}/joint-acceptance/timetable").json}
    assert list(lines) == ["统一受理", first, second, "出具联合验收意见", "整改（第1次一次性告知）"]
    for span, days in ((first, first_days), (second, second_days)):
        assert (lines[span]["limit_days"], lines[span]["used_days"], lines[span]["running"]) == (days, 0, False)
    correction = lines["整改（第1次一次性告知）"]
    assert (correction["limit_days"], correction["used_days"], correction["state"]) == (3, 3, "预警")


@then(parsers.parse("建设单位和电子监察都看到竣工验收备案须在意见书出具后{days:d}日内办理"))
def filing_deadline_visible(browser, office: Office, project: dict, days: int) -> None:
    [opinion] = _certificates(office, project, "joint_acceptance_opinion")
    owner = browser("owner").get(f"/api/projects/{project['code']}/completion-filing").json
    board = browser("supervisor").get("/api/completion-filings").json
    assert board == [owner]
    assert (owner["opinion_number"], owner["days_left"], owner["state"]) == (opinion.number, days, "待备案")
