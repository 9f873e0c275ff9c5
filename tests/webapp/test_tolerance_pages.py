"""容缺受理 on the applicant's and the window's pages: the owner signs the commitment for an item of the stage at
the window, supplies one file per missing material, the window checks them. Every refused post says why beside
the field, keeps what was typed and changes nothing."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from sqlalchemy import select

from engine import accept_with_tolerance, grant_authorisation
from engine.acceptance.models import ToleranceCase
from engine.audit.models import AuditEvent
from engine.materials.models import Material
from engine.sweeper import sweep
from tests.support.office import Office

from .support import CODE, count

ITEM = "environmental_impact_assessment"
MAIN = ["建设项目环境影响报告书（表）", "环境影响评价审批申请表"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def at_window(office: Office) -> tuple[str, int]:
    code, instance_id = office.new_project(CODE)
    office.act(code, "apply")
    return code, instance_id


def state(step) -> tuple:
    """What a refused post must leave as it was: the cases, the materials and the audit trail."""
    with step(write=False) as s:
        cases = [(c.id, c.status, tuple(c.missing_materials), c.supplied_at) for c in s.scalars(select(ToleranceCase))]
    return cases, count(step, Material), count(step, AuditEvent)


def signed_and_accepted(office: Office, person, missing: list[str]) -> int:
    code, instance_id = at_window(office)
    owner = person("owner")
    owner.post(f"/projects/{code}/tolerance-commitments", {
        "instance_id": instance_id, "item": ITEM, "missing_materials": missing, "confirmed": "true"})
    accept = office.item(code, "accept")
    with office.step() as s:
        accept_with_tolerance(s, office.runtime, office.actor(s, "window"), instance_id, accept.task_id,
                              {"item": ITEM, "present_materials": MAIN})
        return s.scalars(select(ToleranceCase)).one().id


def test_the_owner_signs_the_commitment_from_the_project_pages(person, office: Office, step) -> None:
    code, instance_id = at_window(office)
    owner = person("owner")
    assert f'href="/projects/{code}/acceptance-modes"' in owner.get(f"/projects/{code}").text
    page = owner.get(f"/projects/{code}/acceptance-modes").text
    assert "环境影响评价审批" in page and "签署容缺受理承诺书" in page
    offered = re.findall(r'name="missing_materials" value="([^"]+)"', page)
    assert offered == ["公众参与说明", "专家评审意见", "防洪补救措施方案"]  # 环境影响评价 and 洪水影响评价
    before = state(step)
    refused = owner.post(f"/projects/{code}/tolerance-commitments", {
        "instance_id": instance_id, "item": ITEM, "missing_materials": ["专家评审意见"]})
    assert refused.status_code == 422
    assert re.search(r'<p class="field-error" id="f-confirmed-1-error">.*必须确认承诺内容', refused.text, re.S)
    assert 'href="#f-confirmed-1"' in refused.text  # the error summary links to the field
    assert 'value="专家评审意见" checked' in refused.text and 'value="公众参与说明" checked' not in refused.text
    assert state(step) == before
    done = owner.post(f"/projects/{code}/tolerance-commitments", {
        "instance_id": instance_id, "item": ITEM, "missing_materials": ["专家评审意见"], "confirmed": "true"})
    assert done.status_code == 302
    assert "已签署承诺书" in owner.get(done.location).text
    with step(write=False) as s:
        assert s.scalars(select(ToleranceCase)).one().status == "signed"


def test_a_material_off_the_list_is_refused_beside_the_field(person, office: Office, step) -> None:
    code, instance_id = at_window(office)
    before = state(step)
    refused = person("owner").post(f"/projects/{code}/tolerance-commitments", {
        "instance_id": instance_id, "item": ITEM, "missing_materials": ["环境影响评价审批申请表"], "confirmed": "true"})
    assert refused.status_code == 422
    beside = re.search(r'id="f-missing_materials-1-error">(.*?)</p>', refused.text, re.S).group(1)
    assert "不在可容缺材料清单内：环境影响评价审批申请表" in beside
    assert 'name="confirmed" value="true" id="f-confirmed-1" checked' in refused.text
    assert state(step) == before


def test_the_owner_supplies_a_file_for_each_material_and_the_window_checks_them(person, office: Office,
                                                                                step) -> None:
    case_id = signed_and_accepted(office, person, ["公众参与说明", "专家评审意见"])
    owner = person("owner")
    overview = owner.get(f"/projects/{CODE}/acceptance-modes").text
    assert f'href="/projects/{CODE}/tolerance/{case_id}"' in overview and "还剩" not in overview
    page = owner.get(f"/projects/{CODE}/tolerance/{case_id}").text
    assert "补正期限" in page and "还剩 3 个工作日" in page
    before = state(step)
    one_missing = owner.post(f"/projects/{CODE}/tolerance/{case_id}/supply", {
        "material-1": "公众参与说明", "material-2": "专家评审意见", "note": "先交一份",
        "file-1": (io.BytesIO(PDF), "gongzhong.pdf")}, content_type="multipart/form-data")
    assert one_missing.status_code == 422
    assert re.search(r'id="file-2-error">.*请为“专家评审意见”选择要上传的文件', one_missing.text, re.S)
    assert 'href="#file-2"' in one_missing.text and "先交一份</textarea>" in one_missing.text
    assert "上次选择的文件：gongzhong.pdf" in one_missing.text
    assert state(step) == before
    wrong_type = owner.post(f"/projects/{CODE}/tolerance/{case_id}/supply", {
        "material-1": "公众参与说明", "material-2": "专家评审意见",
        "file-1": (io.BytesIO(PDF), "a.pdf"), "file-2": (io.BytesIO(b"not a pdf"), "b.pdf")},
        content_type="multipart/form-data")
    assert wrong_type.status_code == 422 and re.search(r'id="file-2-error">.*文件类型不受支持', wrong_type.text, re.S)
    assert state(step) == before

    done = owner.post(f"/projects/{CODE}/tolerance/{case_id}/supply", {
        "material-1": "公众参与说明", "material-2": "专家评审意见",
        "file-1": (io.BytesIO(PDF), "a.pdf"), "file-2": (io.BytesIO(PDF + b"2"), "b.pdf")},
        content_type="multipart/form-data")
    assert done.status_code == 302
    with step(write=False) as s:
        assert s.get(ToleranceCase, case_id).status == "supplied"
        assert sorted(m.requirement for m in s.scalars(select(Material))) == ["专家评审意见", "公众参与说明"]

    window = person("window")
    assert 'href="/window/tolerance/"' in window.get("/window/").text
    assert f'href="/window/tolerance/{case_id}"' in window.get("/window/tolerance/").text
    check = window.get(f"/window/tolerance/{case_id}").text
    assert "a.pdf" in check and "b.pdf" in check and "提交核验结论" in check
    before = state(step)
    unexplained = window.post(f"/window/tolerance/{case_id}/check", {"decision": "fail"})
    assert unexplained.status_code == 422
    assert re.search(r'id="f-opinion-error">.*核验不通过时必须说明理由', unexplained.text, re.S)
    assert re.search(r'value="fail"[^>]*checked', unexplained.text)
    assert state(step) == before
    passed = window.post(f"/window/tolerance/{case_id}/check", {"decision": "pass", "opinion": "齐全"})
    assert passed.status_code == 302
    with step(write=False) as s:
        assert s.get(ToleranceCase, case_id).status == "completed"
    assert "已补齐" in owner.get(f"/projects/{CODE}/acceptance-modes").text
    settled = owner.get(f"/projects/{CODE}/tolerance/{case_id}").text
    assert "核验通过" in settled and "提交补正材料" not in settled


def test_past_the_grace_period_the_supply_is_refused_and_nothing_changes(person, office: Office, step, db,
                                                                         runtime, clock) -> None:
    case_id = signed_and_accepted(office, person, ["专家评审意见"])
    with step(write=False) as s:
        case = s.get(ToleranceCase, case_id)
        due, grace = case.supplement_due, case.grace_due
    for moment in (due, grace):  # the supplement deadline passes (suspended), then the grace period (returned)
        clock.value = moment + timedelta(minutes=1)
        sweep(db, runtime)
    with step(write=False) as s:
        assert s.get(ToleranceCase, case_id).status == "returned"
    owner = person("owner")
    assert "已退件" in owner.get(f"/projects/{CODE}/tolerance/{case_id}").text
    before = state(step)
    refused = owner.post(f"/projects/{CODE}/tolerance/{case_id}/supply", {
        "material-1": "专家评审意见", "note": "迟交", "file-1": (io.BytesIO(PDF), "late.pdf")},
        content_type="multipart/form-data")
    assert refused.status_code == 409
    assert re.search(r'id="error-summary".*状态为“已退件”，不能补正', refused.text, re.S)
    assert re.search(r'id="supply-error"[^>]*>.*不能补正', refused.text, re.S) and "迟交</textarea>" in refused.text
    assert state(step) == before


def test_an_agent_sees_whom_it_acts_for_may_supply_but_not_sign(person, office: Office, step, runtime) -> None:
    case_id = signed_and_accepted(office, person, ["专家评审意见"])
    with step() as s:
        now = runtime.now()
        grant_authorisation(s, runtime, office.actor(s, "owner"), CODE, {
            "agent_username": "agent", "stages": [1], "acts": ["view", "supplement"],
            "valid_from": (now - timedelta(days=1)).isoformat(), "valid_to": (now + timedelta(days=30)).isoformat()})
    agent = person("agent")
    overview = agent.get(f"/projects/{CODE}/acceptance-modes").text
    assert 'id="acting-for"' in overview and "代 " in overview
    commitment = agent.get(f"/projects/{CODE}/commitments/construction_permit").text
    assert "须由建设单位" in commitment and "确认承诺并申请" not in commitment
    done = agent.post(f"/projects/{CODE}/tolerance/{case_id}/supply", {
        "material-1": "专家评审意见", "file-1": (io.BytesIO(PDF), "zhuanjia.pdf")}, content_type="multipart/form-data")
    assert done.status_code == 302
    with step(write=False) as s:
        assert s.get(ToleranceCase, case_id).status == "supplied"
        assert s.scalars(select(Material)).one().acting_for is not None


def test_a_stranger_gets_not_found_for_a_case(person, office: Office, step) -> None:
    case_id = signed_and_accepted(office, person, ["专家评审意见"])
    before = state(step)
    stranger = person("agent")
    assert stranger.get(f"/projects/{CODE}/tolerance/{case_id}").status_code == 404
    posted = stranger.post(f"/projects/{CODE}/tolerance/{case_id}/supply", {
        "material-1": "专家评审意见", "file-1": (io.BytesIO(PDF), "x.pdf")}, content_type="multipart/form-data")
    assert posted.status_code == 404
    assert state(step) == before
