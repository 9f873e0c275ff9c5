"""Loading the official 2027 schedule also carries every date deadline counted in working days over to it: the
applicant's 补正 period, a 容缺 case's 补正期限 (and its deadline timer), a 差评's 整改回访 due date, and the clocks
paused by a 补正 or a 特别程序 (the procedure's own clock too). One audit entry per change (old → new), the people
concerned are told, all in one transaction; nothing else in the database changes."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from engine import (
    accept_with_tolerance,
    load_schedule_file,
    my_notifications,
    rate_service,
    sign_tolerance_commitment,
    start_special_procedure,
)
from engine.acceptance.models import ToleranceCase
from engine.audit.models import AuditEvent
from engine.db import Base
from engine.ratings.models import RatingFollowUp
from engine.timers.models import Timer
from engine.work_items.models import SupplementRequest
from tests.support.office import Office
from tests.support.schedules import NOTICE_2027

CHINA = timezone(timedelta(hours=8))
EIA, PREEXAM = "review_environmental_impact_assessment", "review_land_preexam_site_opinion"
A, B, C = "2026-420104-70-03-000801", "2026-420104-70-03-000802", "2026-420104-70-03-000803"


def beijing(month, day, hour=9, minute=30, year=2026):
    return datetime(year, month, day, hour, minute, tzinfo=CHINA)


def dump(step) -> dict[str, set[tuple]]:
    """Every row of every table, as text."""
    with step(write=False) as s:
        return {t.name: {tuple(str(v) for v in row) for row in s.execute(select(t))}
                for t in Base.metadata.sorted_tables}


def changed(before: dict, after: dict) -> dict[str, tuple[int, int]]:
    """Per table that differs: (rows gone, rows new)."""
    return {name: (len(before[name] - after[name]), len(after[name] - before[name]))
            for name in before if before[name] != after[name]}


@pytest.fixture
def waiting(office: Office, clock):
    clock.value = beijing(12, 28)  # Monday
    office.new_project(A)
    office.act(A, "apply")
    office.act(A, "accept")
    office.new_project(B)
    office.finish_stage(B)
    _, instance_c = office.new_project(C)
    office.act(C, "apply")
    with office.step() as s:
        sign_tolerance_commitment(s, office.runtime, office.actor(s, "owner"), instance_c, {
            "item": "environmental_impact_assessment", "missing_materials": ["公众参与说明"],
            "confirmed": True})
    clock.value = beijing(12, 30)
    accept = office.item(C, "accept")
    with office.step() as s:
        accept_with_tolerance(s, office.runtime, office.actor(s, "window"), accept.instance_id, accept.task_id,
                              {"item": "environmental_impact_assessment",
                               "present_materials": ["建设项目环境影响报告书（表）", "环境影响评价审批申请表"]})
    clock.value = beijing(12, 28)
    with office.step() as s:
        rate_service(s, office.runtime, office.actor(s, "owner"), B,
                     {"stage": "stage_project_land_planning", "level": "very_dissatisfied", "comment": "多次往返"})
    clock.value = beijing(12, 29)
    office.act(A, EIA, {"decision": "supplement", "opinion": "请补正", "missing_materials": ["环评报告"],
                        "supplement_days": 3})
    with office.step() as s:
        start_special_procedure(s, office.runtime, office.actor(s, "exam_natural_resources"),
                                office.item(A, PREEXAM).task_id,
                                {"kind": "expert_review", "reason": "选址需专家论证", "limit_days": 3})
    clock.value = beijing(12, 30)


def clock_deadlines(step) -> dict[str, str]:
    from engine.time_limits.ledger import clock_lines
    with step(write=False) as s:
        return {c.label: c.deadline for code in (A, C) for c in clock_lines(s, code, beijing(12, 30))}


def test_every_date_deadline_moves_each_change_is_audited_and_nothing_else_changes(office, step, clock, db, waiting):
    paused = clock_deadlines(step)
    assert paused["专家评审（建设项目用地预审与选址意见书）"] == "2027-01-04"
    with step(write=False) as s:
        deemed = {t.bpmn_id: t.due_at for t in s.scalars(select(Timer).where(Timer.bpmn_id.in_(
            ["supplement_deadline", "grace_end"])))}
    assert deemed == {"supplement_deadline": beijing(1, 5, 17, 30, year=2027)}
    before = dump(step)
    with step() as s:
        loaded = load_schedule_file(s, office.runtime, None, NOTICE_2027, "国办发明电〔2026〕测试号")
    after = dump(step)
    moves = {(m.kind, m.old, m.new) for m in loaded.preview.moves}
    assert moves == {("补正期限", date(2027, 1, 4), date(2027, 1, 5)),
                     ("容缺补正期限", date(2027, 1, 5), date(2027, 1, 6)),
                     ("差评整改期限", date(2027, 1, 19), date(2027, 1, 20))}
    with step(write=False) as s:
        (request,) = s.scalars(select(SupplementRequest)).all()
        assert request.due_at == beijing(1, 5, 17, 30, year=2027)
        (case,) = s.scalars(select(ToleranceCase)).all()
        assert (case.supplement_due, case.grace_due) == (beijing(1, 6, 17, 30, year=2027),
                                                         beijing(1, 27, 17, 30, year=2027))
        assert s.scalars(select(RatingFollowUp.due_on)).all() == [date(2027, 1, 20)]
        timer = s.scalars(select(Timer).where(Timer.bpmn_id == "supplement_deadline")).one()
        assert timer.due_at == beijing(1, 6, 17, 30, year=2027)  # the 容缺 deadline instance's timer moved too
        entries = s.scalars(select(AuditEvent).where(AuditEvent.action == "deadline_recomputed")).all()
        dated = {(e.details["kind"], e.details["old_deadline"], e.details["new_deadline"]) for e in entries
                 if "kind" in e.details}
        assert dated == {(k, o.isoformat(), n.isoformat()) for k, o, n in moves} and len(dated) == 3
        assert len(entries) == len(loaded.changes) + len(loaded.preview.moves)
        titles = [n.title for n in my_notifications(s, office.actor(s, "owner"))]
        assert {"补正期限调整：补正：环境影响评价审批", "容缺补正期限调整：容缺受理：environmental_impact_assessment",
                "差评整改期限调整：差评整改回访（立项用地规划许可）"} <= set(titles)
    moved = clock_deadlines(step)
    assert moved["专家评审（建设项目用地预审与选址意见书）"] == "2027-01-05"  # the procedure's own clock
    paused_clocks = {(c.project_code, c.label) for c in loaded.changes}  # by the procedure, by the 补正
    assert {(A, "专家评审（建设项目用地预审与选址意见书）"), (A, "建设项目用地预审与选址意见书"),
            (A, "环境影响评价审批")} <= paused_clocks
    stopped = next(c for c in loaded.changes if (c.project_code, c.label) == (B, "立项用地规划许可"))
    assert (stopped.old_provisional, stopped.new_provisional) == (True, False)  # B's stage finished on 12-28
    # nothing else: only these tables, and in them only the moved rows
    assert changed(before, after) == {
        "calendar_year": (0, 1), "calendar_day": (0, 9), "audit_event": (0, len(entries)),
        "notification": (0, changed(before, after)["notification"][1]), "supplement_request": (1, 1),
        "tolerance_case": (1, 1), "rating_follow_up": (1, 1),
        "timer": (loaded.preview.moved_timers + 1, loaded.preview.moved_timers + 1),  # reviews' and 容缺's timers
        "process_instance": (3, 3),  # the workflow state of A, of C and of C's 容缺 deadline instance
    }
    # the 容缺 grace period that starts later reads the moved date too
    from engine.timers.sweeper import sweep
    clock.value = beijing(1, 6, 18, 0, year=2027)
    sweep(db, office.runtime)
    with step(write=False) as s:
        grace = s.scalars(select(Timer).where(Timer.bpmn_id == "grace_end")).one()
        assert grace.due_at == beijing(1, 27, 17, 30, year=2027)
