"""The window's intake queue and the examiners' department inbox, through the pages."""

from __future__ import annotations

import re

from engine.work_items.models import Decision, SupplementRequest, WorkItem
from tests.support.office import Office

from .support import CODE, count, task_form

REVIEW = "review_enterprise_project_filing"  # 发展和改革局, stage 1


def applied(office: Office) -> str:
    code, _ = office.new_project(CODE)
    office.act(code, "apply")
    return code


def accepted(office: Office) -> str:
    code = applied(office)
    office.act(code, "accept")
    return code


def test_window_accepts_from_the_intake_queue(person, office: Office, step) -> None:
    code = applied(office)
    window = person("window")
    queue = window.get("/window/").text
    task_url = re.search(r'href="(/window/tasks/[0-9a-f-]+)"', queue).group(1)
    page = window.get(task_url).text
    assert "综合窗口受理" in page and "25000.00" in page and "出让" in page  # the stage's application
    assert 'value="accept"' in page and 'value="supplement"' in page and 'value="reject"' in page
    done = window.post(task_url, {**task_form(page), "decision": "accept", "opinion": "材料齐全"})
    assert done.status_code == 302 and done.location == "/window/"
    assert "已办理“综合窗口受理”：受理" in window.get("/window/").text
    assert {i.bpmn_id for i in office.items(code)} >= {REVIEW, "review_flood_impact_assessment"}


def test_window_asks_once_for_every_missing_material(person, office: Office, step) -> None:
    code = applied(office)
    window = person("window")
    task_url = re.search(r'href="(/window/tasks/[0-9a-f-]+)"', window.get("/window/").text).group(1)
    hidden = task_form(window.get(task_url).text)
    no_list = window.post(task_url, {**hidden, "decision": "supplement", "opinion": "缺件"})
    assert no_list.status_code == 422 and "要求补正时必须列明所缺材料" in no_list.text
    assert count(step, SupplementRequest) == 0
    done = window.post(task_url, {**hidden, "decision": "supplement", "opinion": "缺件",
                                  "missing_materials": "营业执照副本\r\n\r\n法定代表人身份证明\r\n"})
    assert done.status_code == 302
    with step(write=False) as s:
        assert s.query(SupplementRequest).one().materials == ["营业执照副本", "法定代表人身份证明"]
    assert "等待申请人补正" in window.get("/window/").text
    assert "等待申请人补正材料" in window.get(task_url).text  # no decision form while it waits
    assert code


def test_window_refuses_with_reasons(person, office: Office, step) -> None:
    code = applied(office)
    window = person("window")
    task_url = re.search(r'href="(/window/tasks/[0-9a-f-]+)"', window.get("/window/").text).group(1)
    hidden = task_form(window.get(task_url).text)
    assert window.post(task_url, {**hidden, "decision": "reject"}).status_code == 422
    assert count(step, Decision) == 0
    assert window.post(task_url, {**hidden, "decision": "reject", "opinion": "不属于本阶段"}).status_code == 302
    assert office.item(code, "resubmit").role == "owner"


def test_examiner_claims_and_approves_through_the_page(person, office: Office, step) -> None:
    code = accepted(office)
    examiner = person("exam_development_reform")
    inbox = examiner.get("/examiner/").text
    assert "企业投资项目核准/备案" in inbox and "洪水影响评价审批" not in inbox  # only the own department's
    item = office.item(code, REVIEW)
    assert examiner.post(f"/examiner/tasks/{item.task_id}/claim").status_code == 302
    page = examiner.get(f"/examiner/tasks/{item.task_id}").text
    assert "我已签收" in page and "25000.00" in page and "综合窗口受理" in page  # application + earlier decision
    assert "审查结论" in page and 'name="conditions"' in page
    done = examiner.post(f"/examiner/tasks/{item.task_id}", {**task_form(page), "decision": "approve",
                                                            "opinion": "符合产业政策"})
    assert done.status_code == 302
    with step(write=False) as s:
        decision = s.query(Decision).filter_by(bpmn_id=REVIEW).one()
        assert (decision.outcome, decision.opinion, decision.department_code) == (
            "approve", "符合产业政策", "development_reform")


