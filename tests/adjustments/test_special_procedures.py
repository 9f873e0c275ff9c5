"""特别程序: the item clock pauses while it runs (timers parked, days not counted), the procedure has its own
clock with 逾期, it ends by recording its result; refusals change nothing."""

from __future__ import annotations

from datetime import date

import pytest

from engine import (
    FormRejected,
    InvalidState,
    NotAllowed,
    NotFound,
    end_special_procedure,
    project_clocks,
    start_special_procedure,
    time_adjustments,
    trail,
)
from engine.supervision.queries import supervision_statistics
from engine.time_limits.ledger import item_reading
from engine.timers.deadlines import PARKED
from engine.work_items.models import WorkItem

from .support import REVIEW, accepted_project, beijing, review_timers, snapshot

EXPERT_REVIEW = {"kind": "expert_review", "reason": "深基坑支护方案需专家论证", "limit_days": 3}


@pytest.fixture
def accepted(office):
    return accepted_project(office)


def start(office, task_id, data=EXPERT_REVIEW, who="exam_ecology_environment"):
    with office.step() as s:
        return start_special_procedure(s, office.runtime, office.actor(s, who), task_id, dict(data))


def end(office, task_id, result="专家论证通过", who="exam_ecology_environment"):
    with office.step() as s:
        return end_special_procedure(s, office.runtime, office.actor(s, who), task_id, {"result": result})


def test_paused_days_are_not_counted_and_the_procedure_runs_its_own_clock(office, step, clock, accepted):
    code, task_id = accepted
    clock.value = beijing(11, 3)  # Tuesday, day 2 of the 5-day review
    start(office, task_id)
    assert review_timers(step) == {"warn": PARKED, "overdue": PARKED}
    clock.value = beijing(11, 6, 17, 31)  # Friday evening: the procedure's 3 days ran out at 17:30
    with step(write=False) as s:
        item = item_reading(s, task_id, clock.value)
        assert (item.paused, item.pause_reason, item.used_days) == (True, "expert_review", 1)
        (line,) = time_adjustments(s, office.runtime, office.actor(s, "owner"), code).procedures
        assert (line.kind_name, line.used_days, line.deadline, line.state) == ("专家评审", 3, date(2026, 11, 6), "逾期")
    clock.value = beijing(11, 9)  # Monday: the result is recorded one working day late
    end(office, task_id)
    with step(write=False) as s:
        item = item_reading(s, task_id, clock.value)
        assert (item.paused, item.used_days, item.remaining_days, item.deadline) == (False, 1, 4, date(2026, 11, 13))
        (line,) = time_adjustments(s, office.runtime, office.actor(s, "owner"), code).procedures
        assert (line.used_days, line.state, line.result) == (4, "逾期", "专家论证通过")
        clocks = {c.label: c for c in project_clocks(s, office.runtime, office.actor(s, "supervisor"), code)}
        assert clocks["专家评审（环境影响评价审批）"].stopped
        assert [e.action for e in trail(s, code)][-2:] == ["start_special_procedure", "end_special_procedure"]
        assert s.get(WorkItem, task_id).status == "ready"
    assert review_timers(step) == {"warn": beijing(11, 12, 0, 0), "overdue": beijing(11, 13, 17, 30)}


def test_supervisor_net_days_leave_out_the_procedure(office, step, clock, accepted):
    _, task_id = accepted
    clock.value = beijing(11, 3)
    start(office, task_id)
    clock.value = beijing(11, 9)
    end(office, task_id)
    clock.value = beijing(11, 10)
    with step(write=False) as s:
        stats = supervision_statistics(s, office.runtime, office.actor(s, "supervisor"), {})
        (row,) = [d for d in stats.by_department if d.name == "生态环境局"]
        assert (row.clocks, row.total_days) == (1, 2)  # 11-03 and 11-10; 11-04 … 11-09 were the procedure's


