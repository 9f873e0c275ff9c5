"""The certificate register: issuance at the end of each stage, numbering, superseding, revocation,
expiry, access to PDFs and public verification — through the engine's use cases, state reloaded from
the database at every step."""

from __future__ import annotations

import hashlib
import re
import threading
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import undefer

from certificates import render_certificate
from engine import (
    FormRejected,
    InvalidState,
    NotAllowed,
    NotFound,
    certificate_pdf,
    project_certificates,
    reissue_certificate,
    revoke_certificate,
    transaction,
    verify_certificate,
)
from engine.audit.trail import trail, verify_chain
from engine.errors import ConfigurationError
from engine.issuance import Certificate, IssuanceSettings, allocate_number, certificate_data
from engine.issuance import configure as configure_issuance
from engine.issuance import expire_due as expire_certificates
from engine.issuance.rendering import content_digest
from engine.organisation.accounts import create_user
from engine.organisation.lanes import OWNER
from tests.support.office import Office
from tests.support.pdfs import pdf_text, qr_texts, squash

PROJECT_NAME, HOLDER = "汉江湾示范住宅小区", "示例置业有限公司"
STAGE_KINDS = ["land_use_planning_permit", "works_planning_permit", "construction_permit", "joint_acceptance_opinion"]
# The clock fixture says 2026-11-02 (Beijing); area 420104 by default.
NUMBER_RULES = {
    "land_use_planning_permit": r"420104 2026 \d{5}",
    "works_planning_permit": r"420104 2026 \d{5}",
    "construction_permit": r"420104 20261102 \d{2} 01",
    "joint_acceptance_opinion": r"LY 420104 2026 \d{4}",
}
PRINTED = {"land_use_planning_permit": "地字第{}号", "works_planning_permit": "建字第{}号",
           "construction_permit": "{}", "joint_acceptance_opinion": "{}"}


@pytest.fixture(autouse=True)
def _default_settings(monkeypatch):
    for name in ("APPROVAL_PUBLIC_BASE_URL", "APPROVAL_AREA_CODE", "APPROVAL_AUTHORITY_PREFIX"):
        monkeypatch.delenv(name, raising=False)








def certificates_of(step, code: str) -> list[Certificate]:
    with step(write=False) as s:
        return list(s.scalars(select(Certificate).options(undefer(Certificate.pdf))
                              .where(Certificate.project_code == code).order_by(Certificate.id)))


def issued_through(office: Office, stages: int) -> str:
    code, _ = office.new_project()
    for _ in range(stages):
        office.finish_stage(code)
    return code


def test_a_four_stage_run_issues_four_numbered_rendered_audited_certificates(office: Office, step):
    code = issued_through(office, 4)
    issued = certificates_of(step, code)

    assert [c.kind for c in issued] == STAGE_KINDS
    assert len({c.number for c in issued}) == 4
    for cert in issued:
        assert re.fullmatch(NUMBER_RULES[cert.kind].replace(" ", ""), cert.number), cert.number
        assert cert.status == "valid" and cert.issue_date == date(2026, 11, 2)
        assert cert.holder == HOLDER and cert.project_code == code
        assert cert.sha256 == hashlib.sha256(cert.pdf).hexdigest()
        text = pdf_text(cert.pdf)
        assert squash(PRINTED[cert.kind].format(cert.number)) in text
        assert PROJECT_NAME in text and HOLDER in text and cert.issuing_authority in text
        assert qr_texts(cert.pdf) == [f"http://127.0.0.1:5000/verify/{cert.number}"]
        assert render_certificate(certificate_data(cert)) == cert.pdf  # the stored data proves the PDF

    authorities = [c.issuing_authority for c in issued]
    assert authorities == ["武汉市硚口区自然资源和规划局"] * 2 + ["武汉市硚口区住房和城乡建设局"] * 2
    acceptance = dict(issued[3].data["fields"])
    assert acceptance["规划证号"] == f"建字第{issued[1].number}号"
    assert acceptance["施工证号"] == issued[2].number
    permit = dict(issued[2].data["fields"])
    assert permit["施工单位"] == "中建三局第一建设工程有限责任公司" and permit["合同工期"] == "900日历天"

    with step(write=False) as s:
        events = [e for e in trail(s, code) if e.action == "issue_certificate"]
        # the data's digest is committed (and audited) with the decision; the PDF is stored right after
        assert [(e.details["number"], e.details["content_sha256"]) for e in events] == [
            (c.number, c.content_sha256) for c in issued]
        assert all(c.content_sha256 == content_digest(c.data) for c in issued)
        assert all(e.actor_name.endswith("审批员") for e in events)
        assert verify_chain(s, f"instance:{issued[0].instance_id}") == []


