"""The stage application as a task list on the pages: the form saved (not submitted), each material with its own
upload marked 必需/可选, check your answers with 修改 links, a submission refused while a required material has no
file (nothing changes), the confirmation page, and the 受理回执 with its 承诺办结日期."""

from __future__ import annotations

import io
import re
from datetime import timedelta, timezone

import pytest
from sqlalchemy import select

from engine.audit.models import AuditEvent
from engine.catalogue.materials import required_materials
from engine.clocks import WorkingCalendar
from engine.materials.models import Material
from engine.projects.models import ApplicationDraft, Project, StageApplication
from engine.work_items.models import WorkItem
from tests.support.pdfs import pdf_text
from tests.webapp.support import count

STAGE_1 = "stage_project_land_planning"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ANSWERS = {"form_key": "stage_1_application", "project_code": "2026-420104-70-03-000001",
           "project_name": "汉江湾示范住宅小区", "category": "social_investment_project",
           "owner_name": "示例置业有限公司", "site_address": "武汉市江汉区", "land_area": "25000",
           "building_area": "68000.5", "total_investment": "52000",
           "land_route": "transfer", "land_use": "residential", "land_approval_no": "武政土〔2026〕8号",
           "contact_person": "陈工", "contact_phone": "13800138000"}


def _required(office, code: str) -> list[str]:
    with office.step(write=False) as s:
        return list(required_materials(s, s.get_one(Project, code).category, STAGE_1, office.runtime.now()))


def _upload(owner, code: str, material: str, name: str = "文件.pdf"):
    return owner.post(f"/projects/{code}/materials", {"stage": STAGE_1, "requirement": material, "next": "/",
                                                      "file": (io.BytesIO(PDF + material.encode()), name)},
                      content_type="multipart/form-data")


def _snapshot(office, code: str) -> tuple:
    with office.step(write=False) as s:
        return (s.scalars(select(StageApplication.id)).all(),
                sorted((w.task_id, w.bpmn_id, w.status) for w in s.scalars(select(WorkItem))),
                s.scalars(select(AuditEvent.id)).all(),
                [(d.task_id, d.data) for d in s.scalars(select(ApplicationDraft))],
                s.scalars(select(Material.id)).all())


@pytest.fixture
def applying(office, person):
    code, _ = office.new_project()
    apply = office.item(code, "apply")
    return code, apply.task_id, person("owner")


def test_the_project_page_opens_the_task_list_with_required_and_optional_materials(office, applying) -> None:
    code, task_id, owner = applying
    here = f"/projects/{code}/applications/{task_id}"
    assert f'href="{here}"' in owner.get(f"/projects/{code}").text  # "提交阶段申请" opens the task list
    page = owner.get(here).text
    assert "立项用地规划许可阶段申请" in page and 'id="form-status">未开始' in page
    required = _required(office, code)
    assert "项目申请报告" in required and len(required) >= 5
    for material in required:
        assert re.search(rf'{re.escape(material)}</span>\s*<span class="tag warn">必需', page), material
        assert f"为“{material}”选择文件" in page
    assert re.search(r'并购项目申请报告</span>\s*<span class="tag">可选', page)  # from the 唐山 checklist
    assert f"尚不能提交：申请表未填写，{len(required)} 项必需材料未上传" in page


def test_the_form_is_saved_not_submitted_and_the_task_list_says_so(office, applying) -> None:
    code, task_id, owner = applying
    form = owner.get(f"/projects/{code}/tasks/{task_id}").text
    assert "保存并继续" in form and ">提交</button>" not in form
    saved = owner.post(f"/projects/{code}/tasks/{task_id}", ANSWERS)
    assert saved.status_code == 302 and saved.location == f"/projects/{code}/applications/{task_id}"
    assert count(office.step, StageApplication) == 0 and office.item(code, "apply").task_id == task_id
    assert 'id="form-status">已完成' in owner.get(saved.location).text
    again = owner.get(f"/projects/{code}/tasks/{task_id}?next=check").text
    assert 'value="陈工"' in again and 'name="next" value="check"' in again
    bad = owner.post(f"/projects/{code}/tasks/{task_id}", {**ANSWERS, "land_area": "很大"})
    assert bad.status_code == 422 and 'value="很大"' in bad.text  # kept, and the saved answers unchanged
    with office.step(write=False) as s:
        assert s.get_one(ApplicationDraft, task_id).data["land_area"] == "25000.00"