def test_examiner_of_another_department_cannot_open_or_decide(person, office: Office, step) -> None:
    code = accepted(office)
    item = office.item(code, REVIEW)
    other = person("exam_water_affairs")  # has its own stage-1 review, not this one
    assert other.get(f"/examiner/tasks/{item.task_id}").status_code == 404
    form = {"instance_id": str(item.instance_id), "form_key": "review_decision", "decision": "approve",
            "opinion": "越权"}
    assert other.post(f"/examiner/tasks/{item.task_id}", form).status_code in {403, 404}
    assert other.post(f"/examiner/tasks/{item.task_id}/claim").status_code in {403, 404}
    assert count(step, Decision, bpmn_id=REVIEW) == 0
    assert office.item(code, REVIEW).claimed_by is None
    assert item.task_id not in other.get("/examiner/").text
    assert person("exam_housing_construction").get(f"/examiner/tasks/{item.task_id}").status_code == 404


def test_a_claimed_item_is_only_the_holders(person, office: Office, step) -> None:
    code = accepted(office)
    item = office.item(code, REVIEW)
    with step() as s:  # a colleague of the same department
        from engine.organisation.accounts import create_user

        create_user(s, office.runtime, username="exam_dr_2", display_name="发改审批员二", role="examiner",
                    password="demo-2026", department_code="development_reform")
    assert person("exam_development_reform").post(f"/examiner/tasks/{item.task_id}/claim").status_code == 302
    colleague = person("exam_dr_2")
    assert "他人已签收" in colleague.get("/examiner/").text
    assert "只有签收人可以办理" in colleague.get(f"/examiner/tasks/{item.task_id}").text
    form = {"instance_id": str(item.instance_id), "form_key": "review_decision", "decision": "approve"}
    assert colleague.post(f"/examiner/tasks/{item.task_id}", form).status_code == 403
    assert colleague.post(f"/examiner/tasks/{item.task_id}/release").status_code == 409
    assert person("exam_development_reform").post(f"/examiner/tasks/{item.task_id}/release").status_code == 302
    assert office.item(code, REVIEW).claimed_by is None


def test_inbox_filters_come_from_the_query_string(person, office: Office) -> None:
    code = accepted(office)
    examiner = person("exam_natural_resources")
    assert "建设项目用地预审与选址意见书" in examiner.get("/examiner/?stage=stage_project_land_planning").text
    assert "共 0 件" in examiner.get("/examiner/?stage=stage_engineering_permit").text
    assert "共 0 件" in examiner.get("/examiner/?mine=1").text
    assert "共 0 件" in examiner.get("/examiner/?status=awaiting_supplement").text
    assert "共 1 件" in examiner.get(f"/examiner/?project={code}&stage=nonsense&page=x").text


def test_a_decision_missing_its_reason_is_shown_again_and_stores_nothing(person, office: Office, step) -> None:
    code = accepted(office)
    item = office.item(code, REVIEW)
    examiner = person("exam_development_reform")
    page = examiner.get(f"/examiner/tasks/{item.task_id}").text
    response = examiner.post(f"/examiner/tasks/{item.task_id}", {**task_form(page), "decision": "reject",
                                                                "conditions": "附条件"})
    assert response.status_code == 422
    assert 'id="f-opinion-error"' in response.text and 'id="f-conditions-error"' in response.text
    assert re.search(r'value="reject" id="f-decision-2" checked', response.text)
    assert count(step, Decision) == 1  # only the window's acceptance
    assert count(step, WorkItem, bpmn_id=REVIEW) == 1


def test_anonymous_people_are_sent_to_sign_in(app) -> None:
    response = app.test_client().get("/examiner/?stage=x")
    assert response.status_code == 302 and response.location == "/login?next=/examiner/?stage%3Dx"