def test_the_item_cannot_be_decided_or_sent_for_correction_while_a_procedure_runs(office, step, clock, accepted):
    code, task_id = accepted
    clock.value = beijing(11, 3)
    start(office, task_id)
    before = snapshot(step, code)
    with pytest.raises(InvalidState, match="特别程序"):
        office.act(code, REVIEW)
    assert snapshot(step, code) == before


@pytest.mark.parametrize(("who", "data", "error"), [
    ("exam_natural_resources", EXPERT_REVIEW, NotAllowed),  # someone else's item
    ("owner", EXPERT_REVIEW, NotAllowed),
    ("exam_ecology_environment", {**EXPERT_REVIEW, "limit_days": 0}, FormRejected),
    ("exam_ecology_environment", {**EXPERT_REVIEW, "limit_days": -2}, FormRejected),
    ("exam_ecology_environment", {**EXPERT_REVIEW, "kind": "lunch_break"}, FormRejected),
    ("exam_ecology_environment", {**EXPERT_REVIEW, "reason": " "}, FormRejected),
])
def test_bad_starts_change_nothing(office, step, accepted, who, data, error):
    code, task_id = accepted
    before = snapshot(step, code)
    with pytest.raises(error):
        start(office, task_id, data, who)
    assert snapshot(step, code) == before


def test_a_second_procedure_while_one_runs_and_one_during_correction_are_refused(office, step, clock, accepted):
    code, task_id = accepted
    start(office, task_id)
    before = snapshot(step, code)
    with pytest.raises(InvalidState, match="已有正在进行的特别程序"):
        start(office, task_id, {**EXPERT_REVIEW, "kind": "hearing"})
    assert snapshot(step, code) == before
    end(office, task_id)
    office.act(code, REVIEW, {"decision": "supplement", "opinion": "缺材料", "missing_materials": ["公众参与说明"]})
    before = snapshot(step, code)
    with pytest.raises(InvalidState, match="补正"):
        start(office, task_id)
    assert snapshot(step, code) == before


def test_ending_without_a_running_procedure_or_without_a_result_changes_nothing(office, step, accepted):
    code, task_id = accepted
    before = snapshot(step, code)
    with pytest.raises(NotFound):
        end(office, task_id)
    start(office, task_id)
    before = snapshot(step, code)
    for who, result, error in [("exam_ecology_environment", "", FormRejected),
                               ("exam_natural_resources", "通过", NotAllowed)]:
        with pytest.raises(error):
            end(office, task_id, result, who)
        assert snapshot(step, code) == before


def test_an_unknown_task_is_not_found_and_changes_nothing(office, step, accepted):
    code, _ = accepted
    before = snapshot(step, code)
    with pytest.raises(NotFound):
        start(office, "no-such-task")
    assert snapshot(step, code) == before


def test_a_procedure_gone_overdue_is_audited_once(office, step, clock, db, accepted):
    from engine.timers.sweeper import sweep

    code, task_id = accepted
    clock.value = beijing(11, 3)
    start(office, task_id)  # 3 working days: due 2026-11-06 17:30
    clock.value = beijing(11, 6, 17, 29)
    sweep(db, office.runtime)
    with step(write=False) as s:
        assert procedure_overdue(s, code) == []
    clock.value = beijing(11, 6, 17, 31)
    sweep(db, office.runtime)
    clock.value = beijing(11, 9, 9)
    sweep(db, office.runtime)  # still overdue, still running: no second entry
    with step(write=False) as s:
        (entry,) = procedure_overdue(s, code)
        assert entry.task_name == "专家评审（环境影响评价审批）" and entry.actor_id is None
        assert (entry.details["deadline"], entry.details["department"]) == ("2026-11-06", "ecology_environment")


def procedure_overdue(s, code):
    return [e for e in trail(s, code) if e.action == "clock_overdue" and (e.details.get("clock") or "").startswith(
        "procedure:")]
