"""The owner portal: register, start, apply with the one form, answer a 补正 notice — through the pages."""

from __future__ import annotations

import io
import re

from engine.organisation.accounts import create_user
from engine.projects.models import Project, StageApplication
from engine.work_items.models import SupplementRequest, WorkItem
from tests.support.office import Office

from .support import CODE, count, task_form

REGISTRATION = {"project_code": "2026-420104-70-03-000777", "project_name": "江岸物流园",
                "category": "social_investment_project", "owner_name": "示例置业有限公司",
                "site_address": "武汉市江岸区后湖大道1号"}
STAGE_1 = {"land_area": "25000", "building_area": "68000.50", "total_investment": "52000", "land_route": "transfer",
           "land_use": "residential", "land_approval_no": "武政土〔2026〕8号",
           "contact_person": "陈工", "contact_phone": "13800138000"}


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def apply_link(owner, code: str) -> str:
    """The stage application's form, reached from the project page through the stage's task list."""
    task_list = re.search(rf'href="(/projects/{code}/applications/[0-9a-f-]+)"', owner.get(f"/projects/{code}").text)
    return re.search(rf'href="(/projects/{code}/tasks/[0-9a-f-]+)"', owner.get(task_list.group(1)).text).group(1)


def test_registration_form_is_the_schema_with_its_labels(person, office) -> None:
    html = person("owner").get("/projects/new").text
    for name, label in [("project_code", "项目代码"), ("project_name", "项目名称"), ("category", "项目类别"),
                        ("owner_name", "建设单位"), ("site_address", "建设地点")]:
        assert re.search(rf'<label for="f-{name}">{label}<span class="required">', html), name
        assert f'id="f-{name}" name="{name}"' in html
    assert '<option value="social_investment_project">社会投资一般项目</option>' in html


def test_owner_registers_and_starts_through_the_pages(person, office, step) -> None:
    owner = person("owner")
    response = owner.post("/projects/new", REGISTRATION)
    assert response.status_code == 302 and response.location == f"/projects/{REGISTRATION['project_code']}"
    page = owner.get(response.location).text
    assert "江岸物流园" in page and "启动审批" in page
    response = owner.post(f"/projects/{REGISTRATION['project_code']}/approval")
    assert response.status_code == 302
    assert "提交阶段申请" in owner.get(response.location).text
    assert count(step, WorkItem, project_code=REGISTRATION["project_code"], bpmn_id="apply") == 1


def test_bad_registration_shows_messages_by_the_fields_and_stores_nothing(person, office, step) -> None:
    response = person("owner").post("/projects/new", {**REGISTRATION, "project_code": "2026-42", "site_address": ""})
    assert response.status_code == 422
    html = response.text
    assert 'role="alert"' in html and 'href="#f-project_code"' in html
    assert re.search(r'<input id="f-project_code" name="project_code" value="2026-42"[^>]*'
                     r'aria-describedby="f-project_code-hint f-project_code-error" aria-invalid="true"', html, re.S)
    assert 'id="f-project_code-error"' in html and "格式不正确" in html
    assert 'id="f-site_address-error"' in html and "请填写此项" in html
    assert 'value="江岸物流园"' in html  # what was typed is kept
    assert count(step, Project) == 0


def test_a_form_posted_without_its_csrf_token_is_refused_and_stores_nothing(person, office, step) -> None:
    response = person("owner").post("/projects/new", REGISTRATION, csrf=False)
    assert response.status_code == 400 and "CSRF" in response.text
    assert count(step, Project) == 0


