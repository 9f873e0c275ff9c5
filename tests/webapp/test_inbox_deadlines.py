"""Deadlines in the desks' inboxes: the due day, the working days left and 正常/预警/逾期 in words, paused
while the applicant supplies, and the inbox sorted by due date in the database."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from engine.work_items.models import WorkItem
from tests.support.office import Office

from .support import CODE, task_form

REVIEW = "review_enterprise_project_filing"  # 发展和改革局, stage 1


def window_row(window) -> str:
    page = window.get("/window/").text
    return re.search(r"<tr>\s*<td class=\"num\">.*?</tr>", page, re.S).group(0)


@pytest.mark.parametrize(("now", "state", "words"), [
    (datetime(2026, 11, 3, 2, 0, tzinfo=UTC), "正常", "还剩 4 个工作日"),
    (datetime(2026, 11, 6, 2, 0, tzinfo=UTC), "预警", "还剩 1 个工作日"),
    (datetime(2026, 11, 9, 2, 0, tzinfo=UTC), "预警", "今日到期"),
    (datetime(2026, 11, 10, 2, 0, tzinfo=UTC), "逾期", "已超期 1 个工作日"),
])
def test_window_inbox_shows_five_working_days_to_accept(person, office: Office, clock, now, state, words) -> None:
    code, _ = office.new_project(CODE)
    office.act(code, "apply")  # Monday 2026-11-02 09:30: due Monday 2026-11-09 17:30
    clock.value = now
    row = window_row(person("window"))
    assert "2026-11-09</time> 截止" in row and f">{state}</span>" in row and words in row


def test_a_deadline_in_a_year_without_a_holiday_schedule_says_so(person, office: Office, clock) -> None:
    clock.value = datetime(2026, 12, 28, 2, 0, tzinfo=UTC)  # five working days reach 2027: no schedule loaded
    code, _ = office.new_project(CODE)
    office.act(code, "apply")
    row = window_row(person("window"))  # 29, 30, 31 Dec, (1 Jan 元旦), 4 and 5 Jan on the provisional calendar
    assert "2027-01-05</time>" in row and "（暂定）" in row and "截止" in row


def test_correction_pauses_the_deadline_and_supply_gives_five_days_again(person, office: Office, clock,
                                                                         step) -> None:
    code, _ = office.new_project(CODE)
    office.act(code, "apply")
    office.act(code, "accept", {"decision": "supplement", "opinion": "缺件", "missing_materials": ["营业执照副本"]})
    window = person("window")
    assert "暂停计时" in window_row(window) and "补正期间不计时" in window_row(window)
    assert office.item(code, "accept").due_at is None
    clock.value = datetime(2026, 11, 4, 2, 0, tzinfo=UTC)  # supplied on Wednesday
    item = office.item(code, "accept")
    owner = person("owner")
    owner.post(f"/projects/{code}/supplements/{item.task_id}",
               {"instance_id": item.instance_id, "materials": "营业执照副本"})
    assert office.item(code, "accept").due_at == datetime(2026, 11, 11, 9, 30, tzinfo=UTC)  # 17:30 Beijing
    assert "2026-11-11</time> 截止" in window_row(window)


def test_examiner_inbox_sorts_by_due_date_in_the_database(person, office: Office, step) -> None:
    codes = []
    for n in range(3):
        code, _ = office.new_project(f"2026-420104-70-03-00000{n + 1}")
        office.act(code, "apply")
        office.act(code, "accept")
        codes.append(code)
    with step(write=False) as s:
        rows = s.execute(select(WorkItem.task_id, WorkItem.due_at).where(
            WorkItem.department_code == "natural_resources", WorkItem.role == "examiner")).all()
    assert rows and all(due is not None for _, due in rows)
    expected = [t for t, _ in sorted(rows, key=lambda r: (r[1], r[0]))]
    page = person("exam_natural_resources").get("/examiner/?sort=due").text
    shown = re.findall(r'href="/examiner/tasks/([0-9a-f-]+)"', page)
    assert shown == expected
    assert "按办理期限排序，最紧急的在前" in page and 'aria-sort="ascending"' in page


def test_the_task_page_shows_the_deadline(person, office: Office) -> None:
    code, _ = office.new_project(CODE)
    office.act(code, "apply")
    office.act(code, "accept")
    item = office.item(code, REVIEW)
    page = person("exam_development_reform").get(f"/examiner/tasks/{item.task_id}").text
    assert "办理期限：" in page and "截止" in page and ">正常</span>" in page
    assert task_form(page)["form_key"] == "review_decision"
