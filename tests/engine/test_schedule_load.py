"""Loading the official schedule of a provisional year: deadlines and timers move in one audited transaction,
the people concerned are told, a bad file changes nothing, and the same file twice changes nothing."""

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from engine import load_schedule_file, my_notifications, project_clocks, verify_chain
from engine.audit.models import AuditEvent
from engine.clocks import OverrideFileError
from engine.notifications.models import Notification
from engine.time_limits.models import CalendarDay, CalendarYear
from engine.timers.models import Timer
from tests.engine.test_deadline_timers import EIA, timers
from tests.support.office import Office
from tests.support.schedules import NOTICE_2027

CHINA = timezone(timedelta(hours=8))


def accepted(office: Office, clock, code: str, when: datetime) -> None:
    clock.value = when
    office.new_project(code)
    office.act(code, "apply")
    office.act(code, "accept")


def clocks(office: Office, step, code: str) -> dict[str, tuple[str, bool]]:
    with step(write=False) as s:
        return {c.label: (c.deadline, c.provisional) for c in project_clocks(s, office.runtime,
                                                                               office.actor(s, "owner"), code)}


def snapshot(step) -> tuple:
    with step(write=False) as s:
        return (s.scalar(select(func.count()).select_from(AuditEvent)),
                s.scalar(select(func.count()).select_from(Notification)),
                sorted((t.task_id, t.due_at) for t in s.scalars(select(Timer))),
                s.scalar(select(func.count()).select_from(CalendarDay)),
                s.scalar(select(func.count()).select_from(CalendarYear)))


@pytest.fixture
def two_projects(office: Office, clock, step):
    early, late = "2026-420104-70-03-000701", "2026-420104-70-03-000702"
    accepted(office, clock, early, datetime(2026, 12, 20, 10, tzinfo=CHINA))  # Sunday; stage: 15 working days
    accepted(office, clock, late, datetime(2026, 12, 28, 9, 30, tzinfo=CHINA))  # Monday; EIA: 5 working days
    clock.value = datetime(2026, 12, 29, 9, tzinfo=CHINA)
    return early, late


def test_loading_the_notice_moves_deadlines_and_timers_audits_and_tells(office: Office, step, clock, two_projects):
    early, late = two_projects
    assert clocks(office, step, early)["立项用地规划许可"] == ("2027-01-11", True)
    assert clocks(office, step, early)["环境影响评价审批"] == ("2026-12-25", False)
    assert clocks(office, step, late)["环境影响评价审批"] == ("2027-01-05", True)
    before = timers(step, late)
    assert before[f"overdue_{EIA}"] == datetime(2027, 1, 5, 17, 30, tzinfo=CHINA)
    early_timers = timers(step, early)
    with step() as s:
        loaded = load_schedule_file(s, office.runtime, None, NOTICE_2027, "国办发明电〔2026〕测试号")
    assert loaded.year == 2027
    assert clocks(office, step, early)["立项用地规划许可"] == ("2027-01-12", False)
    assert clocks(office, step, late)["环境影响评价审批"] == ("2027-01-06", False)
    after = timers(step, late)
    assert after[f"warn_{EIA}"] == datetime(2027, 1, 5, 0, 0, tzinfo=CHINA)
    assert after[f"overdue_{EIA}"] == datetime(2027, 1, 6, 17, 30, tzinfo=CHINA)
    unmoved = {k: v for k, v in before.items() if "land_preexam" in k}  # a 3-day item: ends on 2026-12-31
    assert unmoved and {k: after[k] for k in unmoved} == unmoved
    assert {k for k in before if before[k] != after[k]} == {k for k in before if "land_preexam" not in k}
    assert timers(step, early) == early_timers
    with step(write=False) as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action == "deadline_recomputed")
                           .order_by(AuditEvent.id)).all()
        moved = {(e.project_code, e.task_name): (e.details["old_deadline"], e.details["new_deadline"]) for e in events}
        assert moved[(early, "立项用地规划许可")] == ("2027-01-11", "2027-01-12")
        assert moved[(late, "环境影响评价审批")] == ("2027-01-05", "2027-01-06")
        assert len(events) == len(loaded.changes)
        assert all(verify_chain(s, e.chain) == [] for e in events)
        owner = office.actor(s, "owner")
        moved_messages = [n for n in my_notifications(s, owner) if n.kind == "deadline_moved"]
        assert len(moved_messages) == len(loaded.changes)
        assert any("2027-01-05（暂定）" in n.body and "2027-01-06" in n.body for n in moved_messages)
        eco = office.actor(s, "exam_ecology_environment")
        moved_for_eco = [n.title for n in my_notifications(s, eco) if n.kind == "deadline_moved"]
        assert moved_for_eco == ["办理期限调整：环境影响评价审批"]


def test_the_moved_timer_fires_at_the_new_instant(office: Office, step, clock, db, two_projects):
    from engine.timers.sweeper import sweep
    _, late = two_projects
    clock.value = datetime(2026, 12, 31, 18, tzinfo=CHINA)
    sweep(db, office.runtime)  # the 3-day item's timers (2026) fire
    with step() as s:
        load_schedule_file(s, office.runtime, None, NOTICE_2027, "notice")
    clock.value = datetime(2027, 1, 4, 12, tzinfo=CHINA)  # the provisional warning instant has passed
    assert sweep(db, office.runtime) == 0  # the workflow's timer moved too, not only the table row
    clock.value = datetime(2027, 1, 5, 0, 1, tzinfo=CHINA)
    assert sweep(db, office.runtime) >= 1
    assert f"warn_{EIA}" not in timers(step, late)


def test_the_same_file_twice_changes_nothing_the_second_time(office: Office, step, two_projects):
    with step() as s:
        assert load_schedule_file(s, office.runtime, None, NOTICE_2027, "notice").changes
    before = snapshot(step)
    with step() as s:
        again = load_schedule_file(s, office.runtime, None, NOTICE_2027, "notice")
    assert again.preview.unchanged and again.changes == []
    assert snapshot(step) == before


def test_a_bad_file_names_its_line_and_changes_nothing(office: Office, step, two_projects):
    before = snapshot(step)
    bad = NOTICE_2027.replace("2027-02-12,holiday", "2027-02-30,holiday")
    with step() as s, pytest.raises(OverrideFileError, match="line 9"):
        load_schedule_file(s, office.runtime, None, bad, "notice")
    assert snapshot(step) == before


def test_a_provisional_deadline_years_ahead_is_served(office: Office, step, clock):
    accepted(office, clock, "2026-420104-70-03-000703", datetime(2028, 6, 1, 9, 30, tzinfo=CHINA))
    lines = clocks(office, step, "2026-420104-70-03-000703")
    assert lines["立项用地规划许可"][1] is True and lines["立项用地规划许可"][0].startswith("2028-06")
    assert date(2028, 6, 1).year == 2028
