"""建筑垃圾处置核准 on the pages: the owner applies from the project page (categories as boxes, the site from the
list; errors beside the fields, input kept, nothing stored), each department decides its part from its own
list, the last agreement issues the licence, the district's list shows it; another department cannot decide."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine import issue_pre_permit
from engine.waste_disposal.models import WasteDisposalLicence, WasteDisposalReview

from .support import CODE, count
from .test_night_work_pages import PRE_PERMIT

FORM = {"transport_company": "武汉市汉江渣土运输有限公司", "transport_credit_code": "91420104MA4K2XY83B",
        "muck": "true", "demolition": "true", "volume_m3": "12000",
        "route": "古田二路—长丰大道—三环线—金山大道—走马岭汇通大道", "vehicle_plates": "鄂A12345\n鄂AD34567",
        "disposal_site": "XN420112001", "first_day": "2026-11-05", "last_day": "2027-02-04",
        "sealed_transport": "true"}


@pytest.fixture
def site(office) -> str:
    code, _ = office.new_project(CODE)
    with office.step() as s:
        issue_pre_permit(s, office.runtime, office.actor(s, "owner"), code, PRE_PERMIT)
    return code


def test_owner_finds_the_form_and_wrong_input_is_kept_and_explained(person, step, site: str) -> None:
    owner = person("owner")
    assert f'href="/projects/{site}/waste-disposal"' in owner.get(f"/projects/{site}").text
    page = owner.get(f"/projects/{site}/waste-disposal").text
    assert 'type="checkbox" name="mud"' in page and "东西湖区走马岭建筑垃圾资源化利用厂" in page
    no_kind = {k: v for k, v in FORM.items() if k not in ("muck", "demolition")}
    wrong = owner.post(f"/projects/{site}/waste-disposal", {**no_kind, "vehicle_plates": "鄂A12345\nABC"})
    assert wrong.status_code == 422
    assert "第2项“ABC”不是有效的车牌号，例如 鄂A12345" in wrong.text
    assert "古田二路—长丰大道—三环线—金山大道—走马岭汇通大道" in wrong.text and 'value="12000"' in wrong.text
    too_long = owner.post(f"/projects/{site}/waste-disposal", {**FORM, "last_day": "2027-02-05"})
    assert too_long.status_code == 422 and "截止日期最晚为2027年2月4日" in too_long.text
    assert count(step, WasteDisposalLicence) == 0
    done = owner.post(f"/projects/{site}/waste-disposal", FORM, follow_redirects=True)
    assert "申请已提交" in done.text and "城市管理局" in done.text and "公安交通管理局" in done.text
    assert "再次申请（已按上次申请预填）" in done.text and 'value="91420104MA4K2XY83B"' in done.text


def test_each_department_decides_its_part_and_the_last_issues_the_licence(person, step, site: str) -> None:
    person("owner").post(f"/projects/{site}/waste-disposal", FORM)
    city = person("exam_urban_management")
    queue = city.get("/waste-disposal/reviews")
    assert 'href="/waste-disposal/reviews"' in queue.text and "消纳场所、运输车辆和分类处置" in queue.text
    reviews = _reviews(step)
    no_reason = city.post(f"/waste-disposal/reviews/{reviews['urban_management']}/decision",
                          {"decision": "refuse", "opinion": ""})
    assert no_reason.status_code == 422 and "不同意的，请写明理由" in no_reason.text
    first = city.post(f"/waste-disposal/reviews/{reviews['urban_management']}/decision", {"decision": "approve"},
                      follow_redirects=True)
    assert "等待其他部门审查" in first.text
    last = person("exam_traffic_police").post(f"/waste-disposal/reviews/{reviews['traffic_police']}/decision",
                                              {"decision": "approve"}, follow_redirects=True)
    assert "行政审批局已核发电子核准证 LJ" in last.text
    with step(write=False) as s:
        number = s.scalars(select(WasteDisposalLicence.certificate_number)).one()
    district = city.get("/waste-disposal/district?district=420112").text
    assert number in district and "跨区" in district
    assert number not in person("supervisor").get("/waste-disposal/district?district=420104").text
    assert 'href="/waste-disposal/district"' in person("supervisor").get("/waste-disposal/district").text


def test_another_department_cannot_decide_and_nothing_changes(person, step, site: str) -> None:
    person("owner").post(f"/projects/{site}/waste-disposal", FORM)
    reviews = _reviews(step)
    refused = person("exam_housing_construction").post(
        f"/waste-disposal/reviews/{reviews['urban_management']}/decision", {"decision": "approve"})
    assert refused.status_code == 403
    assert set(_statuses(step)) == {"pending"}
    assert person("exam_housing_construction").get("/waste-disposal/reviews").status_code == 403


def _reviews(step) -> dict[str, int]:
    with step(write=False) as s:
        return {r.department_code: r.id for r in s.scalars(select(WasteDisposalReview))}


def _statuses(step) -> list[str]:
    with step(write=False) as s:
        return list(s.scalars(select(WasteDisposalReview.status)))
