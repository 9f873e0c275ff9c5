"""容缺受理 on the window's task page: the owner's signed commitment is shown, the window ticks the main materials
received; a missing main material is refused beside the field with the ticks kept and nothing changed."""

from __future__ import annotations

import re

from engine import sign_tolerance_commitment
from engine.acceptance.models import ToleranceCase
from engine.issuance.models import Certificate
from tests.support.office import Office

from .support import CODE, count

MAIN = ["建设项目环境影响报告书（表）", "环境影响评价审批申请表"]


def signed(office: Office) -> str:
    code, instance_id = office.new_project(CODE)
    office.act(code, "apply")
    with office.step() as s:
        sign_tolerance_commitment(s, office.runtime, office.actor(s, "owner"), instance_id, {
            "item": "environmental_impact_assessment", "missing_materials": ["专家评审意见"], "confirmed": True})
    return code


def test_the_window_accepts_with_tolerance_on_its_page(person, office: Office, step) -> None:
    code = signed(office)
    window = person("window")
    url = re.search(r'href="(/window/tasks/[0-9a-f-]+)"', window.get("/window/").text).group(1)
    page = window.get(url).text
    assert "容缺受理：" in page and "专家评审意见" in page
    assert re.findall(r'name="present_materials" value="([^"]+)"', page) == MAIN
    instance_id = re.search(r'name="instance_id" value="(\d+)"', page).group(1)
    done = window.post(f"{url}/tolerance", {"instance_id": instance_id, "item": "environmental_impact_assessment",
                                             "present_materials": MAIN, "opinion": "主要材料齐全"})
    assert done.status_code == 302 and done.location == "/window/"
    assert "已容缺受理" in window.get("/window/").text
    with step(write=False) as s:
        case = s.query(ToleranceCase).one()
        assert case.status == "open" and case.notice_number
    assert any(i.bpmn_id.startswith("review_") for i in office.items(code))


def test_a_missing_main_material_is_refused_beside_the_field_and_nothing_changes(person, office: Office,
                                                                                 step) -> None:
    code = signed(office)
    window = person("window")
    url = re.search(r'href="(/window/tasks/[0-9a-f-]+)"', window.get("/window/").text).group(1)
    instance_id = re.search(r'name="instance_id" value="(\d+)"', window.get(url).text).group(1)
    before = (count(step, Certificate), [i.bpmn_id for i in office.items(code)])
    refused = window.post(f"{url}/tolerance", {"instance_id": instance_id, "item": "environmental_impact_assessment",
                                                "present_materials": MAIN[:1], "opinion": "先收主件"})
    assert refused.status_code == 422
    beside = re.search(r'<p class="field-error" id="tol-error-1">(.*?)</p>', refused.text, re.S).group(1)
    assert "主要申请材料不齐全，不能容缺受理：环境影响评价审批申请表" in beside
    assert f'value="{MAIN[0]}" checked' in refused.text and f'value="{MAIN[1]}" checked' not in refused.text
    assert "先收主件" in refused.text
    with step(write=False) as s:
        assert s.query(ToleranceCase).one().status == "signed"
    assert (count(step, Certificate), [i.bpmn_id for i in office.items(code)]) == before


def test_only_the_window_accepts_with_tolerance(person, office: Office, step) -> None:
    code = signed(office)
    item = office.item(code, "accept")
    examiner = person("exam_ecology_environment")
    answer = examiner.post(f"/window/tasks/{item.task_id}/tolerance", {
        "instance_id": item.instance_id, "item": "environmental_impact_assessment", "present_materials": MAIN})
    assert answer.status_code == 403
    with step(write=False) as s:
        assert s.query(ToleranceCase).one().status == "signed"
