"""Deadline timers of the reviews: 时限预警 then 时限逾期 at working-day instants, postponed by 补正, and 超时默许
in the joint scheme review. Time passes by setting the frozen clock and running the timer sweeper; every
step reloads the state from the database (the runtime fixture has no workflow cache)."""

from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from engine import progress, project_clocks, submit_supplement
from engine.audit.trail import trail, verify_chain
from engine.processes.models import ProcessInstance
from engine.sweeper import DEEMED_CONSENT_OPINION, sweep
from engine.timers.models import Timer
from engine.work_items.models import Decision
from tests.support.office import Office

CHINA = timezone(timedelta(hours=8))
EIA = "review_environmental_impact_assessment"  # 环境影响评价审批, 生态环境局, 5 working days
SCHEME = "review_design_scheme_review"  # 设计方案审查 in 方案联审, 自然资源和规划局, 15 working days


def at(month: int, day: int, hour: int = 9, minute: int = 30) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CHINA)


def timers(step, code: str) -> dict[str, datetime]:
    """Every timer row of the project: element id → due time (+08:00)."""
    with step(write=False) as s:
        rows = s.scalars(select(Timer).join(ProcessInstance, ProcessInstance.id == Timer.instance_id)
                         .where(ProcessInstance.project_code == code))
        return {row.bpmn_id: row.due_at.astimezone(CHINA) for row in rows}


def deadline_events(step, code: str) -> list[tuple[str, str, datetime, dict]]:
    """The timer-driven audit events: action, task, when (+08:00) and details."""
    with step(write=False) as s:
        return [(e.action, e.task_name, e.created_at.astimezone(CHINA), e.details) for e in trail(s, code)
                if e.actor_id is None and e.action not in ("register_project", "start_approval")]


def clock_state(office: Office, step, code: str, label: str) -> tuple[str, bool]:
    with step(write=False) as s:
        line = next(c for c in project_clocks(s, office.runtime, office.actor(s, "owner"), code) if c.label == label)
        return line.state, line.paused


def only_the_eia_is_left(office: Office, clock, code: str) -> None:
    """Stage 1 applied and accepted on Mon 2026-11-02 09:30; every department but 生态环境局 answers at once."""
    clock.value = at(11, 2)
    office.act(code, "apply")
    office.act(code, "accept")
    for review in ("review_enterprise_project_filing", "review_land_preexam_site_opinion",
                   "review_flood_impact_assessment"):
        office.act(code, review)


def test_a_slow_department_gets_a_warning_then_an_overdue_event(office: Office, step, clock, db):
    code, instance_id = office.new_project()
    only_the_eia_is_left(office, clock, code)
    # 5 working days from Mon 11-02: 80 % (4 days) is used on Fri 11-06, the 5th day is Mon 11-09
    assert timers(step, code) == {f"warn_{EIA}": at(11, 6, 0, 0), f"overdue_{EIA}": at(11, 9, 17, 30)}
    clock.value = at(11, 5, 23, 59)
    assert sweep(db, office.runtime) == 0
    clock.value = at(11, 6, 0, 1)
    assert sweep(db, office.runtime) == 1
    assert clock_state(office, step, code, "环境影响评价审批") == ("预警", False)
    clock.value = at(11, 9, 17, 29)
    assert sweep(db, office.runtime) == 0
    clock.value = at(11, 9, 17, 31)
    assert sweep(db, office.runtime) == 1
    assert clock_state(office, step, code, "环境影响评价审批") == ("逾期", False)
    details = {"department": "ecology_environment", "item": "environmental_impact_assessment",
               "stage": "stage_project_land_planning"}
    events = deadline_events(step, code)
    assert [(a, t, when) for a, t, when, _ in events] == [
        ("clock_warning", "环境影响评价审批", at(11, 6, 0, 1)),
        ("clock_overdue", "环境影响评价审批", at(11, 9, 17, 31))]
    assert all(d.items() >= details.items() for *_, d in events)
    assert [e[3]["due_at"] for e in events] == ["2026-11-05T16:00:00+00:00", "2026-11-09T09:30:00+00:00"]
    # the timers do not interrupt: the department can still decide, late, and the stage goes on
    assert [i.bpmn_id for i in office.items(code)] == [EIA] and timers(step, code) == {}
    office.act(code, EIA)
    assert [i.bpmn_id for i in office.items(code)] == ["issue"]
    with step(write=False) as s:
        assert verify_chain(s, f"instance:{instance_id}") == []


