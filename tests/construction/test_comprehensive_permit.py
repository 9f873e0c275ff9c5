"""建筑工程综合许可证 (自选下单) through the engine: one form, one acceptance, one 联合踏勘, parallel
approval by the picked licences' departments, one certificate; a licence added later re-issues it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine import FormRejected, InvalidState, verify_certificate
from engine.construction.comprehensive import order_comprehensive_permit
from engine.construction.menu import LICENCES
from engine.construction.models import ComprehensiveLicence
from engine.issuance import Certificate
from engine.processes.models import ProcessInstance
from tests.construction.support import FACTS, certificate, comprehensive_form, snapshot
from tests.support.pdfs import pdf_text, qr_texts

ACCEPT = {"decision": "accept", "opinion": "材料齐全，予以受理"}
INSPECTION = {"inspection_date": "2026-11-02", "findings": "现场具备施工条件，围挡及排水设施已设置"}
APPROVE = {"decision": "approve", "opinion": "符合要求，同意"}


def order(office, code, *licences):
    with office.step() as s:
        return order_comprehensive_permit(s, office.runtime, office.actor(s, "owner"), code,
                                          comprehensive_form(*licences)).instance_id


def run_order(office, code, instance_id, verdicts=None):
    """Window, joint inspection, each department, issuance; returns the reviews that were asked for."""
    office.act(code, "accept", ACCEPT)
    office.act(code, "inspect", INSPECTION)
    reviews = sorted(i.bpmn_id for i in office.items(code) if i.instance_id == instance_id)
    for review in reviews:
        office.act(code, review, (verdicts or {}).get(review, APPROVE))
    if any(i.bpmn_id == "issue" for i in office.items(code)):
        office.act(code, "issue", {"certificate_remarks": "一证开工"})
    return reviews


def valid_comprehensive(office, code):
    with office.step(write=False) as s:
        return s.scalars(select(Certificate).where(Certificate.project_code == code,
                                                   Certificate.kind == "comprehensive_construction_permit")
                         .order_by(Certificate.id)).all()


def test_three_licences_then_a_fourth_reissues_the_certificate(office):
    code, _ = office.new_project()
    instance_id = order(office, code, "night_work_permit", "construction_waste_disposal_approval")
    reviews = run_order(office, code, instance_id)
    assert reviews == ["review_construction_permit", "review_construction_waste_disposal_approval",
                       "review_night_work_permit"]
    (first,) = valid_comprehensive(office, code)
    assert [b["title"] for b in first.data["blocks"]] == ["建筑工程施工许可", "城市建筑垃圾处置核准", "夜间施工许可"]
    night = next(b for b in first.data["blocks"] if b["title"] == "夜间施工许可")
    assert dict(night["fields"])["许可条件"].startswith(
        "施工日期：2026年11月10日至2026年11月12日；施工时段：22:00至次日06:00")
    text = pdf_text(certificate(office, first.number).pdf)
    for value in ("建筑工程综合许可证", first.number, "汉西一路—建设大道—三环线", "东西湖区走马岭消纳场",
                  "22:00至次日06:00"):
        assert value in text
    with office.step(write=False) as s:
        numbers = {row.licence: row.number for row in s.scalars(select(ComprehensiveLicence))}
    second_instance = order(office, code, "traffic_road_occupation_permit")
    assert run_order(office, code, second_instance) == ["review_traffic_road_occupation_permit"]
    old, new = valid_comprehensive(office, code)
    assert (old.number, old.status, old.superseded_by_id, new.status) == (first.number, "superseded", new.id, "valid")
    assert [b["number"] for b in new.data["blocks"]][:3] == [numbers[c] for c in (
        "construction_permit", "construction_waste_disposal_approval", "night_work_permit")]
    assert len(new.data["blocks"]) == 4
    with office.step(write=False) as s:
        verification = verify_certificate(s, office.runtime, old.number)
    assert (verification.status_name, verification.successor_number) == ("已被替代", new.number)
    assert qr_texts(certificate(office, new.number).pdf) == [new.data["verification_url"]]


def test_a_refusal_ends_the_order_without_a_certificate(office):
    code, _ = office.new_project()
    instance_id = order(office, code, "night_work_permit")
    run_order(office, code, instance_id, {"review_night_work_permit": {
        "decision": "reject", "opinion": "周边为居民区，不同意夜间施工"}})
    assert valid_comprehensive(office, code) == []
    with office.step(write=False) as s:
        assert s.get(ProcessInstance, instance_id).status == "completed"
        assert s.scalars(select(ComprehensiveLicence)).all() == []


def test_bad_orders_change_nothing(office):
    code, _ = office.new_project()
    before = snapshot(office)
    for form, errors in (
        (comprehensive_form("night_work_permit") | {"night_work_hours": None}, {"night_work_hours"}),
        (comprehensive_form("fireworks_permit"), {"licences"}),
    ):
        with pytest.raises(FormRejected) as caught, office.step() as s:
            order_comprehensive_permit(s, office.runtime, office.actor(s, "owner"), code, form)
        assert set(caught.value.field_errors) == errors
    assert snapshot(office) == before
    order(office, code, "night_work_permit")
    running = snapshot(office)
    with pytest.raises(InvalidState), office.step() as s:
        order_comprehensive_permit(s, office.runtime, office.actor(s, "owner"), code, comprehensive_form())
    assert snapshot(office) == running


def test_the_menu_and_the_process_model_agree(runtime):
    from engine.organisation.lanes import DEPARTMENTS

    library = runtime.current_library()
    tasks = {t.bpmn_id: t for t in library.user_tasks if t.process_id == "comprehensive_construction_permit"}
    for licence in LICENCES:
        task = tasks[f"review_{licence.code}"]
        assert (task.lane, task.properties["item"]) == (DEPARTMENTS[licence.department], licence.code)
        assert task.properties["days"] == str(licence.committed_days)  # the item clock's committed days
    assert set(FACTS) <= {lic.code for lic in LICENCES}


def test_every_licence_number_series_fits_the_counter_table():
    from engine.construction.menu import numbering_rules
    from engine.issuance import CertificateCounter

    width = CertificateCounter.__table__.c.series.type.length
    assert all(len(rule.series) <= width for rule in numbering_rules().values())
    assert len({rule.series for rule in numbering_rules().values()}) == len(numbering_rules())
