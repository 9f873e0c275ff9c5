"""Clocks of items and stages: working days only, 补正 time excluded, schedules loaded by an administrator."""

from datetime import UTC, date, datetime

from engine import project_clocks, submit_supplement
from engine.time_limits.calendar_store import load_schedule, working_calendar
from tests.support.office import Office

REVIEW = "review_land_preexam_site_opinion"


def at(day: date, hour_utc: int = 2) -> datetime:
    return datetime(day.year, day.month, day.day, hour_utc, tzinfo=UTC)


def clock_of(office: Office, step, code: str, label: str):
    with step(write=False) as s:
        lines = project_clocks(s, office.runtime, office.actor(s, "owner"), code)
    return next(line for line in lines if line.label == label)


def test_days_paused_for_a_correction_are_not_counted(office: Office, step, clock):
    code, instance_id = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept")  # Mon 2026-11-02: the review's clock starts
    clock.value = at(date(2026, 11, 3))
    office.act(code, REVIEW, {"decision": "supplement", "opinion": "缺材料", "missing_materials": ["节地评价报告"]})
    clock.value = at(date(2026, 11, 5))
    paused = clock_of(office, step, code, "建设项目用地预审与选址意见书")
    assert (paused.paused, paused.pause_reason, paused.used_days) == (True, "补正", 1)
    clock.value = at(date(2026, 11, 6))
    item = office.item(code, REVIEW)
    with step() as s:
        submit_supplement(s, office.runtime, office.actor(s, "owner"), instance_id, item.task_id,
                          {"materials": ["节地评价报告"]})
    clock.value = at(date(2026, 11, 10))
    running = clock_of(office, step, code, "建设项目用地预审与选址意见书")
    # Counted: Tue 11-03, then Mon 11-09 and Tue 11-10; Wed 11-04 to Fri 11-06 waited for the applicant.
    assert (running.paused, running.used_days, running.limit_days, running.state) == (False, 3, 3, "预警")
    stage = clock_of(office, step, code, "立项用地规划许可")
    assert (stage.used_days, stage.limit_days) == (6, 15)  # the stage clock does not pause for one item


def test_a_decided_item_stops_its_clock(office: Office, step, clock):
    code, _ = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept")
    clock.value = at(date(2026, 11, 4))
    office.act(code, REVIEW)
    clock.value = at(date(2026, 11, 20))
    done = clock_of(office, step, code, "建设项目用地预审与选址意见书")
    assert (done.stopped, done.used_days, done.state) == (True, 2, "正常")


def test_an_unloaded_year_is_provisional_and_a_loaded_schedule_makes_it_official(office: Office, step):
    with step(write=False) as s:
        assert working_calendar(s).is_provisional_year(2027)
        assert working_calendar(s).is_working_day(date(2027, 3, 1))
    notice = "2027-01-01,holiday,元旦\n2027-02-06,holiday,春节\n2027-02-14,workday,春节调休\n"
    with step() as s:
        assert load_schedule(s, office.runtime, notice, "国办发明电〔2026〕X号") == 2027
    with step(write=False) as s:
        calendar = working_calendar(s)
        assert calendar.is_working_day(date(2027, 2, 14)) and not calendar.is_working_day(date(2027, 1, 1))
        assert not calendar.is_provisional_year(2027) and calendar.is_provisional_year(2028)


def test_a_stage_returned_and_accepted_again_runs_a_new_stage_clock(office, step, runtime, clock):
    """The returned round's clock stops; the resubmitted application's acceptance starts a fresh one."""
    code, _ = office.new_project("2026-420104-70-03-000091")
    office.act(code, "apply")
    office.act(code, "accept")
    office.act(code, "review_environmental_impact_assessment", {"decision": "reject", "opinion": "选址位于水源保护区"})
    for item in [i.bpmn_id for i in office.items(code) if i.bpmn_id.startswith("review_")]:
        office.act(code, item)
    office.act(code, "resubmit", {"decision": "resubmit"})
    clock.advance(days=1)
    office.act(code, "apply")
    office.act(code, "accept")
    with step(write=False) as s:
        lines = project_clocks(s, runtime, office.actor(s, "owner"), code)
    stages = [(c.label, c.stopped) for c in lines if c.key.startswith("stage:")]
    assert stages == [("立项用地规划许可", True), ("立项用地规划许可", False)]
