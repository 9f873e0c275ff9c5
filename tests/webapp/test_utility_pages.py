"""水电气联动报装 on the pages: refused before stage 2 with the reason; the window's acceptance without a survey
date is refused beside the field with nothing stored; only the utility companies' staff see the inbox link and
only the window the acceptance queue; a company examiner acts on its own utility only."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine.utility_connection.models import UtilityApplication, UtilityService

from .support import CODE, count

FORM = {"water": "apply", "power": "high_voltage_single", "contact_person": "陈工", "contact_phone": "13900001111",
        "demand": "用水量120立方米/日；用电容量1250千伏安"}


@pytest.fixture
def in_stage_two(office, scene) -> str:
    return scene("stage 2 accepted", lambda: _accept_stage_two(office))


def _accept_stage_two(office) -> str:
    code, _ = office.new_project(CODE)
    office.finish_stage(code)
    office.act(code, "apply")
    office.act(code, "accept")
    return code


def test_before_stage_two_the_owner_is_told_why_and_nothing_is_stored(person, step, office) -> None:
    code, _ = office.new_project(CODE)
    owner = person("owner")
    assert f'href="/projects/{code}/utilities"' in owner.get(f"/projects/{code}").text
    refused = owner.post(f"/projects/{code}/utilities", FORM)
    assert refused.status_code == 409 and "工程建设许可阶段受理后方可申请" in refused.text
    assert count(step, UtilityApplication) == 0


def test_window_acceptance_without_survey_date_keeps_everything_as_it_was(person, step, in_stage_two) -> None:
    person("owner").post(f"/projects/{in_stage_two}/utilities", FORM)
    window = person("window")
    queue = window.get("/utilities/window")
    assert 'href="/utilities/window"' in queue.text and "高压单电源供电" in queue.text
    with step(write=False) as s:
        application_id = s.scalars(select(UtilityApplication.id)).one()
    wrong = window.post(f"/utilities/{application_id}/acceptance", {"decision": "accept"})
    assert wrong.status_code == 422 and "受理时请确定联合踏勘日期" in wrong.text
    with step(write=False) as s:
        assert s.scalars(select(UtilityApplication.status)).one() == "submitted"


def test_a_company_sees_its_inbox_and_may_not_act_for_another(person, step, in_stage_two) -> None:
    person("owner").post(f"/projects/{in_stage_two}/utilities", FORM)
    window = person("window")
    with step(write=False) as s:
        application_id = s.scalars(select(UtilityApplication.id)).one()
    window.post(f"/utilities/{application_id}/acceptance", {"decision": "accept", "survey_date": "2026-11-04"})
    window.post(f"/utilities/{application_id}/joint-survey", {"participants": "各公司", "findings": "正常"})
    water = person("exam_water_supply")
    page = water.get("/utilities/inbox")
    assert 'href="/utilities/inbox"' in page.text and "供水" in page.text and "高压单电源供电" not in page.text
    with step(write=False) as s:
        power = s.scalars(select(UtilityService.id).where(UtilityService.service == "power_hv_single")).one()
    refused = water.post(f"/utility-services/{power}/survey", {"connection_plan": "x"})
    assert refused.status_code == 403
    with step(write=False) as s:
        assert s.get(UtilityService, power).status == "surveying"
    assert count(step, UtilityService) == 2
