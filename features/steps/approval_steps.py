"""Steps about stage applications, reviews, rejections and supplements."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from engine.audit.trail import trail, verify_chain
from engine.demo import DEMO_SURVEY
from engine.organisation.lanes import DEPARTMENTS
from tests.support.office import Office

from .attempts import Attempt
from .common_steps import act_through_api

DEPARTMENT_USERS = {name: f"exam_{code}" for code, name in DEPARTMENTS.items()}


@given("项目已通过立项用地规划许可阶段")
def stage_one_done(office: Office, project: dict) -> None:
    office.finish_stage(project["code"])


@given(parsers.parse("建设单位已提交{stage}阶段申请且综合窗口已受理"))
def applied_and_accepted(office: Office, project: dict, stage: str) -> None:
    office.act(project["code"], "apply")
    office.act(project["code"], "accept")


@when("各方依次办理四个阶段的全部事项", target_fixture="statuses")
def everyone_acts(browser, office: Office, project: dict) -> list[int]:
    statuses = []
    while office.items(project["code"]):
        item = sorted(office.items(project["code"]), key=lambda i: (i.since, i.bpmn_id))[0]
        if item.form_key == "stage_4_application":  # 多测合一 comes first: joint acceptance needs its result
            _survey_through_api(browser, project)
        statuses.append(act_through_api(browser, office, project, item.bpmn_id).status_code)
    return statuses


@when(parsers.parse('{department}审批人员以"{reason}"为由作出不予许可决定'))
def department_rejects(browser, office: Office, project: dict, department: str, reason: str) -> None:
    review = _review_of(office, project, department)
    response = act_through_api(browser, office, project, review, {"decision": "reject", "opinion": reason})
    assert response.status_code == 200, response.json


@when("其他部门审批人员作出同意决定")
def others_approve(browser, office: Office, project: dict) -> None:
    for item in [i for i in office.items(project["code"]) if i.bpmn_id.startswith("review_")]:
        assert act_through_api(browser, office, project, item.bpmn_id).status_code == 200


@when(parsers.parse('{department}审批人员要求补正"{first}"和"{second}"'), target_fixture="review")
def department_asks_supplement(browser, office: Office, project: dict, department: str, first: str,
                               second: str) -> str:
    review = _review_of(office, project, department)
    form = {"decision": "supplement", "opinion": "材料不全，请一次补齐", "missing_materials": [first, second]}
    assert act_through_api(browser, office, project, review, form).status_code == 200
    return review


@when(parsers.parse("{department}审批人员在补正前试图作出同意决定"), target_fixture="attempt")
def approve_too_early(browser, office: Office, project: dict, department: str, review: str) -> Attempt:
    before = _snapshot(browser, project)
    return Attempt(before, act_through_api(browser, office, project, review))


@when("建设单位提交补正材料")
def owner_supplies(browser, office: Office, project: dict, review: str) -> None:
    item = office.item(project["code"], review)
    url = f"/api/instances/{item.instance_id}/tasks/{item.task_id}/supplement"
    response = browser("owner").post(url, json={"materials": ["节地评价报告", "拐点坐标表"], "note": "已补齐"})
    assert response.status_code == 200, response.json


@when(parsers.parse("{department}审批人员作出同意决定"))
def department_approves(browser, office: Office, project: dict, department: str) -> None:
    response = act_through_api(browser, office, project, _review_of(office, project, department))
    assert response.status_code == 200, response.json


@then(parsers.parse('项目的四个阶段均为"{status}"'))
def all_stages(browser, project: dict, status: str) -> None:
    stages = browser("owner").get(f"/api/projects/{project['code']}/progress").json["stages"]
    assert [s["status"] for s in stages] == [status] * 4


@then(parsers.parse('办件状态为"{status}"'))
def instance_status(browser, project: dict, status: str) -> None:
    assert browser("owner").get(f"/api/projects/{project['code']}/progress").json["instance_status"] == {
        "已办结": "completed", "已撤回": "withdrawn", "办理中": "running"}[status]


@then(parsers.parse("审批轨迹按时间顺序列出全部 {count:d} 个动作"))
def audit_in_order(browser, project: dict, statuses: list[int], count: int) -> None:
    events = browser("owner").get(f"/api/projects/{project['code']}/audit-trail").json
    assert len(events) == count and set(statuses) == {200}
    assert [e["created_at"] for e in events] == sorted(e["created_at"] for e in events)
    actions = [e["action"] for e in events]
    assert actions[:2] == ["register_project", "start_approval"]
    assert set(actions[2:]) == {"complete_task", "issue_certificate", "commission_survey", "upload_survey_result"}


@then("审批轨迹的哈希链完整")
def chain_intact(step, project: dict) -> None:
    with step(write=False) as s:
        assert verify_chain(s, f"instance:{project['instance_id']}") == []
        assert len(trail(s, project["code"])) > 0


@then(parsers.parse('建设单位的待办中有"{task_name}"'))
def owner_inbox_has(browser, project: dict, task_name: str) -> None:
    rows = browser("owner").get("/api/work-items").json
    assert task_name in [r["name"] for r in rows]


@then(parsers.parse('建设单位看到{stage}阶段为"{status}"，理由为"{reason}"'))
def owner_sees_reason(browser, project: dict, stage: str, status: str, reason: str) -> None:
    stages = browser("owner").get(f"/api/projects/{project['code']}/progress").json["stages"]
    shown = next(s for s in stages if s["name"] == stage)
    assert shown["status"] == status
    assert [d["opinion"] for d in shown["decisions"] if d["outcome"] == "reject"] == [reason]


@then(parsers.parse('建设单位看到需补正的材料为"{materials}"'))
def owner_sees_materials(browser, project: dict, materials: str) -> None:
    requests = browser("owner").get(f"/api/projects/{project['code']}/supplement-requests").json
    assert [r["materials"] for r in requests] == [materials.split("、")]


@then("请求被拒绝且办件未改变")
def refused_and_unchanged(browser, project: dict, attempt: Attempt) -> None:
    assert attempt.response.status_code == 409
    assert attempt.response.json["code"] == "invalid_state"
    assert _snapshot(browser, project) == attempt.before


@then(parsers.parse('{department}的审查结论为"{outcome}"'))
def review_outcome(browser, project: dict, department: str, outcome: str) -> None:
    stages = browser("owner").get(f"/api/projects/{project['code']}/progress").json["stages"]
    mapping = {"同意": "approve", "不予许可": "reject"}
    found = [d["outcome"] for s in stages for d in s["decisions"] if d["who"] == department
             and d["task_name"] != "核发建设用地规划许可证"]
    assert found == [mapping[outcome]]


def _survey_through_api(browser, project: dict) -> None:
    """The owner commissions the survey firm once; the firm submits the one 多测合一 result."""
    code = project["code"]
    commissioned = browser("owner").post(f"/api/projects/{code}/survey-commission", json={"firm_username": "survey"})
    submitted = browser("survey").post(f"/api/projects/{code}/survey-result", json=DEMO_SURVEY)
    assert (commissioned.status_code, submitted.status_code) == (201, 201), (commissioned.json, submitted.json)


def _review_of(office: Office, project: dict, department: str) -> str:
    code = DEPARTMENT_USERS[department].removeprefix("exam_")
    return next(i.bpmn_id for i in office.items(project["code"])
                if i.department_code == code and i.bpmn_id.startswith("review_"))


def _snapshot(browser, project: dict) -> tuple:
    owner = browser("owner")
    return (owner.get(f"/api/projects/{project['code']}/progress").json,
            owner.get(f"/api/projects/{project['code']}/audit-trail").json)


@when(parsers.parse('{department}审批人员再次要求补正"{material}"'), target_fixture="attempt")
def department_asks_again(browser, office: Office, project: dict, department: str, material: str,
                          review: str) -> Attempt:
    before = _snapshot(browser, project)
    form = {"decision": "supplement", "opinion": "仍需补正", "missing_materials": [material]}
    return Attempt(before, act_through_api(browser, office, project, review, form))


@then(parsers.parse('再次补正的要求被拒绝，理由列出"{material}"，办件未改变'))
def second_round_refused(browser, project: dict, material: str, attempt: Attempt) -> None:
    response = attempt.response
    assert response.status_code == 422 and response.json["code"] == "outside_first_round"
    assert material in response.json["message"]
    assert _snapshot(browser, project) == attempt.before
