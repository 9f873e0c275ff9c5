"""The owner's stage pages beyond the form: the 受理回执 (PDF) once the window accepted, a 补正 answered with a
file per listed item, the 建筑工程综合许可证 自选下单 page (a missing fact answered beside its field with the
input kept), the 竣工验收备案 page, and an acceptance department citing the 多测合一 result from its task page."""

from __future__ import annotations

import io

from sqlalchemy import select

from engine.construction.models import ComprehensiveOrder
from engine.demo import complete_demo_survey
from engine.materials.models import Material
from engine.surveys.models import SurveyResultUse
from engine.work_items.models import WorkItem
from tests.support.pdfs import pdf_text
from tests.webapp.support import count

STAGE_1 = "stage_project_land_planning"
ASKED = ["项目备案信息登记表", "建设项目用地预审申请表"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_the_receipt_comes_once_the_window_accepted(office, person) -> None:
    code, _ = office.new_project()
    office.act(code, "apply")
    owner = person("owner")
    url = f"/projects/{code}/stages/{STAGE_1}/receipt.pdf"
    assert owner.get(url).status_code == 404  # not accepted yet: no receipt
    assert url not in owner.get(f"/projects/{code}").text
    office.act(code, "accept")
    assert f'href="{url}"' in owner.get(f"/projects/{code}").text
    got = owner.get(url)
    assert got.status_code == 200 and got.mimetype == "application/pdf"
    text = pdf_text(got.data)
    for words in ("工程建设项目审批受理回执", code, "汉江湾示范住宅小区", "立项用地规划许可", "现予受理",
                  "综合窗口王晓", "企业投资项目核准/备案", "发展和改革局", "15个工作日"):
        assert words in text, words
    assert person("survey").get(url).status_code in (403, 404)


def test_a_correction_is_answered_with_a_file_per_listed_item(office, person) -> None:
    code, _ = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept", {"decision": "supplement", "opinion": "请补齐", "missing_materials": ASKED})
    task_id = _awaiting(office, code).task_id
    owner = person("owner")
    page = f"/projects/{code}/supplements/{task_id}"
    assert "尚有 2 项未上传文件" in owner.get(page).text
    sent = owner.post(f"/projects/{code}/materials", {
        "stage": STAGE_1, "requirement": ASKED[0], "next": page,
        "file": (io.BytesIO(PDF), "登记表.pdf")}, content_type="multipart/form-data")
    assert sent.status_code == 302
    html = owner.get(page).text
    assert "已上传 1 份" in html and "登记表.pdf" in html and "尚有 1 项未上传文件" in html
    before = count(office.step, Material)
    refused = owner.post(f"/projects/{code}/materials", {
        "stage": STAGE_1, "requirement": "不在通知中的材料", "next": page,
        "file": (io.BytesIO(PDF), "其他.pdf")}, content_type="multipart/form-data")
    assert refused.status_code == 422 and "不在本阶段的材料清单或补正通知中" in refused.text
    assert count(office.step, Material) == before  # nothing stored


def _awaiting(office, code: str) -> WorkItem:
    with office.step(write=False) as s:
        return s.scalars(select(WorkItem).where(WorkItem.project_code == code,
                                                WorkItem.status == "awaiting_supplement")).one()


ORDER = {"licences": ["construction_permit", "construction_waste_disposal_approval", "sewage_discharge_permit"],
         "construction_scale": "住宅8栋", "contract_price": "38000", "general_contractor": "中建三局",
         "supervision_unit": "华建监理", "contract_duration_days": "900", "sewage_outlet": "汉江湾路DN600",
         "sewage_volume": "80"}


def test_the_comprehensive_permit_is_ordered_on_one_page(office, person) -> None:
    code, _ = office.new_project()
    owner = person("owner")
    page = owner.get(f"/projects/{code}/comprehensive-permit").text
    assert "城市建筑垃圾处置核准" in page and "选择“城市建筑垃圾处置核准”时填写" in page
    missing = owner.post(f"/projects/{code}/comprehensive-permit", ORDER)  # the waste licence's facts left out
    assert missing.status_code == 422
    assert "申请“城市建筑垃圾处置核准”须填写此项" in missing.text and 'value="中建三局"' in missing.text
    assert count(office.step, ComprehensiveOrder) == 0
    done = owner.post(f"/projects/{code}/comprehensive-permit", {
        **ORDER, "spoil_route": "汉江湾路—三环线", "disposal_site": "硚口消纳场", "spoil_volume": "12000",
        "spoil_vehicles": "12"})
    assert done.status_code == 302
    after = owner.get(f"/projects/{code}/comprehensive-permit").text
    assert "办理中" in after and "城镇污水排入排水管网许可" in after
    assert count(office.step, ComprehensiveOrder) == 1


def test_the_filing_page_waits_for_the_joint_opinion(office, person) -> None:
    code, _ = office.new_project()
    assert person("owner").get(f"/projects/{code}/completion-filing").status_code == 404


def test_an_acceptance_department_cites_the_survey_from_its_task_page(office, person) -> None:
    code, _ = office.new_project()
    with office.step() as s:
        complete_demo_survey(s, office.runtime, code)
    examiner = person("exam_natural_resources")
    sent = examiner.post("/examiner/tasks/any/survey-citation", {"project_code": code})
    assert sent.status_code == 302
    with office.step(write=False) as s:
        assert s.scalar(select(SurveyResultUse.department_code)) == "natural_resources"
    refused = person("exam_development_reform").post("/examiner/tasks/any/survey-citation", {"project_code": code})
    assert refused.status_code == 403  # a department that uses no survey


def test_a_later_stage_form_starts_from_what_earlier_stages_said(office, person) -> None:
    code, _ = office.new_project()
    while not [i for i in office.items(code) if i.stage == "stage_engineering_permit" and i.bpmn_id == "apply"]:
        item = office.items(code)[0]
        office.act(code, item.bpmn_id)
    apply = office.item(code, "apply")
    page = person("owner").get(f"/projects/{code}/tasks/{apply.task_id}").text
    assert 'value="陈工"' in page and 'value="13800138000"' in page  # the stage-1 contact, not typed again


def test_the_progress_page_says_the_days_left(office, person) -> None:
    code, _ = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept")
    page = person("owner").get(f"/projects/{code}").text
    assert "剩余（工作日）" in page and "截止日期" in page