def test_every_certificate_follows_the_issue_task_it_belongs_to_in_the_trail(office: Office, step):
    code = issued_through(office, 2)
    with step(write=False) as s:
        actions = [(e.action, e.task_name) for e in trail(s, code)]
    issues = [i for i, (action, _) in enumerate(actions) if action == "issue_certificate"]
    assert [actions[i - 1] for i in issues] == [("complete_task", "核发建设用地规划许可证"),
                                                 ("complete_task", "核发建设工程规划许可证")]
    assert [actions[i][1] for i in issues] == ["建设用地规划许可证", "建设工程规划许可证"]


def test_numbers_follow_each_kind_s_rule_and_never_repeat(step):
    settings = IssuanceSettings(area_code="420102")
    day, next_day = date(2026, 11, 2), date(2026, 11, 3)
    with step() as s:
        permits = [allocate_number(s, settings, "construction_permit", day) for _ in range(3)]
        tomorrow = allocate_number(s, settings, "construction_permit", next_day)
        planning = [allocate_number(s, settings, kind, day) for kind in
                    ("land_use_planning_permit", "works_planning_permit", "land_preexam_site_opinion")]
        phases = [allocate_number(s, settings, "phased_construction_permit", day, main_number=permits[0])
                  for _ in range(2)]
        fit_out = allocate_number(s, settings, "phased_construction_permit", day, main_number=permits[0], phase="Z")
        acceptance = allocate_number(s, settings, "joint_acceptance_opinion", day)
    assert permits == ["420102202611020101", "420102202611020201", "420102202611020301"]
    assert tomorrow == "420102202611030101"
    assert planning == ["420102202600001", "420102202600002", "420102202600003"]  # one series: no 建字/地字 clash
    assert phases == [f"{permits[0]}-S1", f"{permits[0]}-S2"] and fit_out == f"{permits[0]}-Z1"
    assert acceptance == "LY42010220260001"


def test_a_day_s_permit_sequence_is_bounded_and_a_rolled_back_number_is_not_lost(step):
    settings, day = IssuanceSettings(), date(2026, 11, 2)
    with pytest.raises(RuntimeError), step() as s:
        allocate_number(s, settings, "construction_permit", day)
        raise RuntimeError("the issuing transaction failed")
    with step() as s:
        assert allocate_number(s, settings, "construction_permit", day) == "420104202611020101"
        for _ in range(98):
            allocate_number(s, settings, "construction_permit", day)
        with pytest.raises(InvalidState):
            allocate_number(s, settings, "construction_permit", day)