def test_submitting_with_a_required_material_missing_is_refused_and_changes_nothing(office, applying) -> None:
    code, task_id, owner = applying
    owner.post(f"/projects/{code}/tasks/{task_id}", ANSWERS)
    required = _required(office, code)
    for material in required[1:]:
        assert _upload(owner, code, material).status_code == 302
    before = _snapshot(office, code)
    refused = owner.post(f"/projects/{code}/applications/{task_id}/check")
    assert refused.status_code == 422
    message = f"“{required[0]}”是必需材料，尚未上传文件，请上传后再提交"
    assert 'role="alert"' in refused.text and refused.text.count(message) == 2  # in the summary and beside it
    assert 'href="#material-1"' in refused.text and 'id="material-1-error"' in refused.text
    assert _snapshot(office, code) == before  # no application, same work items, no audit entry, draft kept


def test_submitting_before_the_form_is_saved_is_refused(office, applying) -> None:
    code, task_id, owner = applying
    before = _snapshot(office, code)
    refused = owner.post(f"/projects/{code}/applications/{task_id}/check")
    assert refused.status_code == 422 and "申请表尚未填写，请先填写并保存申请表" in refused.text
    assert _snapshot(office, code) == before


def test_check_answers_lists_everything_with_change_links_and_submits(office, applying) -> None:
    code, task_id, owner = applying
    owner.post(f"/projects/{code}/tasks/{task_id}", ANSWERS)
    for number, material in enumerate(_required(office, code), 1):
        _upload(owner, code, material, f"材料{number}.pdf")
    check = owner.get(f"/projects/{code}/applications/{task_id}/check").text
    assert "出让" in check and "住宅用地" in check and "材料1.pdf" in check  # readable answers, file names
    assert f'href="/projects/{code}/tasks/{task_id}?next=check#f-land_area"' in check
    assert f'href="/projects/{code}/applications/{task_id}#material-1"' in check
    changed = owner.post(f"/projects/{code}/tasks/{task_id}", {**ANSWERS, "next": "check", "land_area": "26000"})
    assert changed.location == f"/projects/{code}/applications/{task_id}/check"
    assert "26000" in owner.get(changed.location).text
    done = owner.post(f"/projects/{code}/applications/{task_id}/check")
    assert done.status_code == 302 and done.location == f"/projects/{code}/stages/{STAGE_1}/submitted"
    with office.step(write=False) as s:
        application = s.scalars(select(StageApplication)).one()
        assert application.data["land_area"] == "26000.00" and s.get(ApplicationDraft, task_id) is None
    assert office.item(code, "accept")  # the window has it now
    confirmation = owner.get(done.location).text
    assert "立项用地规划许可阶段申请已提交" in confirmation and "综合窗口审核受理" in confirmation
    assert "承诺办结日期" in confirmation and "15 个工作日" in confirmation


@pytest.mark.several_nows
def test_the_receipt_prints_the_promised_date_on_the_working_calendar(office, applying, clock) -> None:
    code, _, owner = applying
    office.act(code, "apply")
    office.act(code, "accept")
    accepted = office.runtime.now().astimezone(timezone(timedelta(hours=8))).date()
    due = WorkingCalendar().add_working_days(accepted, 15)
    text = pdf_text(owner.get(f"/projects/{code}/stages/{STAGE_1}/receipt.pdf").data)
    assert f"承诺办结日期{due.isoformat()}" in re.sub(r"\s", "", text), text
