"""The comprehensive permit's tasks are ordinary work items on the desk pages: the window accepts, 行政审批局
records the 联合踏勘 through the form page, and the window's task page shows the one application form."""

from __future__ import annotations

import re

from engine.construction.comprehensive import order_comprehensive_permit
from engine.work_items.models import Decision
from tests.construction.support import comprehensive_form
from tests.support.office import Office
from tests.webapp.support import count, task_form


def test_window_and_joint_inspection_through_the_pages(person, office: Office, step) -> None:
    code, _ = office.new_project()
    with office.step() as s:
        order_comprehensive_permit(s, office.runtime, office.actor(s, "owner"), code,
                                   comprehensive_form("night_work_permit"))
    window = person("window")
    task_url = re.search(r'href="(/window/tasks/[0-9a-f-]+)"', window.get("/window/").text).group(1)
    page = window.get(task_url).text
    assert "一窗受理" in page and "自选许可事项" in page and "夜间施工许可" in page
    assert "22:00至次日06:00" in page and "night_work_permit" not in page
    assert window.post(task_url, {**task_form(page), "decision": "accept", "opinion": "材料齐全"}).status_code == 302
    inspector = person("exam_administrative_approval")
    inbox = inspector.get("/examiner/").text
    assert "联合踏勘" in inbox and "建筑工程综合许可证" in inbox
    task_url = re.search(r'href="(/examiner/tasks/[0-9a-f-]+)"', inbox).group(1)
    page = inspector.get(task_url).text
    assert "踏勘日期" in page and "踏勘意见" in page
    done = inspector.post(task_url, {**task_form(page), "inspection_date": "2026-11-02", "findings": "具备施工条件"})
    assert done.status_code == 302, done.text
    assert count(step, Decision, form_key="joint_site_inspection", outcome="inspected") == 1
    reviews = {i.bpmn_id for i in office.items(code) if i.bpmn_id.startswith("review_")}
    assert reviews == {"review_construction_permit", "review_night_work_permit"}