def test_a_correction_pause_postpones_the_warning_and_the_overdue_instant(office: Office, step, clock, db):
    code, instance_id = office.new_project()
    only_the_eia_is_left(office, clock, code)
    clock.value = at(11, 4, 10, 0)  # Wed: 2 working days used (11-03, 11-04)
    office.act(code, EIA, {"decision": "supplement", "opinion": "缺材料", "missing_materials": ["环境影响报告书"]})
    parked = datetime(9999, 12, 31, tzinfo=CHINA)
    assert timers(step, code) == {f"warn_{EIA}": parked, f"overdue_{EIA}": parked}
    clock.value = at(11, 9, 17, 31)  # the original deadline has passed while the applicant corrects
    assert sweep(db, office.runtime) == 0
    assert clock_state(office, step, code, "环境影响评价审批") == ("正常", True)
    clock.value = at(11, 10, 10, 0)  # Tue: supplied; 11-05 to 11-10 are not counted
    item = office.item(code, EIA)
    with step() as s:
        submit_supplement(s, office.runtime, office.actor(s, "owner"), instance_id, item.task_id,
                          {"materials": ["环境影响报告书"]})
    # 2 used + 11-11 (3rd) + 11-12 (4th = 80 %) + 11-13 (5th, the deadline)
    assert timers(step, code) == {f"warn_{EIA}": at(11, 12, 0, 0), f"overdue_{EIA}": at(11, 13, 17, 30)}
    clock.value = at(11, 11, 23, 59)
    assert sweep(db, office.runtime) == 0
    clock.value = at(11, 12, 0, 1)
    assert sweep(db, office.runtime) == 1
    clock.value = at(11, 13, 17, 31)
    assert sweep(db, office.runtime) == 1
    assert [(a, when) for a, _, when, _ in deadline_events(step, code)] == [
        ("clock_warning", at(11, 12, 0, 1)), ("clock_overdue", at(11, 13, 17, 31))]
    assert clock_state(office, step, code, "环境影响评价审批") == ("逾期", False)


def test_a_silent_department_in_the_joint_scheme_review_is_deemed_to_consent(office: Office, step, clock, db):
    code, instance_id = office.new_project()
    clock.value = at(11, 2)
    office.finish_stage(code)
    office.act(code, "apply")
    office.act(code, "accept")  # Mon 11-02 09:30: 方案联审 starts
    office.act(code, "review_civil_defence_basement_approval")
    office.act(code, "review_fire_design_review")
    # 15 working days: 80 % (12 days) on Wed 11-18, the 15th day is Mon 11-23
    assert timers(step, code) == {f"warn_{SCHEME}": at(11, 18, 0, 0), f"overdue_{SCHEME}": at(11, 23, 17, 30),
                                  f"deemed_{SCHEME}": at(11, 23, 17, 30)}
    clock.value = at(11, 18, 8, 0)
    assert sweep(db, office.runtime) == 1
    assert [i.bpmn_id for i in office.items(code)] == [SCHEME]  # still the department's to decide
    clock.value = at(11, 23, 17, 29)
    assert sweep(db, office.runtime) == 0
    clock.value = at(11, 23, 17, 31)
    assert sweep(db, office.runtime) == 2  # 时限逾期 and 超时默许, in one transaction
    assert [i.bpmn_id for i in office.items(code)] == ["issue"] and timers(step, code) == {}
    events = deadline_events(step, code)
    assert [(a, t, when) for a, t, when, _ in events] == [
        ("clock_warning", "设计方案审查", at(11, 18, 8, 0)),
        ("clock_overdue", "设计方案审查", at(11, 23, 17, 31)),
        ("deemed_consent", "设计方案审查", at(11, 23, 17, 31))]
    assert events[2][3]["department"] == "natural_resources" and events[2][3]["item"] == "design_scheme_review"
    with step(write=False) as s:
        (deemed,) = s.scalars(select(Decision).where(Decision.bpmn_id == SCHEME))
        assert (deemed.outcome, deemed.decided_by, deemed.data, deemed.opinion) == (
            "approve", None, {"deemed_consent": True}, DEEMED_CONSENT_OPINION)
        stage = progress(s, office.actor(s, "owner"), code).stages[1]
        line = next(d for d in stage.decisions if d.task_name == "设计方案审查")
        assert (line.who, line.outcome, line.deemed) == ("自然资源和规划局", "approve", True)
        assert "超时默许" in line.opinion
        assert [d.deemed for d in stage.decisions if d.task_name != "设计方案审查"] == [False] * 3  # 受理, 人防, 消防
    clock.value = at(11, 24)
    office.act(code, "issue")
    with step(write=False) as s:
        report = progress(s, office.actor(s, "owner"), code)
        assert [st.status for st in report.stages][:3] == ["已办结", "已办结", "待申报"]
        assert verify_chain(s, f"instance:{instance_id}") == []
