"""The window's 一次性告知: missing materials picked from the stage's checklist (checkboxes, not free text), and a
numbered 补正材料通知书 in PDF listing them with the legal basis and the date to supply by; wrong input changes
nothing."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from engine.clocks import CHINA_TZ
from engine.issuance.models import Certificate
from engine.work_items.models import SupplementRequest
from tests.support.office import Office

from .support import CODE, count, task_form

SHOTS = Path("/tmp/screens")


def window_task(window, office: Office) -> tuple[str, str]:
    code, _ = office.new_project(CODE)
    office.act(code, "apply")
    url = re.search(r'href="(/window/tasks/[0-9a-f-]+)"', window.get("/window/").text).group(1)
    return code, url


@pytest.mark.parametrize("now", [datetime(2026, 11, 2, 1, 30, tzinfo=UTC), datetime(2026, 12, 21, 1, 30, tzinfo=UTC)])
def test_the_window_picks_missing_materials_and_a_numbered_notice_is_issued(person, office: Office, step, clock,
                                                                           now) -> None:
    clock.value = now
    window = person("window")
    code, url = window_task(window, office)
    page = window.get(url).text
    boxes = re.findall(r'<input type="checkbox" name="missing_materials" value="([^"]+)"', page)
    assert "选址意见书" in boxes and len(boxes) == len(set(boxes)) > 5  # the checklist, once each
    assert '<textarea id="f-missing_materials"' not in page
    picked = boxes[:2]
    done = window.post(url, {**task_form(page), "decision": "supplement", "opinion": "请加盖公章",
                             "missing_materials": picked})
    assert done.status_code == 302
    with step(write=False) as s:
        request = s.query(SupplementRequest).one()
        assert request.materials == picked and request.notice_number.startswith("BZ")
        number, due = request.notice_number, request.due_at.astimezone(CHINA_TZ)
    after = window.get(url).text
    assert f"第 {number} 号（PDF）" in after
    pdf = window.get(f"/window/notices/{number}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(__import__("io").BytesIO(pdf.data)).pages))
    assert "补正材料通知书" in text and number in text and code in text and "第三十二条" in text
    assert all(m.replace(" ", "") in text for m in picked) and "请加盖公章" in text
    assert f"{due.year}年{due.month}月{due.day}日17时30分前" in text  # the correction's own period
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdfium.PdfDocument(pdf.data)[0].render(scale=1.5).to_pil().save(SHOTS / f"window-notice-{now.month}.png")


def test_a_supplement_without_materials_is_refused_and_nothing_is_issued(person, office: Office, step) -> None:
    window = person("window")
    _, url = window_task(window, office)
    page = window.get(url).text
    before = (count(step, SupplementRequest), count(step, Certificate))
    refused = window.post(url, {**task_form(page), "decision": "supplement", "opinion": "缺件"})
    assert refused.status_code == 422
    beside = re.search(r'<p class="field-error" id="f-missing_materials-error">(.*?)</p>', refused.text, re.S)
    assert "要求补正时必须列明所缺材料" in beside.group(1)
    assert 'value="supplement" id="f-decision-3" checked' in refused.text or 'value="supplement"' in refused.text
    assert "缺件" in refused.text  # the opinion typed is kept
    assert (count(step, SupplementRequest), count(step, Certificate)) == before


def test_an_examiners_supplement_issues_no_window_notice(person, office: Office, step) -> None:
    code, _ = office.new_project(CODE)
    office.act(code, "apply")
    office.act(code, "accept")
    before = count(step, Certificate)
    office.act(code, "review_enterprise_project_filing",
               {"decision": "supplement", "opinion": "缺件", "missing_materials": ["项目备案证明"]})
    assert count(step, Certificate) == before
    with step(write=False) as s:
        assert s.query(SupplementRequest).one().notice_number is None


def test_only_the_window_opens_its_notices(person, office: Office, step) -> None:
    window = person("window")
    _, url = window_task(window, office)
    page = window.get(url).text
    window.post(url, {**task_form(page), "decision": "supplement", "opinion": "缺件",
                      "missing_materials": re.findall(r'name="missing_materials" value="([^"]+)"', page)[:1]})
    with step(write=False) as s:
        number = s.query(SupplementRequest).one().notice_number
    assert person("exam_natural_resources").get(f"/window/notices/{number}.pdf").status_code == 403
    assert window.get("/window/notices/BZ000.pdf").status_code == 404
