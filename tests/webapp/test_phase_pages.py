"""分阶段施工许可 on the pages: the owner applies for the first phase from the project page and commits in
person; an agent prepares the next phase and the owner confirms its commitment on the same page; the housing
department issues from its own list. Every refused post shows why beside the field, keeps what was typed and
changes nothing (the construction snapshot: applications, certificates, audit chain)."""

from __future__ import annotations

import re

from sqlalchemy import select

from engine.construction.models import PhasePermitApplication
from tests.construction.support import FIRST_PHASE, grant_agent, snapshot

FORM = {k: str(v) for k, v in FIRST_PHASE.items() if k != "quality_safety_commitment"}
ISSUER = "exam_housing_construction"
REQUIRED_CONTRACTOR = '施工总承包单位<span class="required">（必填）</span>'


def _applications(office) -> list[tuple[str, str]]:
    with office.step(write=False) as s:
        return [(phase, status) for phase, status in s.execute(
            select(PhasePermitApplication.phase, PhasePermitApplication.status).order_by(PhasePermitApplication.id))]


def test_the_owner_applies_commits_and_the_department_issues(office, person) -> None:
    code, _ = office.new_project()
    owner = person("owner")
    project = owner.get(f"/projects/{code}").text
    assert f'href="/projects/{code}/phase-permits"' in project
    page = owner.get(f"/projects/{code}/phase-permits").text
    assert "申请“基坑支护和土方开挖”阶段施工许可" in page and "未申请" in page
    assert 'name="quality_safety_commitment"' in page and REQUIRED_CONTRACTOR in page

    before = snapshot(office)
    no_commitment = owner.post(f"/projects/{code}/phase-permits", FORM)
    assert no_commitment.status_code == 422
    assert 'id="f-quality_safety_commitment-error"' in no_commitment.text
    assert "须承诺工程质量安全可控" in no_commitment.text and 'value="ZB-2026-0815"' in no_commitment.text
    missing = owner.post(f"/projects/{code}/phase-permits", {**FORM, "bid_notice_no": "",
                                                             "quality_safety_commitment": "true"})
    assert missing.status_code == 422 and "须提供中标通知书编号" in missing.text
    assert 'href="#f-bid_notice_no"' in missing.text and 'value="刘建国"' in missing.text
    assert snapshot(office) == before

    done = owner.post(f"/projects/{code}/phase-permits", {**FORM, "quality_safety_commitment": "true"})
    assert done.status_code == 302
    assert _applications(office) == [("excavation_support_earthworks", "submitted")]
    page = owner.get(f"/projects/{code}/phase-permits").text
    assert "待核发" in page and "上一阶段取得施工许可后，方可申请下一阶段" in page

    issuer = person(ISSUER)
    listing = issuer.get("/phase-permits/issuance").text
    assert "基坑支护和土方开挖" in listing and code in listing
    assert "中建三局第一建设工程有限责任公司（中标通知书 ZB-2026-0815）" in listing  # what the permit will print
    application_id = re.search(r'/phase-permits/(\d+)/issuance', listing).group(1)
    before = snapshot(office)
    too_long = issuer.post(f"/phase-permits/{application_id}/issuance", {"remarks": "注" * 501})
    assert too_long.status_code == 422 and 'aria-invalid="true"' in too_long.text
    assert "注" * 501 in too_long.text and snapshot(office) == before
    issued = issuer.post(f"/phase-permits/{application_id}/issuance", {"remarks": "限基坑支护"})
    assert issued.status_code == 302
    assert "已核发分阶段施工许可证" in issuer.get("/phase-permits/issuance").text
    before = snapshot(office)
    again = issuer.post(f"/phase-permits/{application_id}/issuance", {"remarks": "再发一次"})
    assert again.status_code == 409 and "该阶段施工许可已核发" in again.text and snapshot(office) == before

    page = owner.get(f"/projects/{code}/phase-permits").text
    assert "已核发" in page and re.search(r"-S1", page) and "申请“地下室及桩基础”阶段施工许可" in page
    assert REQUIRED_CONTRACTOR not in page  # a later phase reuses the first one's materials
    mine = owner.get("/certificates").text
    assert "施工许可证" in mine and "-S1" in mine
    second = owner.post(f"/projects/{code}/phase-permits", {"phase": "basement_piles",
                                                            "quality_safety_commitment": "true"})
    assert second.status_code == 302
    listing = issuer.get("/phase-permits/issuance").text
    assert "地下室及桩基础" in listing and "沿用首个阶段申请" in listing and "ZB-2026-0815" in listing


def test_an_agent_prepares_and_the_owner_confirms(office, person) -> None:
    code, _ = office.new_project()
    grant_agent(office, code, ["apply", "view"])
    agent = person("agent")
    page = agent.get(f"/projects/{code}/phase-permits").text
    assert "代 示例置业有限公司 办理" in page
    assert 'name="quality_safety_commitment"' not in page and "须由建设单位本人确认" in page
    assert agent.post(f"/projects/{code}/phase-permits", FORM).status_code == 302
    assert _applications(office) == [("excavation_support_earthworks", "awaiting_commitment")]
    application_id = re.search(r'/phase-permits/(\d+)/issuance',
                               person(ISSUER).get("/phase-permits/issuance").text)
    assert application_id is None  # held up: listed, but no issuing form until the owner commits

    before = snapshot(office)
    refused = agent.post(f"/phase-permits/{_id(office)}/commitment")
    assert refused.status_code == 403 and snapshot(office) == before

    owner = person("owner")
    page = owner.get(f"/projects/{code}/phase-permits").text
    assert "待确认质量安全承诺：基坑支护和土方开挖" in page
    assert owner.post(f"/phase-permits/{_id(office)}/commitment").status_code == 302
    assert _applications(office) == [("excavation_support_earthworks", "submitted")]
    before = snapshot(office)
    twice = owner.post(f"/phase-permits/{_id(office)}/commitment")
    assert twice.status_code == 409 and snapshot(office) == before


def test_a_later_phase_before_the_first_is_issued_is_refused(office, person) -> None:
    code, _ = office.new_project()
    owner = person("owner")
    owner.post(f"/projects/{code}/phase-permits", {**FORM, "quality_safety_commitment": "true"})
    before = snapshot(office)
    early = owner.post(f"/projects/{code}/phase-permits", {"phase": "basement_piles",
                                                           "quality_safety_commitment": "true"})
    assert early.status_code == 409 and "须先取得“基坑支护和土方开挖”阶段施工许可" in early.text
    assert snapshot(office) == before
    assert person("exam_development_reform").get("/phase-permits/issuance").status_code == 403


def _id(office) -> int:
    with office.step(write=False) as s:
        return s.scalar(select(PhasePermitApplication.id))


def test_an_agent_without_a_construction_grant_is_told_on_the_form(office, person) -> None:
    code, _ = office.new_project()
    grant_agent(office, code, ["view"])  # may look, may not apply
    agent = person("agent")
    before = snapshot(office)
    refused = agent.post(f"/projects/{code}/phase-permits", FORM)
    assert refused.status_code == 403 and 'id="error-summary"' in refused.text
    assert 'value="ZB-2026-0815"' in refused.text  # what was typed is still there
    assert snapshot(office) == before
