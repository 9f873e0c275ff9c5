"""施工预许可 on the pages: the owner applies on a commitment from the project page and the pre-permit is issued
at once; an agent is told the commitment is the owner's; the housing department converts it into the formal
施工许可证 from its own list. Refused posts show why beside the field, keep the input and change nothing."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from engine.acceptance.models import PrePermit
from engine.audit.models import AuditEvent
from engine.issuance import Certificate
from engine.processes.models import ProcessInstance
from tests.construction.support import grant_agent
from tests.support.sites import PRE_PERMIT

FORM = {k: str(v) for k, v in PRE_PERMIT.items() if k != "confirmed"}


def snapshot(office) -> tuple:
    with office.step(write=False) as s:
        counts = tuple(s.scalar(select(func.count()).select_from(t)) for t in (PrePermit, Certificate, ProcessInstance))
        permits = tuple(s.execute(select(PrePermit.id, PrePermit.status, PrePermit.permit_number)))
        certs = tuple(s.execute(select(Certificate.number, Certificate.status)))
        audit = tuple(s.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id)))
        return counts, permits, certs, audit


def test_the_owner_gets_a_pre_permit_and_housing_converts_it(office, person) -> None:
    code, _ = office.new_project()
    owner = person("owner")
    assert f'href="/projects/{code}/pre-permits"' in owner.get(f"/projects/{code}").text
    page = owner.get(f"/projects/{code}/pre-permits").text
    assert "尚未申请施工预许可" in page and 'name="confirmed"' in page

    before = snapshot(office)
    unconfirmed = owner.post(f"/projects/{code}/pre-permits", FORM)
    assert unconfirmed.status_code == 422 and 'id="f-confirmed-error"' in unconfirmed.text
    assert 'value="刘建国"' in unconfirmed.text
    bad_price = owner.post(f"/projects/{code}/pre-permits", {**FORM, "contract_price": "三万八", "confirmed": "true"})
    assert bad_price.status_code == 422 and 'href="#f-contract_price"' in bad_price.text
    assert 'value="三万八"' in bad_price.text
    assert snapshot(office) == before

    done = owner.post(f"/projects/{code}/pre-permits", {**FORM, "confirmed": "true"})
    assert done.status_code == 302
    page = owner.get(f"/projects/{code}/pre-permits").text
    number = re.search(r"YX\d+", page).group(0)
    assert "有效" in page and "基坑、土方、围护" in page

    examiner = person("exam_housing_construction")
    listing = examiner.get("/pre-permits/conversions").text
    assert number in listing and code in listing
    permit_id = re.search(r"/pre-permits/(\d+)/conversion", listing).group(1)
    assert examiner.post(f"/pre-permits/{permit_id}/conversion").status_code == 302
    assert "没有有效的施工预许可" in examiner.get("/pre-permits/conversions").text
    before = snapshot(office)
    again = examiner.post(f"/pre-permits/{permit_id}/conversion")
    assert again.status_code == 409 and "已转为正式施工许可" in again.text and snapshot(office) == before
    page = owner.get(f"/projects/{code}/pre-permits").text
    assert "已转为正式施工许可" in page
    mine = owner.get("/certificates").text
    assert number in mine and "建筑工程施工许可证" in mine


def test_an_agent_is_told_the_commitment_is_the_owners(office, person) -> None:
    code, _ = office.new_project()
    grant_agent(office, code, ["apply", "view"])
    agent = person("agent")
    page = agent.get(f"/projects/{code}/pre-permits").text
    assert "代 示例置业有限公司 办理" in page and "代办员不能代为承诺" in page and 'name="confirmed"' not in page
    before = snapshot(office)
    assert agent.post(f"/projects/{code}/pre-permits", {**FORM, "confirmed": "true"}).status_code == 403
    assert snapshot(office) == before


def test_only_housing_staff_convert(office, person) -> None:
    code, _ = office.new_project()
    person("owner").post(f"/projects/{code}/pre-permits", {**FORM, "confirmed": "true"})
    with office.step(write=False) as s:
        permit_id = s.scalar(select(PrePermit.id))
    other = person("exam_development_reform")
    assert other.get("/pre-permits/conversions").status_code == 403
    before = snapshot(office)
    assert other.post(f"/pre-permits/{permit_id}/conversion").status_code == 403
    assert person("owner").post(f"/pre-permits/{permit_id}/conversion").status_code == 403
    assert snapshot(office) == before
