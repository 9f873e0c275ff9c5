"""夜间施工 on the pages: the owner applies from the project page (errors beside the fields, input kept, nothing
stored), the environment bureau decides from its list, the urban-management bureau and the public see the
approval; another department cannot decide."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.night_work.models import NightWorkPermit
from tests.support.sites import site_with_pre_permit

from .support import CODE, count

FORM = {"general_contractor": "中建三局第一建设工程有限责任公司", "contractor_credit_code": "91420100177565862B",
        "works": "地下室底板大体积混凝土连续浇筑", "reason": "大体积混凝土须连续浇筑。", "first_night": "2026-11-05",
        "last_night": "2026-11-06", "start_time": "22:00", "end_time": "06:00", "resident_agreement": "true",
        "noise_measures": "低噪声设备，隔声屏障。"}


@pytest.fixture
def site(office) -> str:
    return site_with_pre_permit(office, CODE)


def test_owner_finds_the_form_and_a_wrong_hour_keeps_the_input(person, step, site: str) -> None:
    owner = person("owner")
    assert f'href="/projects/{site}/night-work"' in owner.get(f"/projects/{site}").text
    wrong = owner.post(f"/projects/{site}/night-work", {**FORM, "start_time": "21:00"})
    assert wrong.status_code == 422
    assert "夜间施工时段为22:00至次日06:00，开始时间应在此时段内" in wrong.text
    assert 'value="21:00"' in wrong.text and "低噪声设备，隔声屏障。" in wrong.text
    assert count(step, NightWorkPermit) == 0
    done = owner.post(f"/projects/{site}/night-work", FORM, follow_redirects=True)
    assert "申请已提交" in done.text and "审查中" in done.text
    assert 'value="91420100177565862B"' in done.text  # a repeat application starts from the last one (自动填报)


def test_the_environment_bureau_decides_and_the_approval_is_published(person, step, site: str) -> None:
    person("owner").post(f"/projects/{site}/night-work", FORM)
    reviewer = person("exam_ecology_environment")
    queue = reviewer.get("/night-work/reviews")
    assert 'href="/night-work/reviews"' in queue.text and "地下室底板大体积混凝土连续浇筑" in queue.text
    (permit_id,) = _ids(step)
    no_reason = reviewer.post(f"/night-work/{permit_id}/decision", {"decision": "refuse", "opinion": ""})
    assert no_reason.status_code == 422 and "不予准许的，请写明理由" in no_reason.text
    approved = reviewer.post(f"/night-work/{permit_id}/decision", {"decision": "approve"}, follow_redirects=True)
    assert "已作出决定：已准予" in approved.text
    with step(write=False) as s:
        number = s.get(NightWorkPermit, permit_id).certificate_number
    assert number in person("exam_urban_management").get("/night-work/supervision").text
    assert number in person("supervisor").get("/night-work/supervision").text
    assert number in person("owner").client.application.test_client().get("/public/night-work").text


def test_another_department_cannot_decide_and_nothing_changes(person, step, site: str) -> None:
    person("owner").post(f"/projects/{site}/night-work", FORM)
    (permit_id,) = _ids(step)
    refused = person("exam_housing_construction").post(f"/night-work/{permit_id}/decision", {"decision": "approve"})
    assert refused.status_code == 403
    with step(write=False) as s:
        assert s.get(NightWorkPermit, permit_id).status == "pending"
    assert person("exam_housing_construction").get("/night-work/reviews").status_code == 403


def _ids(step) -> list[int]:
    with step(write=False) as s:
        return list(s.scalars(select(NightWorkPermit.id)))
