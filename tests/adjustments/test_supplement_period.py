"""The applicant's 补正 period: set by whoever sends the notice (default 10 working days), shown to the owner,
and when it passes unanswered the timer sweep records 逾期未补正 once for the department."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from engine import submit_supplement
from engine.audit.trail import trail
from engine.sweeper import sweep
from engine.work_items.models import SupplementRequest
from tests.webapp.support import Person

from .support import CHINA, REVIEW, accepted_project, beijing

NOTICE = {"decision": "supplement", "opinion": "缺材料", "missing_materials": ["公众参与说明"]}


def notice(step) -> SupplementRequest:
    with step(write=False) as s:
        return s.scalar(select(SupplementRequest))


def lapses(step, code: str) -> list[dict]:
    with step(write=False) as s:
        return [e.details for e in trail(s, code) if e.action == "supplement_lapsed"]


def test_a_set_period_passes_and_is_recorded_once(app, office, step, clock, db):
    code, _ = accepted_project(office)
    clock.value = beijing(11, 3)
    office.act(code, REVIEW, {**NOTICE, "supplement_days": 3})
    assert notice(step).due_at.astimezone(CHINA) == beijing(11, 6, 17, 30)
    page = Person(app, "owner").get(f"/projects/{code}").text
    assert "请于 <strong>2026-11-06 17:30</strong> 前补正" in page
    clock.value = beijing(11, 6, 17, 29)
    sweep(db, office.runtime)
    assert lapses(step, code) == []
    clock.value = beijing(11, 6, 17, 31)
    sweep(db, office.runtime)
    sweep(db, office.runtime)
    (lapse,) = lapses(step, code)
    assert (lapse["department"], lapse["materials"]) == ("ecology_environment", ["公众参与说明"])
    assert notice(step).lapsed_at.astimezone(CHINA) == beijing(11, 6, 17, 31)
    task_page = Person(app, "exam_ecology_environment").get(f"/examiner/tasks/{notice(step).task_id}").text
    assert "申请人逾期未补正" in task_page
    assert "已逾期未补正" in Person(app, "owner").get(f"/projects/{code}").text


def test_the_default_period_is_ten_working_days_and_a_timely_answer_never_lapses(office, step, clock, db):
    code, _ = accepted_project(office)
    clock.value = beijing(11, 3)
    office.act(code, REVIEW, NOTICE)
    assert notice(step).due_at.astimezone(CHINA) == beijing(11, 17, 17, 30)
    clock.value = beijing(11, 16)
    request = notice(step)
    with step() as s:
        submit_supplement(s, office.runtime, office.actor(s, "owner"), request.instance_id, request.task_id,
                          {"materials": ["公众参与说明"]})
    clock.value = datetime(2026, 11, 30, 12, tzinfo=CHINA)
    sweep(db, office.runtime)
    assert lapses(step, code) == [] and notice(step).lapsed_at is None
