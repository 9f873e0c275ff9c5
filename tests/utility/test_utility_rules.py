"""The services table: what is offered with which limit, a service an office has not configured is refused with
the reason, and one it configures (telecom, with its limit) runs like the others."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from engine import EngineError, FormRejected, accept_utility_connection, apply_utility_connection, utility_track
from engine.clocks import CHINA_TZ
from engine.utility_connection.rules import DEFAULT_RULES

FORM = {"contact_person": "陈工", "contact_phone": "13900001111", "demand": "通信管线接入"}


def test_the_shipped_table_offers_zhuzhou_limits_and_lists_the_unconfirmed_ones() -> None:
    offered = {s.code: s.limit_days for s in DEFAULT_RULES.offered()}
    assert offered == {"water": 10, "gas": 7, "power_hv_single": 18, "power_hv_dual": 33}
    assert {s.code for s in DEFAULT_RULES.services if not s.offered} == {"power_lv", "heat", "telecom"}


@pytest.fixture
def in_stage_two(office, clock) -> str:
    clock.value = datetime(2026, 10, 1, 9, 0, tzinfo=CHINA_TZ)
    code, _ = office.new_project()
    office.finish_stage(code)
    office.act(code, "apply")
    clock.value = datetime(2026, 11, 2, 9, 0, tzinfo=CHINA_TZ)
    office.act(code, "accept")
    return code


def test_a_service_not_offered_is_refused_with_the_reason(office, in_stage_two) -> None:
    with pytest.raises(FormRejected) as refused, office.step() as s:
        apply_utility_connection(s, office.runtime, office.actor(s, "owner"), in_stage_two,
                                 {**FORM, "telecom": "apply"})
    assert refused.value.field_errors == {"telecom": ["本市暂未开通通信联动报装，请向通信单位单独申请"]}


def test_an_office_that_configures_telecom_runs_it_with_its_limit(office, in_stage_two) -> None:
    telecom = replace(DEFAULT_RULES.by_code("telecom"), limit_days=5, offered=True)
    rules = replace(DEFAULT_RULES, services=(*DEFAULT_RULES.offered(), telecom))
    with office.step() as s:
        done = apply_utility_connection(s, office.runtime, office.actor(s, "owner"), in_stage_two,
                                        {**FORM, "telecom": "apply"}, rules)
        accept_utility_connection(s, office.runtime, office.actor(s, "window"), done.id,
                                  {"decision": "accept", "survey_date": "2026-11-04"}, rules)
    with office.step(write=False) as s:
        (view,) = utility_track(s, office.runtime, office.actor(s, "owner"), in_stage_two)
    (line,) = view.services
    assert (line.service.name, line.company, line.clock.limit_days, line.clock.deadline) == (
        "通信", "市通信管线公司", 5, "2026-11-09")


def test_a_returned_application_may_be_filed_again_but_not_two_open_ones(office, in_stage_two) -> None:
    with office.step() as s:
        first = apply_utility_connection(s, office.runtime, office.actor(s, "owner"), in_stage_two,
                                         {**FORM, "water": "apply"})
    with pytest.raises(EngineError, match="已有办理中的联动报装申请"), office.step() as s:
        apply_utility_connection(s, office.runtime, office.actor(s, "owner"), in_stage_two, {**FORM, "gas": "apply"})
    with office.step() as s:
        accept_utility_connection(s, office.runtime, office.actor(s, "window"), first.id,
                                  {"decision": "return", "opinion": "用水量未注明计算依据"})
    with office.step() as s:
        apply_utility_connection(s, office.runtime, office.actor(s, "owner"), in_stage_two, {**FORM, "water": "apply"})
    with office.step(write=False) as s:
        views = utility_track(s, office.runtime, office.actor(s, "owner"), in_stage_two)
    assert [(v.application.status_name, v.application.window_opinion) for v in views] == [
        ("待窗口受理", ""), ("已退回", "用水量未注明计算依据")]
