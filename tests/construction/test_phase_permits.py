"""分阶段施工许可 through the engine's use cases, state reloaded from the database at every step."""

from __future__ import annotations

from sqlalchemy import select

from engine import FormRejected, InvalidState, NotAllowed, verify_certificate
from engine.agency.rules import COMMITMENT_REFUSED
from engine.construction.models import ISSUED, SUBMITTED, PhasePermitApplication
from engine.construction.phases import apply_for_phase_permit, confirm_phase_commitment, issue_phase_permit
from engine.issuance import Certificate
from tests.construction.support import FIRST_PHASE, certificate, grant_agent, refused
from tests.support.pdfs import pdf_text, qr_texts


def apply(office, code, form, username="owner"):
    with office.step() as s:
        return apply_for_phase_permit(s, office.runtime, office.actor(s, username), code, form).id


def issue(office, application_id, username="exam_housing_construction"):
    with office.step() as s:
        return issue_phase_permit(s, office.runtime, office.actor(s, username), application_id, {}).number



def test_first_phase_permit_is_a_construction_permit_for_excavation_without_piles(office):
    code, _ = office.new_project()
    number = issue(office, apply(office, code, FIRST_PHASE))
    cert = certificate(office, number)
    assert (cert.kind, cert.status, cert.department_code) == ("phased_construction_permit", "valid",
                                                              "housing_construction")
    assert number.endswith("-S1") and len(number.removesuffix("-S1")) == 18
    fields = dict(cert.data["fields"])
    assert (fields["施工阶段"], fields["施工范围"]) == ("基坑支护和土方开挖", "基坑支护和土方开挖（不含桩基础施工）")
    text = pdf_text(cert.pdf)
    for value in ("建筑工程施工许可证（分阶段）", number, "基坑支护和土方开挖（不含桩基础施工）",
                  "中建三局第一建设工程有限责任公司"):
        assert value in text
    assert qr_texts(cert.pdf) == [cert.data["verification_url"]]


def test_general_contractor_and_owner_commitment_are_required(office):
    code, _ = office.new_project()
    form = {k: v for k, v in FIRST_PHASE.items() if k not in ("general_contractor", "bid_notice_no")}
    error = refused(office, FormRejected, lambda s: apply_for_phase_permit(
        s, office.runtime, office.actor(s, "owner"), code, form))
    assert error.field_errors == {"general_contractor": ["须已依法确定施工总承包单位"],
                                  "bid_notice_no": ["须提供中标通知书编号"]}
    error = refused(office, FormRejected, lambda s: apply_for_phase_permit(
        s, office.runtime, office.actor(s, "owner"), code, FIRST_PHASE | {"quality_safety_commitment": False}))
    assert error.field_errors == {"quality_safety_commitment": ["须承诺工程质量安全可控"]}


def test_later_phase_reuses_materials_and_waits_for_the_owners_commitment(office):
    code, _ = office.new_project()
    first = apply(office, code, FIRST_PHASE)
    later = {"phase": "basement_piles"}
    error = refused(office, InvalidState, lambda s: apply_for_phase_permit(
        s, office.runtime, office.actor(s, "owner"), code, later | {"quality_safety_commitment": True}))
    assert error.message == "须先取得“基坑支护和土方开挖”阶段施工许可"
    main = issue(office, first).removesuffix("-S1")
    grant_agent(office, code, ["apply"])
    error = refused(office, NotAllowed, lambda s: apply_for_phase_permit(
        s, office.runtime, office.actor(s, "agent"), code, later | {"quality_safety_commitment": True}))
    assert error.message == COMMITMENT_REFUSED
    error = refused(office, FormRejected, lambda s: apply_for_phase_permit(
        s, office.runtime, office.actor(s, "agent"), code, later | {"general_contractor": "另一家公司"}))
    assert error.field_errors == {"general_contractor": ["已在首个阶段申请中提交，无需重复填写"]}
    second = apply(office, code, later, "agent")
    error = refused(office, InvalidState, lambda s: issue_phase_permit(
        s, office.runtime, office.actor(s, "exam_housing_construction"), second, {}))
    assert error.message == "该申请尚未由建设单位确认质量安全承诺"
    error = refused(office, NotAllowed, lambda s: confirm_phase_commitment(
        s, office.runtime, office.actor(s, "agent"), second))
    assert error.message == COMMITMENT_REFUSED
    with office.step() as s:
        assert confirm_phase_commitment(s, office.runtime, office.actor(s, "owner"), second).status == SUBMITTED
    refused(office, NotAllowed, lambda s: issue_phase_permit(
        s, office.runtime, office.actor(s, "exam_urban_management"), second, {}))
    assert issue(office, second) == f"{main}-J1"
    with office.step(write=False) as s:
        rows = {a.phase: a for a in s.scalars(select(PhasePermitApplication))}
    assert rows["basement_piles"].materials == {} and rows["basement_piles"].materials_from_id == first
    assert [rows[p].status for p in ("excavation_support_earthworks", "basement_piles")] == [ISSUED, ISSUED]
    assert dict(certificate(office, f"{main}-J1").data["fields"])["施工单位"] == FIRST_PHASE["general_contractor"]


def test_full_permit_takes_the_main_number_and_supersedes_the_phase_permits(office):
    code, _ = office.new_project()
    phase_number = issue(office, apply(office, code, FIRST_PHASE))
    for _stage in range(3):
        office.finish_stage(code)
    with office.step(write=False) as s:
        full = s.scalar(select(Certificate).where(Certificate.kind == "construction_permit"))
        phase = verify_certificate(s, office.runtime, phase_number)
    assert full.number == phase_number.removesuffix("-S1")
    assert (phase.status, phase.status_name, phase.successor_number) == ("superseded", "已被替代", full.number)
