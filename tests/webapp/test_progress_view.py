"""The progress view: each process drawn with done/active/waiting marked, a text equivalent, the stages
and decisions, and the timeline — all in the HTML, no JavaScript."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

import engine
from engine.processes.models import ProcessInstance
from engine.project_view.diagrams import stage_diagrams
from tests.support.office import Office

from .support import CODE

STAGE_1 = "stage_project_land_planning"


def state_in(html: str, process_id: str, bpmn_id: str) -> str:
    section = html[html.index(f'id="diagram-{process_id}"'):]
    section = section[: section.index("</details>")]
    return re.search(rf'data-element-id="{bpmn_id}" data-state="(\w+)"', section).group(1)


def text_state(html: str, process_id: str, bpmn_id: str) -> str:
    section = html[html.index(f'id="diagram-{process_id}"'):]
    return re.search(rf'<tr data-element-id="{bpmn_id}"><td>[^<]*</td><td>([^<]*)</td>', section).group(1)


def test_diagrams_mark_what_is_done_under_way_and_waiting(person, office: Office) -> None:
    code, _ = office.new_project(CODE)
    office.act(code, "apply")
    office.act(code, "accept")
    office.act(code, "review_enterprise_project_filing")
    html = person("owner").get(f"/projects/{code}").text
    assert html.count("<svg ") == 5  # the main process and four stages
    assert state_in(html, "social_investment_project", "call_stage_1") == "active"
    assert state_in(html, STAGE_1, "apply") == "completed"
    assert state_in(html, STAGE_1, "review_enterprise_project_filing") == "completed"
    assert state_in(html, STAGE_1, "review_flood_impact_assessment") == "active"
    assert state_in(html, STAGE_1, "gw_join") == "waiting"
    assert text_state(html, STAGE_1, "review_enterprise_project_filing") == "已完成"
    assert text_state(html, STAGE_1, "review_flood_impact_assessment") == "进行中"
    assert text_state(html, "stage_engineering_permit", "apply") == "未开始"


def test_every_diagram_has_its_own_accessible_name_and_description(person, office: Office) -> None:
    code, _ = office.new_project(CODE)
    html = person("owner").get(f"/projects/{code}").text
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids must be unique on the page"
    labelled = re.findall(r'<svg [^>]*aria-labelledby="([^"]+)"', html)
    assert len(labelled) == 5
    for pair in labelled:
        title, desc = pair.split()
        assert f'<title id="{title}">' in html and f'<desc id="{desc}">' in html
    assert 'class="sr-only"' in html and "各环节状态" in html


def test_stages_decisions_and_timeline_are_listed(person, office: Office) -> None:
    code, _ = office.new_project(CODE)
    office.act(code, "apply")
    office.act(code, "accept", {"decision": "accept", "opinion": "材料齐全，予以受理"})
    html = person("owner").get(f"/projects/{code}").text
    assert "审查中" in html and "申报 1 次" in html
    assert "材料齐全，予以受理" in html
    timeline = html[html.index('<ol class="timeline">'):]
    assert timeline.index("登记项目") < timeline.index("启动审批") < timeline.index("“综合窗口受理”：受理")


def test_a_review_waiting_for_a_supplement_is_drawn_as_waiting(person, office: Office) -> None:
    code, _ = office.new_project(CODE)
    office.act(code, "apply")
    office.act(code, "accept")
    office.act(code, "review_flood_impact_assessment", {"decision": "supplement", "opinion": "补充",
                                                        "missing_materials": ["防洪评价报告"]})
    html = person("owner").get(f"/projects/{code}").text
    assert state_in(html, STAGE_1, "review_flood_impact_assessment") == "waiting"
    assert state_in(html, STAGE_1, "review_enterprise_project_filing") == "active"


def test_reading_the_diagrams_changes_nothing(office: Office, step, runtime) -> None:
    code, _ = office.new_project(CODE)
    with step(write=False) as s:
        before = s.scalar(select(ProcessInstance.revision).where(ProcessInstance.project_code == code))
        diagrams = stage_diagrams(s, runtime, office.actor(s, "owner"), code)
    assert [d.process_id for d in diagrams] == ["social_investment_project", *[st.process_id for st in engine.STAGES]]
    with step(write=False) as s:
        assert s.scalar(select(ProcessInstance.revision).where(ProcessInstance.project_code == code)) == before


def test_the_use_case_checks_who_may_see_the_project(office: Office, step, runtime) -> None:
    code, _ = office.new_project(CODE)
    with step(write=False) as s:
        with pytest.raises(engine.NotFound):
            stage_diagrams(s, runtime, office.actor(s, "exam_housing_construction"), code)
        assert len(stage_diagrams(s, runtime, office.actor(s, "supervisor"), code)) == 5


def test_staff_who_may_see_the_project_get_the_same_view(person, office: Office) -> None:
    code, _ = office.new_project(CODE)
    office.act(code, "apply")
    office.act(code, "accept")
    html = person("exam_water_affairs").get(f"/projects/{code}").text
    assert "洪水影响评价审批" in html and "启动审批</button>" not in html
    assert person("exam_housing_construction").get(f"/projects/{code}").status_code == 404


def test_a_registered_project_not_yet_started_shows_the_models_idle(person, office: Office, step, runtime) -> None:
    with step() as s:
        engine.register_project(s, runtime, office.actor(s, "owner"), {
            "project_code": CODE, "project_name": "待启动项目", "category": "social_investment_project",
            "owner_name": "示例置业有限公司", "site_address": "武汉"})
    html = person("owner").get(f"/projects/{CODE}").text
    assert "启动审批</button>" in html and "未启动" in html
    assert state_in(html, STAGE_1, "apply") == "idle"