def test_concurrent_issuers_never_take_the_same_number(db):
    """Two writers race from an empty counter (both try to create the day's row) and then on the row lock."""
    settings, day, barrier, numbers = IssuanceSettings(), date(2026, 11, 2), threading.Barrier(2), []

    def issuer() -> None:
        barrier.wait()
        for _ in range(15):
            with transaction(db) as s:
                numbers.append(allocate_number(s, settings, "construction_permit", day))

    workers = [threading.Thread(target=issuer) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert sorted(numbers) == [f"42010420261102{seq:02d}01" for seq in range(1, 31)]


def test_configured_base_url_and_area_code_reach_the_printed_certificate(office: Office, step, runtime):
    configure_issuance(runtime, IssuanceSettings(area_code="420102", authority_prefix="武汉市江岸区",
                                                 public_base_url="https://gcjs.example.gov.cn/zs/"))
    code = issued_through(office, 1)
    [cert] = certificates_of(step, code)
    assert cert.number == "420102202600001" and cert.issuing_authority == "武汉市江岸区自然资源和规划局"
    assert qr_texts(cert.pdf) == ["https://gcjs.example.gov.cn/zs/verify/420102202600001"]


def test_the_base_url_comes_from_the_environment_by_default(office: Office, step, monkeypatch):
    monkeypatch.setenv("APPROVAL_PUBLIC_BASE_URL", "https://zs.example.cn")
    [cert] = certificates_of(step, issued_through(office, 1))
    assert cert.data["verification_url"] == f"https://zs.example.cn/verify/{cert.number}"


def test_reissuing_supersedes_the_old_certificate_and_links_both_ways(office: Office, step, runtime):
    code = issued_through(office, 1)
    [old] = certificates_of(step, code)
    with step() as s:
        new = reissue_certificate(s, runtime, office.actor(s, "exam_natural_resources"), old.number,
                                  {"用地面积": "26000.00平方米", "用地单位": "示例置业（武汉）有限公司"})
        new_number = new.number
    old_after, new_after = certificates_of(step, code)
    assert new_number != old.number and new_after.number == new_number
    assert (old_after.status, old_after.superseded_by_id) == ("superseded", new_after.id)
    assert (new_after.status, new_after.supersedes_id) == ("valid", old_after.id)
    assert old_after.pdf == old.pdf and old_after.sha256 == old.sha256  # what was issued stays as issued
    assert new_after.holder == "示例置业（武汉）有限公司"
    assert "26000.00平方米" in pdf_text(new_after.pdf) and "示例置业（武汉）有限公司" in pdf_text(new_after.pdf)
    assert new_after.sha256 == hashlib.sha256(new_after.pdf).hexdigest()
    with step(write=False) as s:
        events = [e for e in trail(s, code) if e.action.endswith("_certificate")][1:]
        assert [(e.action, e.status_before, e.status_after) for e in events] == [
            ("issue_certificate", None, "valid"), ("supersede_certificate", "valid", "superseded")]
        assert events[0].details["supersedes"] == old.number and events[1].details["successor"] == new_number
        assert verify_chain(s, f"instance:{old.instance_id}") == []
        public = verify_certificate(s, runtime, old.number)
        assert (public.status_name, public.successor_number) == ("已被替代", new_number)
        assert verify_certificate(s, runtime, new_number).predecessor_number == old.number


def test_only_the_issuing_department_may_reissue_and_only_a_valid_certificate(office: Office, step, runtime):
    code = issued_through(office, 1)
    [cert] = certificates_of(step, code)
    for username in ("exam_housing_construction", "owner", "window"):
        with pytest.raises(NotAllowed), step() as s:
            reissue_certificate(s, runtime, office.actor(s, username), cert.number, {"用地面积": "1平方米"})
    for changes, field in (({}, "changes"), ({"监理单位": "某公司"}, "监理单位"), ({"用地面积": " "}, "用地面积")):
        with pytest.raises(FormRejected) as refused, step() as s:
            reissue_certificate(s, runtime, office.actor(s, "exam_natural_resources"), cert.number, changes)
        assert field in refused.value.field_errors
    with pytest.raises(NotFound), step() as s:
        reissue_certificate(s, runtime, office.actor(s, "exam_natural_resources"), "420104209900001", {})
    assert [c.status for c in certificates_of(step, code)] == ["valid"]  # refusals changed nothing
    with step() as s:
        reissue_certificate(s, runtime, office.actor(s, "exam_natural_resources"), cert.number, {"用地面积": "1平方米"})
    with pytest.raises(InvalidState), step() as s:
        reissue_certificate(s, runtime, office.actor(s, "exam_natural_resources"), cert.number, {"用地面积": "2平方米"})


def test_revocation_needs_a_reason_is_audited_and_is_final(office: Office, step, runtime, clock):
    code = issued_through(office, 1)
    [cert] = certificates_of(step, code)
    with pytest.raises(FormRejected), step() as s:
        revoke_certificate(s, runtime, office.actor(s, "exam_natural_resources"), cert.number, "  ")
    with pytest.raises(NotAllowed), step() as s:
        revoke_certificate(s, runtime, office.actor(s, "owner"), cert.number, "自行撤销")
    clock.advance(days=3)
    reason = "建设单位承诺的用地手续经核查不实"
    with step() as s:
        revoke_certificate(s, runtime, office.actor(s, "exam_natural_resources"), cert.number, reason)
    [after] = certificates_of(step, code)
    assert (after.status, after.revocation_reason, after.revoked_at) == ("revoked", reason, clock.value)
    with pytest.raises(InvalidState), step() as s:
        revoke_certificate(s, runtime, office.actor(s, "admin"), cert.number, "再次撤销")
    with pytest.raises(InvalidState), step() as s:
        reissue_certificate(s, runtime, office.actor(s, "admin"), cert.number, {"用地面积": "1平方米"})
    with step(write=False) as s:
        [event] = [e for e in trail(s, code) if e.action == "revoke_certificate"]
        assert (event.status_before, event.status_after, event.details["reason"]) == ("valid", "revoked", reason)
        public = verify_certificate(s, runtime, cert.number)
        assert (public.status, public.status_name, public.revocation_reason) == ("revoked", "已撤销", reason)
        assert public.status_changed_on == date(2026, 11, 5)


def test_a_certificate_past_its_validity_reads_expired_and_the_sweep_records_it(office: Office, step, runtime,
                                                                                 clock):
    code, _ = office.new_project()
    for bpmn_id in ("apply", "accept"):
        office.act(code, bpmn_id)
    for item in [i.bpmn_id for i in office.items(code) if i.bpmn_id.startswith("review_")]:
        office.act(code, item)
    office.act(code, "issue", {"certificate_remarks": "准予许可", "validity_months": 1})
    [cert] = certificates_of(step, code)
    assert cert.valid_until == date(2026, 12, 2)
    clock.advance(days=30)
    with step() as s:
        assert verify_certificate(s, runtime, cert.number).status == "valid"
        assert expire_certificates(s, runtime) == []
    clock.advance(days=1)
    with step() as s:
        assert verify_certificate(s, runtime, cert.number).status_name == "已失效"  # before any sweep
        assert expire_certificates(s, runtime) == [cert.number]
    with step(write=False) as s:
        assert s.scalar(select(Certificate.status).where(Certificate.number == cert.number)) == "expired"
        [event] = [e for e in trail(s, code) if e.action == "expire_certificate"]
        assert (event.actor_name, event.status_after) == ("系统", "expired")


def test_an_unknown_or_forged_number_is_not_found_and_says_nothing_else(office: Office, step, runtime):
    code = issued_through(office, 1)
    [cert] = certificates_of(step, code)
    forged = cert.number[:-1] + str((int(cert.number[-1]) + 1) % 10)
    with step(write=False) as s:
        answers = []
        for number in (forged, "420104202699999", "<script>", "x" * 300):
            with pytest.raises(NotFound) as missing:
                verify_certificate(s, runtime, number)
            answers.append((missing.value.message, missing.value.context))
    assert answers == [("未找到该证照", {})] * 4


def test_pdfs_and_lists_are_for_the_owner_and_staff_who_see_the_project(office: Office, step, runtime):
    code = issued_through(office, 1)
    [cert] = certificates_of(step, code)
    with step() as s:
        create_user(s, runtime, username="other_owner", display_name="另一建设单位", role=OWNER, password="x-2026")
    with step(write=False) as s:
        for username in ("owner", "window", "exam_natural_resources", "supervisor"):
            assert certificate_pdf(s, office.actor(s, username), cert.number).pdf == cert.pdf
            assert [c.number for c in project_certificates(s, office.actor(s, username), code)] == [cert.number]
        for username in ("other_owner", "exam_traffic_police"):
            with pytest.raises(NotFound) as hidden:
                certificate_pdf(s, office.actor(s, username), cert.number)
            assert (hidden.value.message, hidden.value.context) == ("未找到该证照", {})
            with pytest.raises(NotFound):
                project_certificates(s, office.actor(s, username), code)


def test_a_certificate_the_font_cannot_print_is_refused_and_the_issue_task_stays_open(office: Office, step):
    code = issued_through(office, 2)
    office.act(code, "apply")
    office.act(code, "accept")
    for item in [i.bpmn_id for i in office.items(code) if i.bpmn_id.startswith("review_")]:
        office.act(code, item)
    with pytest.raises(InvalidState) as refused:
        office.act(code, "issue", {"certificate_remarks": "塔吊进场🏗"})  # 备注 of the 施工许可证
    assert "证照无法生成" in refused.value.message
    assert [c.kind for c in certificates_of(step, code)] == STAGE_KINDS[:2]
    assert office.item(code, "issue").form_key == "issuance"


def test_an_area_code_must_be_six_digits(monkeypatch):
    monkeypatch.setenv("APPROVAL_AREA_CODE", "4201")
    with pytest.raises(ConfigurationError):
        IssuanceSettings.from_env()
    assert IssuanceSettings(area_code="110101").area_code == "110101"
