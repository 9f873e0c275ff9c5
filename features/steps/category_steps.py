"""Steps about project categories: their stages and limits, the merged stage, and the item catalogue."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from engine.catalogue import ItemEntry, add_item
from engine.organisation.lanes import DEPARTMENTS
from tests.support.office import Office

from .common_steps import CATEGORY_CODES, act_through_api

DEPARTMENT_CODES = {name: code for code, name in DEPARTMENTS.items()}
STAGE_NUMBERS = {"施工许可": 3, "工程建设许可": 2, "竣工验收": 4, "立项用地规划许可": 1}


@given(parsers.parse('系统管理员在事项目录中为{category}增加{stage}事项"{name}"，由{department}在{days:d}个工作日内办结'))
def catalogue_item_added(step, runtime, category: str, stage: str, name: str, department: str, days: int) -> None:
    with step() as s:
        add_item(s, ItemEntry(code="traffic_impact_review", name=name, department_code=DEPARTMENT_CODES[department],
                              category=CATEGORY_CODES[category], stage=STAGE_NUMBERS[stage], committed_days=days,
                              materials=["占路施工方案", "交通组织方案"]), runtime.now())


@when("建设单位查看办理进度", target_fixture="progress_json")
def owner_reads_progress(browser, project: dict) -> dict:
    response = browser("owner").get(f"/api/projects/{project['code']}/progress")
    assert response.status_code == 200, response.json
    return response.json


@when(parsers.parse("建设单位提交{stage}阶段申请，综合窗口受理"))
def apply_and_accept(browser, office: Office, project: dict, stage: str) -> None:
    for bpmn_id in ("apply", "accept"):
        response = act_through_api(browser, office, project, bpmn_id)
        assert response.status_code == 200, response.json


@when("各部门审批人员均作出同意决定")
def everyone_approves(browser, office: Office, project: dict) -> None:
    for item in office.items(project["code"]):
        if item.bpmn_id.startswith("review_"):
            assert act_through_api(browser, office, project, item.bpmn_id).status_code == 200


@then(parsers.parse('项目依次经过"{stages}"'))
def stages_in_order(progress_json: dict, stages: str) -> None:
    assert [s["name"] for s in progress_json["stages"]] == stages.split("、")


@then(parsers.parse('审批总时限为{total:d}个工作日，各阶段时限依次为"{days}"'))
def limits_shown(progress_json: dict, total: int, days: str) -> None:
    assert progress_json["total_limit_days"] == total
    assert [s["limit_days"] for s in progress_json["stages"]] == [int(d) for d in days.split("、")]


@then(parsers.parse('并联审查的事项为"{names}"'))
def parallel_reviews(office: Office, project: dict, names: str) -> None:
    reviews = [i.name for i in office.items(project["code"]) if i.bpmn_id.startswith("review_")]
    assert sorted(reviews) == sorted(names.split("、"))


@then(parsers.parse('建设单位持有"{titles}"'))
def owner_holds(browser, project: dict, titles: str) -> None:
    certificates = browser("owner").get(f"/api/projects/{project['code']}/certificates").json
    assert [c["title"] for c in certificates if c["status"] == "valid"][-2:] == titles.split("、")
