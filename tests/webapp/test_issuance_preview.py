"""核发 with a preview: the issuance task page shows what the certificate will say; "更新预览" redraws it with the
typed remarks and validity and issues nothing; bad input is refused beside the field and nothing changes."""

from __future__ import annotations

import re

from engine.issuance.models import Certificate
from tests.support.office import Office

from .support import CODE, count, task_form


def at_issuance(office: Office) -> tuple[str, str, str]:
    code, _ = office.new_project(CODE)
    for bpmn_id in ("apply", "accept"):
        office.act(code, bpmn_id)
    while reviews := [i.bpmn_id for i in office.items(code) if i.bpmn_id.startswith("review_")]:
        for review in reviews:
            office.act(code, review)
    item = next(i for i in office.items(code) if i.bpmn_id.startswith("issue"))
    return code, item.task_id, office.username_for(item)


def test_the_issuance_page_previews_the_certificate(person, office: Office, step) -> None:
    code, task_id, username = at_issuance(office)
    examiner = person(username)
    page = examiner.get(f"/examiner/tasks/{task_id}").text
    assert "证照预览：" in page and "示例置业有限公司" in page and code in page and "确认核发" in page
    before = count(step, Certificate)
    shown = examiner.post(f"/examiner/tasks/{task_id}/preview", {**task_form(page), "certificate_remarks": "按图施工",
                                                                  "validity_months": "12"})
    assert shown.status_code == 200 and "按图施工" in shown.text
    assert re.search(r"<dt>有效期至</dt><dd>\d{4}-\d{2}-\d{2}</dd>", shown.text)
    assert count(step, Certificate) == before  # a preview issues nothing


def test_a_wrong_validity_is_refused_beside_the_field(person, office: Office, step) -> None:
    _, task_id, username = at_issuance(office)
    examiner = person(username)
    page = examiner.get(f"/examiner/tasks/{task_id}").text
    before = count(step, Certificate)
    refused = examiner.post(f"/examiner/tasks/{task_id}/preview", {**task_form(page), "certificate_remarks": "按图施工",
                                                                    "validity_months": "99"})
    assert refused.status_code == 422
    assert re.search(r'id="f-validity_months-error">.*?</p>', refused.text, re.S)
    assert "按图施工" in refused.text
    assert count(step, Certificate) == before


def test_only_the_issuing_department_previews(person, office: Office) -> None:
    _, task_id, _ = at_issuance(office)
    answer = person("exam_traffic_police").post(f"/examiner/tasks/{task_id}/preview", {"instance_id": "1"})
    assert answer.status_code == 404
