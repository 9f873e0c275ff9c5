"""水电气联动报装 through the engine: open from stage 2, one acceptance starting every utility's own clock, the
joint survey once, 受理勘查 → 验收开通 per company, the deadline timers, and refusals that change nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from engine import (
    EngineError,
    accept_utility_connection,
    apply_utility_connection,
    connect_utility_service,
    load_schedule_file,
    record_joint_survey,
    supervision_statistics,
    survey_utility_service,
    utility_track,
)
from engine.audit.models import AuditEvent
from engine.clocks import CHINA_TZ
from engine.time_limits.ledger import clock_reading
from engine.timers.models import Timer
from engine.timers.sweeper import sweep
from engine.utility_connection.models import UtilityApplication, UtilityService
from tests.support.schedules import NOTICE_2027

APPLICATION = {"water": "apply", "power": "high_voltage_dual", "gas": "apply", "contact_person": "陈工",
               "contact_phone": "13900001111", "demand": "用水量120立方米/日；用电容量2×1250千伏安；用气量300立方米/日",
               "road_works": True, "commitment": True}
MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=CHINA_TZ)


@pytest.fixture
def in_stage_two(office, clock) -> str:
    clock.value = MONDAY - timedelta(days=30)
    code, _ = office.new_project()
    office.finish_stage(code)
    office.act(code, "apply")
    clock.value = MONDAY
    office.act(code, "accept")
    return code


def _counts(step) -> tuple[int, int, int]:
    with step(write=False) as s:
        return (s.scalar(select(func.count()).select_from(UtilityApplication)),
                s.scalar(select(func.count()).select_from(UtilityService)),
                s.scalar(select(func.count()).select_from(AuditEvent)))


def _apply_and_accept(office, code: str, survey_date: str = "2026-11-04") -> int:
    with office.step() as s:
        application = apply_utility_connection(s, office.runtime, office.actor(s, "owner"), code, APPLICATION)
        accept_utility_connection(s, office.runtime, office.actor(s, "window"), application.id,
                                  {"decision": "accept", "survey_date": survey_date})
        return application.id


def test_stage_one_project_is_refused_with_the_reason_and_nothing_written(office, step, clock) -> None:
    clock.value = MONDAY
    code, _ = office.new_project()
    before = _counts(step)
    with pytest.raises(EngineError, match="工程建设许可阶段受理后方可申请"), step() as s:
        apply_utility_connection(s, office.runtime, office.actor(s, "owner"), code, APPLICATION)
    assert _counts(step) == before


def test_each_utility_runs_its_own_working_day_clock_from_acceptance(office, in_stage_two) -> None:
    _apply_and_accept(office, in_stage_two)
    with office.step(write=False) as s:
        (view,) = utility_track(s, office.runtime, office.actor(s, "owner"), in_stage_two)
    clocks = {line.service.name: (line.clock.limit_days, line.clock.deadline) for line in view.services}
    # accepted Monday 2 Nov 2026; the accepting day is not counted, weekends are not working days
    assert clocks == {"供水": (10, "2026-11-16"), "高压双电源供电": (33, "2026-12-17"), "供气": (7, "2026-11-11")}
    assert [p.name for p in view.permits] == ["占用、挖掘城市道路许可"]


def test_survey_once_then_each_company_connects_and_its_clock_stops(office, in_stage_two, clock) -> None:
    application_id = _apply_and_accept(office, in_stage_two)
    with office.step() as s:
        record_joint_survey(s, office.runtime, office.actor(s, "window"), application_id,
                            {"participants": "自来水公司、供电公司、燃气公司", "findings": "接入点位于东侧市政路"})
    with pytest.raises(EngineError, match="不能记录联合踏勘"), office.step() as s:
        record_joint_survey(s, office.runtime, office.actor(s, "window"), application_id,
                            {"participants": "再来一次", "findings": "重复"})
    with office.step(write=False) as s:
        water = s.scalar(select(UtilityService.id).where(UtilityService.service == "water"))
    clock.value = MONDAY + timedelta(days=3)
    with office.step() as s:
        survey_utility_service(s, office.runtime, office.actor(s, "exam_water_supply"), water,
                               {"connection_plan": "DN150引入管一根"})
    with office.step() as s:
        connect_utility_service(s, office.runtime, office.actor(s, "exam_water_supply"), water,
                                {"account_number": "ZZ-W-000123"})
    with office.step(write=False) as s:
        (view,) = utility_track(s, office.runtime, office.actor(s, "owner"), in_stage_two)
    water_line = next(line for line in view.services if line.service.service == "water")
    assert (water_line.service.status_name, water_line.clock.stopped, water_line.clock.used_days) == ("已开通", True, 3)
    assert view.application.status_name == "已联合踏勘，各单位办理中"


def test_another_company_may_not_act_and_nothing_changes(office, step, in_stage_two) -> None:
    application_id = _apply_and_accept(office, in_stage_two)
    with office.step() as s:
        record_joint_survey(s, office.runtime, office.actor(s, "window"), application_id,
                            {"participants": "各公司", "findings": "正常"})
    with office.step(write=False) as s:
        water = s.scalar(select(UtilityService.id).where(UtilityService.service == "water"))
    before = _counts(step)
    with pytest.raises(EngineError, match="只有本单位人员"), step() as s:
        survey_utility_service(s, office.runtime, office.actor(s, "exam_gas_supply"), water,
                               {"connection_plan": "x"})
    assert _counts(step) == before


def test_warning_then_overdue_are_audited_for_a_utility_not_connected(office, db, in_stage_two, clock) -> None:
    _apply_and_accept(office, in_stage_two)
    clock.value = datetime(2026, 11, 10, 8, 0, tzinfo=CHINA_TZ)  # gas (7 wd): 80 % reached on 10 Nov
    sweep(db, office.runtime)
    clock.value = datetime(2026, 11, 11, 17, 31, tzinfo=CHINA_TZ)  # gas: deadline 11 Nov 17:30
    sweep(db, office.runtime)
    with office.step(write=False) as s:
        actions = [(e.action, e.details.get("service")) for e in s.scalars(select(AuditEvent).where(
            AuditEvent.action.in_(("utility_clock_warning", "utility_clock_overdue"))).order_by(AuditEvent.id))]
    assert actions == [("utility_clock_warning", "gas"), ("utility_clock_overdue", "gas")]
    with office.step(write=False) as s:
        stats = supervision_statistics(s, office.runtime, office.actor(s, "supervisor"), {})
    shown = {d.department: [(r.item, r.state) for r in d.rows] for d in stats.alerts}
    assert shown["市燃气公司"] == [("供气报装（受理勘查至验收开通）", "逾期")]  # on 电子监察's board too
    assert "市自来水公司" not in shown  # water: 80 % of 10 working days is reached on 12 Nov


def test_a_deadline_in_an_unpublished_year_is_provisional_and_moves_with_its_timers_when_published(
        office, step, clock) -> None:
    clock.value = datetime(2026, 11, 20, 9, 0, tzinfo=CHINA_TZ)
    code, _ = office.new_project()
    office.finish_stage(code)
    office.act(code, "apply")
    clock.value = datetime(2026, 12, 21, 9, 30, tzinfo=CHINA_TZ)  # 33 working days from here run into 2027
    office.act(code, "accept")
    _apply_and_accept(office, code, survey_date="2026-12-23")
    before = _power_deadline(office, code)
    with office.step() as s:
        load_schedule_file(s, office.runtime, None, NOTICE_2027, "test notice")
    after = _power_deadline(office, code)
    assert before[0] and not after[0]  # 暂定 until the 2027 schedule is loaded
    assert after[1] > before[1]  # 元旦 1 and 4 Jan are holidays in the notice: the deadline moves later
    assert after[2] != before[2] and after[2] == after[3]  # the pending timer waits for the clock's new instant


def _power_deadline(office, code: str) -> tuple[bool, str, datetime | None, datetime | None]:
    with office.step(write=False) as s:
        (view,) = utility_track(s, office.runtime, office.actor(s, "owner"), code)
        line = next(x for x in view.services if x.service.service == "power_hv_dual")
        reading = clock_reading(s, line.service.clock_key, office.runtime.now())
        timer = s.scalars(select(Timer.due_at).where(Timer.instance_id == line.service.deadline_instance_id)).one()
        return line.clock.provisional, line.clock.deadline, timer, reading.due_at_warning
