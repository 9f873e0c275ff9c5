"""Certificates carry the 项目代码 and the national template rows the forms now collect (土地用途, 批准用地文号)."""

from __future__ import annotations

from sqlalchemy import select

from engine.issuance import Certificate
from tests.construction.support import certificate
from tests.construction.test_comprehensive_permit import order, run_order
from tests.support.pdfs import pdf_text


def test_every_certificate_prints_the_project_code_and_the_land_rows(office) -> None:
    code, _ = office.new_project()
    office.finish_stage(code)
    office.finish_stage(code)
    run_order(office, code, order(office, code, "night_work_permit"))
    with office.step(write=False) as s:
        issued = s.scalars(select(Certificate).where(Certificate.project_code == code).order_by(Certificate.id)).all()
    assert [c.kind for c in issued] == ["land_use_planning_permit", "works_planning_permit",
                                        "comprehensive_construction_permit"]
    for cert in issued:
        assert ["项目代码", code] in cert.data["fields"], cert.kind
        assert code in pdf_text(certificate(office, cert.number).pdf), cert.kind
    land = dict(map(tuple, issued[0].data["fields"]))
    assert (land["土地用途"], land["批准用地文号"]) == ("住宅用地", "武政土〔2026〕8号")
    assert "见申请材料" not in land.values()
