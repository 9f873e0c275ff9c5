"""A clock on every review of the 建筑工程综合许可证: each picked licence's review has an item clock of its
committed working days with 时限预警/时限逾期 timers, the issuance has its own, and the order as a whole a clock
from the window's acceptance to the certificate."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from engine import project_clocks
from engine.construction.clocks import order_days
from engine.timers.sweeper import sweep
from tests.construction.test_comprehensive_permit import ACCEPT, APPROVE, INSPECTION, order
from tests.engine.test_deadline_timers import deadline_events, timers

CHINA = timezone(timedelta(hours=8))
NIGHT, WASTE, PERMIT = "review_night_work_permit", "review_construction_waste_disposal_approval", \
    "review_construction_permit"


def clocks(office, code):
    with office.step(write=False) as s:
        return {c.label: c for c in project_clocks(s, office.runtime, office.actor(s, "owner"), code)}


def test_every_licence_review_and_the_order_run_clocks_and_timers(office, clock, db):
    clock.value = datetime(2026, 11, 2, 9, 30, tzinfo=CHINA)  # Monday
    code, _ = office.new_project()
    order(office, code, "night_work_permit", "construction_waste_disposal_approval")
    office.act(code, "accept", ACCEPT)
    office.act(code, "inspect", INSPECTION)
    lines = clocks(office, code)
    assert order_days(["construction_permit", "night_work_permit", "construction_waste_disposal_approval"]) == 12
    whole = lines["建筑工程综合许可证（全流程）"]
    assert (whole.limit_days, whole.deadline, whole.department) == (12, "2026-11-18", "行政审批局")
    assert (lines["夜间施工许可"].limit_days, lines["夜间施工许可"].deadline) == (2, "2026-11-04")
    assert (lines["城市建筑垃圾处置核准"].limit_days, lines["城市建筑垃圾处置核准"].department) == (10, "城市管理局")
    assert lines["建筑工程施工许可"].limit_days == 3
    due = timers(office.step, code)
    assert due[f"overdue_{NIGHT}"] == datetime(2026, 11, 4, 17, 30, tzinfo=CHINA)
    assert due[f"warn_{WASTE}"] == datetime(2026, 11, 12, 0, 0, tzinfo=CHINA)  # 8 of 10 days used
    assert {f"warn_{PERMIT}", f"overdue_{PERMIT}"} <= due.keys()

    clock.value = datetime(2026, 11, 4, 18, tzinfo=CHINA)  # night work is past its 2 days
    sweep(db, office.runtime)
    fired = [(action, task, details["department"]) for action, task, _, details in deadline_events(office.step, code)]
    assert ("clock_overdue", "夜间施工许可", "administrative_approval") in fired
    assert clocks(office, code)["夜间施工许可"].state == "逾期"

    for review in (NIGHT, WASTE, PERMIT):
        office.act(code, review, APPROVE)
    issue = clocks(office, code)["核发综合许可证"]
    assert (issue.limit_days, issue.stopped) == (1, False)
    office.act(code, "issue", {"certificate_remarks": "一证开工"})
    lines = clocks(office, code)
    assert all(line.stopped for line in lines.values())
    whole = lines["建筑工程综合许可证（全流程）"]
    assert (whole.used_days, whole.state) == (2, "正常")


def test_the_examiner_and_the_owner_see_the_new_clocks(app, office, clock):
    from tests.webapp.support import Person

    clock.value = datetime(2026, 11, 2, 9, 30, tzinfo=CHINA)
    code, _ = office.new_project()
    order(office, code, "night_work_permit")
    office.act(code, "accept", ACCEPT)
    office.act(code, "inspect", INSPECTION)
    night = office.item(code, NIGHT)
    page = Person(app, "exam_administrative_approval").get(f"/examiner/tasks/{night.task_id}").text
    assert "时限 2 个工作日" in page and "办理期限 <strong>2026-11-04</strong>" in page
    assert "建筑工程综合许可证（全流程）" in page  # the order's own clock, beside the item's
    project_page = Person(app, "owner").get(f"/projects/{code}").text
    assert "夜间施工许可" in project_page and "建筑工程综合许可证（全流程）" in project_page
