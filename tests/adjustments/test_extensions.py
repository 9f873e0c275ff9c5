"""延期: requested by the item's examiner, decided by its department's lead; only an approval moves the
deadline (an ``extended`` clock event) and the deadline timers; every refusal changes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from engine import (
    FormRejected,
    InvalidState,
    NotAllowed,
    NotFound,
    decide_extension,
    pending_extensions,
    request_extension,
    time_adjustments,
)
from engine.audit.trail import trail
from engine.time_limits.ledger import item_reading

from .support import REVIEW, accepted_project, beijing, review_timers, seed_leads, snapshot

ASK = {"days": 3, "reason": "需征求相邻权利人意见"}


@pytest.fixture
def accepted(office, scene):
    return scene("leads seeded, a project accepted", lambda: _leads_and_accepted(office))


def _leads_and_accepted(office):
    seed_leads(office)
    return accepted_project(office)


def ask(office, task_id, data=ASK, who="exam_ecology_environment"):
    with office.step() as s:
        return request_extension(s, office.runtime, office.actor(s, who), task_id, dict(data)).id


def decide(office, extension_id, data, who="lead_ecology"):
    with office.step() as s:
        return decide_extension(s, office.runtime, office.actor(s, who), extension_id, dict(data))


def deadline(office, task_id):
    with office.step(write=False) as s:
        reading = item_reading(s, task_id, office.runtime.now())
        return reading.limit_days, reading.deadline


def test_an_approved_extension_moves_the_deadline_and_the_timers(office, step, clock, accepted):
    code, task_id = accepted
    assert deadline(office, task_id) == (5, date(2026, 11, 9))
    clock.value = beijing(11, 4)
    extension_id = ask(office, task_id)
    assert deadline(office, task_id) == (5, date(2026, 11, 9))  # a request alone changes nothing
    assert review_timers(step) == {"warn": beijing(11, 6, 0, 0), "overdue": beijing(11, 9, 17, 30)}
    with step(write=False) as s:
        (pending,) = pending_extensions(s, office.actor(s, "lead_ecology"))
        assert (pending.id, pending.days, pending.status_name) == (extension_id, 3, "待审批")
        assert time_adjustments(s, office.runtime, office.actor(s, "owner"), code).extensions == []
    decide(office, extension_id, {"decision": "approve", "note": "同意延期"})
    assert deadline(office, task_id) == (8, date(2026, 11, 12))
    assert review_timers(step) == {"warn": beijing(11, 11, 0, 0), "overdue": beijing(11, 12, 17, 30)}
    with step(write=False) as s:
        (line,) = time_adjustments(s, office.runtime, office.actor(s, "owner"), code).extensions
        assert (line.days, line.deadline_before, line.deadline_after) == (3, date(2026, 11, 9), date(2026, 11, 12))
        assert [e.action for e in trail(s, code)][-2:] == ["request_extension", "decide_extension"]
        assert pending_extensions(s, office.actor(s, "lead_ecology")) == []


def test_a_refused_extension_changes_no_clock(office, step, clock, accepted):
    code, task_id = accepted
    extension_id = ask(office, task_id)
    timers = review_timers(step)
    decide(office, extension_id, {"decision": "refuse", "note": "理由不充分"})
    assert deadline(office, task_id) == (5, date(2026, 11, 9))
    assert review_timers(step) == timers
    with step(write=False) as s:
        assert time_adjustments(s, office.runtime, office.actor(s, "owner"), code).extensions == []
        (line,) = time_adjustments(s, office.runtime, office.actor(s, "exam_ecology_environment"), code).extensions
        assert line.status_name == "不予延期"


def test_an_extension_approved_during_a_procedure_counts_when_the_clock_resumes(office, step, clock, accepted):
    from engine import end_special_procedure, start_special_procedure
    _, task_id = accepted
    clock.value = beijing(11, 3)
    with step() as s:
        start_special_procedure(s, office.runtime, office.actor(s, "exam_ecology_environment"), task_id,
                                {"kind": "public_notice", "reason": "批前公示", "limit_days": 2})
    decide(office, ask(office, task_id), {"decision": "approve"})
    assert set(review_timers(step).values()) == {review_timers(step)["warn"]}  # still parked
    clock.value = beijing(11, 5)
    with step() as s:
        end_special_procedure(s, office.runtime, office.actor(s, "exam_ecology_environment"), task_id,
                              {"result": "公示无异议"})
    assert deadline(office, task_id) == (8, date(2026, 11, 16))  # 1 used, 7 left from Thursday 11-05
    assert review_timers(step)["overdue"] == beijing(11, 16, 17, 30)


@pytest.mark.parametrize(("who", "decision"), [
    ("lead_nr", {"decision": "approve"}),  # a lead of another department
    ("exam_ecology_environment", {"decision": "approve"}),  # the examiner approving their own request
    ("owner", {"decision": "approve"}),
])
def test_only_the_items_department_lead_decides(office, step, accepted, who, decision):
    code, task_id = accepted
    extension_id = ask(office, task_id)
    before = snapshot(step, code)
    with pytest.raises(NotAllowed):
        decide(office, extension_id, decision, who)
    assert snapshot(step, code) == before


def test_bad_decisions_change_nothing(office, step, accepted):
    code, task_id = accepted
    extension_id = ask(office, task_id)
    before = snapshot(step, code)
    for data, error in [({"decision": "refuse"}, FormRejected), ({"decision": "maybe"}, FormRejected)]:
        with pytest.raises(error):
            decide(office, extension_id, data)
        assert snapshot(step, code) == before
    with pytest.raises(NotFound):
        decide(office, 99999, {"decision": "approve"})
    decide(office, extension_id, {"decision": "approve"})
    before = snapshot(step, code)
    with pytest.raises(InvalidState, match="已审批"):
        decide(office, extension_id, {"decision": "approve"})
    assert snapshot(step, code) == before


@pytest.mark.parametrize(("who", "data", "error"), [
    ("exam_natural_resources", ASK, NotAllowed),
    ("lead_nr", ASK, NotAllowed),
    ("exam_ecology_environment", {**ASK, "days": 0}, FormRejected),
    ("exam_ecology_environment", {**ASK, "days": -1}, FormRejected),
    ("exam_ecology_environment", {**ASK, "days": "2.5"}, FormRejected),
    ("exam_ecology_environment", {"days": 3}, FormRejected),
])
def test_bad_requests_change_nothing(office, step, accepted, who, data, error):
    code, task_id = accepted
    before = snapshot(step, code)
    with pytest.raises(error):
        ask(office, task_id, data, who)
    assert snapshot(step, code) == before


def test_a_second_pending_request_and_one_on_a_decided_item_are_refused(office, step, accepted):
    code, task_id = accepted
    extension_id = ask(office, task_id)
    before = snapshot(step, code)
    with pytest.raises(InvalidState, match="待部门负责人审批"):
        ask(office, task_id)
    assert snapshot(step, code) == before
    office.act(code, REVIEW)  # decided: the item and its clock are done
    before = snapshot(step, code)
    with pytest.raises(InvalidState, match="已办结"):
        decide(office, extension_id, {"decision": "approve"})
    assert snapshot(step, code) == before