def test_owner_applies_for_stage_one_through_the_page(person, office: Office, step) -> None:
    code, _ = office.new_project(CODE)
    owner = person("owner")
    task_url = apply_link(owner, code)
    html = owner.get(task_url).text
    assert "立项用地规划许可阶段申请表" in html
    assert 'name="project_name" value="汉江湾示范住宅小区"' in html  # filled in from the registration
    hidden = task_form(html)
    assert hidden["form_key"] == "stage_1_application"
    fields = {"project_code": code, "project_name": "汉江湾示范住宅小区", "category": "social_investment_project",
              "site_address": "武汉市硚口区汉江湾路88号", "owner_name": "示例置业有限公司", **STAGE_1}

    refused = owner.post(task_url, {**hidden, **fields, "contact_phone": "12345", "land_area": "-1"})
    assert refused.status_code == 422
    assert 'id="f-contact_phone-error"' in refused.text and 'id="f-land_area-error"' in refused.text
    assert count(step, StageApplication) == 0 and office.item(code, "apply")

    saved = owner.post(task_url, {**hidden, **fields})  # saved, then submitted from the task list
    task_list = saved.location
    assert saved.status_code == 302 and task_list.startswith(f"/projects/{code}/applications/")
    for number, material in enumerate(re.findall(r'name="requirement" value="([^"]+)"',
                                                          owner.get(task_list).text.split('id="mat-optional-h"')[0])):
        owner.post(f"/projects/{code}/materials", {"stage": "stage_project_land_planning", "requirement": material,
                                                   "file": (io.BytesIO(PDF + bytes([number])), f"{number}.pdf")})
    done = owner.post(task_list + "/check")
    assert done.status_code == 302 and done.location == f"/projects/{code}/stages/stage_project_land_planning/submitted"
    with step(write=False) as s:
        application = s.query(StageApplication).one()
        assert application.data["land_area"] == "25000.00" and application.data["contact_person"] == "陈工"
    assert office.item(code, "accept").role == "window_clerk"
    assert "阶段申请已提交，等待综合窗口受理" in owner.get(done.location).text


def test_an_owner_never_sees_another_owners_project(person, office: Office, step, runtime) -> None:
    with step() as s:
        create_user(s, runtime, username="owner_b", display_name="乙公司", role="owner", password="demo-2026")
    code, _ = office.new_project(CODE)  # belongs to "owner"
    apply_url = apply_link(person("owner"), code)
    stranger = person("owner_b")
    theirs, nobodys = stranger.get(f"/projects/{code}"), stranger.get("/projects/2026-420104-70-03-999999")
    assert theirs.status_code == nobodys.status_code == 404
    assert "汉江湾" not in theirs.text and "项目不存在" in theirs.text and "项目不存在" in nobodys.text
    assert stranger.get(apply_url).status_code == 404
    assert stranger.post(apply_url, {**task_form(person("owner").get(apply_url).text), **STAGE_1}).status_code in {
        403, 404}
    assert stranger.post(f"/projects/{code}/approval").status_code == 404
    assert count(step, StageApplication) == 0
    assert code not in stranger.get("/projects").text


def test_owner_answers_a_correction_notice_listing_exactly_what_was_asked(person, office: Office, step) -> None:
    code, _ = office.new_project(CODE)
    office.act(code, "apply")
    office.act(code, "accept")
    office.act(code, "review_land_preexam_site_opinion", {
        "decision": "supplement", "opinion": "材料不全", "missing_materials": ["节地评价报告", "拐点坐标表"]})
    owner = person("owner")
    page = owner.get(f"/projects/{code}").text
    assert re.search(r'<ol class="asked"><li>节地评价报告</li><li>拐点坐标表</li></ol>', page)
    link = re.search(rf'href="(/projects/{code}/supplements/[0-9a-f-]+)"', page).group(1)
    form = owner.get(link).text
    assert "要求补正以下 2 项材料" in form and "节地评价报告\n拐点坐标表</textarea>" in form
    instance_id = re.search(r'name="instance_id" value="(\d+)"', form).group(1)
    assert owner.post(link, {"instance_id": instance_id, "materials": ""}).status_code == 422
    assert count(step, SupplementRequest, supplied_at=None) == 1
    done = owner.post(link, {"instance_id": instance_id, "materials": "节地评价报告\n拐点坐标表\n", "note": "已补齐"})
    assert done.status_code == 302
    with step(write=False) as s:
        notice = s.query(SupplementRequest).one()
        assert notice.supplied_materials == ["节地评价报告", "拐点坐标表"] and notice.supplied_note == "已补齐"
    assert office.item(code, "review_land_preexam_site_opinion").status == "ready"


def test_staff_pages_are_not_for_owners(person, office) -> None:
    owner = person("owner")
    assert owner.get("/examiner/").status_code == 403
    assert owner.get("/window/").status_code == 403
    assert owner.get("/supervisor/").status_code == 403


def test_registering_is_not_a_staff_page(person, office) -> None:
    assert person("window").get("/projects/new").status_code == 403
