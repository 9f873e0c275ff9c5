"""The pages, without JavaScript: the examiner starts and ends a 特别程序 and requests a 延期 on the task page;
the lead finds 延期审批 in the navigation and decides; the owner reads both on the project page. A form with
errors answers 422 with the messages and changes nothing."""

from __future__ import annotations

import pytest

from tests.webapp.support import Person

from .support import accepted_project, beijing, seed_leads, snapshot


@pytest.fixture
def accepted(office):
    seed_leads(office)
    return accepted_project(office)


def test_examiner_lead_and_owner_on_the_pages(app, office, step, clock, accepted):
    code, task_id = accepted
    examiner, lead, owner = (Person(app, u) for u in ("exam_ecology_environment", "lead_ecology", "owner"))
    page = examiner.get(f"/examiner/tasks/{task_id}").text
    assert "办理期限 <strong>2026-11-09</strong>" in page and "启动特别程序" in page and "申请延期" in page
    clock.value = beijing(11, 3)
    sent = {"kind": "expert_review", "reason": "深基坑支护方案需专家论证", "limit_days": "3"}
    response = examiner.post(f"/examiner/tasks/{task_id}/special-procedure", sent, follow_redirects=True)
    assert "特别程序已启动" in response.text and "暂停计时：专家评审" in response.text
    assert "记录特别程序结果" in response.text and "该事项正在进行特别程序" in response.text
    clock.value = beijing(11, 5)
    response = examiner.post(f"/examiner/tasks/{task_id}/special-procedure/result", {"result": "论证通过"},
                             follow_redirects=True)
    assert "办理时限恢复计算" in response.text and "论证通过" in response.text
    response = examiner.post(f"/examiner/tasks/{task_id}/extension-request", {"days": "2", "reason": "征求意见"},
                             follow_redirects=True)
    assert "延期申请已提交部门负责人审批" in response.text and "待审批" in response.text
    landing = lead.get("/examiner/").text
    assert 'href="/examiner/extensions"' in landing
    listing = lead.get("/examiner/extensions").text
    assert "申请延期 2 个工作日" in listing
    extension_id = int(listing.split('/examiner/extensions/')[1].split('/')[0])
    response = lead.post(f"/examiner/extensions/{extension_id}/decision", {"decision": "approve", "note": ""},
                         follow_redirects=True)
    assert "已批准延期" in response.text and "没有待审批的延期申请" in response.text
    project_page = owner.get(f"/projects/{code}").text
    assert "专家评审" in project_page and "论证通过" in project_page
    assert "延期2个工作日" in project_page and "顺延至 <strong>2026-11-13</strong>" in project_page


def test_forms_with_errors_answer_422_and_change_nothing(app, office, step, accepted):
    code, task_id = accepted
    examiner, lead = Person(app, "exam_ecology_environment"), Person(app, "lead_ecology")
    before = snapshot(step, code)
    response = examiner.post(f"/examiner/tasks/{task_id}/special-procedure",
                             {"kind": "expert_review", "reason": "论证", "limit_days": "0"})
    assert response.status_code == 422 and "不得小于1" in response.text and 'value="0"' in response.text
    response = examiner.post(f"/examiner/tasks/{task_id}/extension-request", {"days": "3", "reason": ""})
    assert response.status_code == 422 and "请填写此项" in response.text
    assert snapshot(step, code) == before
    examiner.post(f"/examiner/tasks/{task_id}/extension-request", {"days": "3", "reason": "征求意见"})
    listing = lead.get("/examiner/extensions").text
    extension_id = int(listing.split('/examiner/extensions/')[1].split('/')[0])
    before = snapshot(step, code)
    response = lead.post(f"/examiner/extensions/{extension_id}/decision", {"decision": "refuse", "note": ""})
    assert response.status_code == 422 and "不予延期时必须填写审批意见" in response.text
    assert examiner.get("/examiner/extensions").status_code == 403
    assert Person(app, "exam_natural_resources").post(
        f"/examiner/tasks/{task_id}/special-procedure",
        {"kind": "expert_review", "reason": "论证", "limit_days": "3"}).status_code in (403, 404)
    assert snapshot(step, code) == before
