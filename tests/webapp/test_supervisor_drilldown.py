"""电子监察 on pages: from the board to a department's open items and to one item's clock (events, pauses,
days); the board exported as CSV and XLSX; expired pre-permits and 竣工验收备案 not made (overdue first).
Only supervisors and administrators."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook

from engine import issue_pre_permit, submit_supplement
from engine.timers.sweeper import sweep
from tests.support.office import Office

from .support import CODE

REVIEW = "review_enterprise_project_filing"  # 发展和改革局, stage 1
PRE_PERMIT_FORM = {
    "general_contractor": "中建三局第一建设工程有限责任公司", "supervision_unit": "武汉华建工程监理有限公司",
    "survey_unit": "湖北省勘察设计院", "design_unit": "中南建筑设计院股份有限公司", "contract_price": "38000.00",
    "contract_duration_days": 900, "construction_scale": "住宅8栋，总建筑面积68000平方米",
    "project_manager": "刘建国", "chief_supervisor": "孙立", "confirmed": True}


def corrected_review(office: Office, clock) -> str:
    """Stage 1 accepted on Monday 2026-11-02; 发展和改革局 asks for a correction on Tuesday, supplied Thursday."""
    code, _ = office.new_project(CODE)
    office.act(code, "apply")
    office.act(code, "accept")
    clock.advance(days=1)
    office.act(code, REVIEW, {"decision": "supplement", "opinion": "缺备案证明", "missing_materials": ["项目备案证明"]})
    clock.advance(days=2)
    item = office.item(code, REVIEW)
    with office.step() as s:
        submit_supplement(s, office.runtime, office.actor(s, "owner"), item.instance_id, item.task_id,
                          {"materials": ["项目备案证明"]})
    return code


def test_board_to_department_to_the_items_clock(person, office: Office, clock) -> None:
    code = corrected_review(office, clock)
    supervisor = person("supervisor")
    board = supervisor.get("/supervisor/").text
    department_url = re.search(r'href="(/supervisor/departments/development_reform)"', board).group(1)
    department = supervisor.get(department_url).text
    assert "发展和改革局：在办事项" in department and code in department and "截止" in department
    clock_url = re.search(r'href="(/supervisor/clock\?key=item[^"]+)"', department).group(1).replace("&amp;", "&")
    page = supervisor.get(clock_url).text
    assert "<h1>计时记录：" in page and "发展和改革局" in page
    events = re.findall(r"<td>(开始计时|暂停计时|恢复计时|延长时限|办结，停止计时)</td><td>([^<]*)</td>", page)
    assert [e[0] for e in events] == ["开始计时", "暂停计时", "恢复计时"]
    assert events[1][1] == "原因：补正" and events[0][1].startswith("时限 ")
    assert "已用</dt><dd>1 个工作日（暂停期间不计）" in page  # Monday→Tuesday, the pause not counted


def test_the_board_exports_as_csv_and_xlsx(person, office: Office, clock) -> None:
    code = corrected_review(office, clock)
    supervisor = person("supervisor")
    board = supervisor.get("/supervisor/").text
    assert 'href="/supervisor/export.csv"' in board and 'href="/supervisor/export.xlsx"' in board
    got = supervisor.get("/supervisor/export.csv")
    assert got.status_code == 200 and got.mimetype == "text/csv" and "attachment" in got.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(got.data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["部门", "项目代码", "项目名称"]
    mine = [r for r in rows[1:] if r[1] == code]
    assert mine and {r[0] for r in mine} >= {"发展和改革局"} and all(r[8] in {"正常", "预警", "逾期"} for r in mine)
    book = load_workbook(io.BytesIO(supervisor.get("/supervisor/export.xlsx").data))
    sheet = book["在办事项"]
    table = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [str(v or "") for v in table[0]] == rows[0]
    assert [[("" if v is None else str(v)) for v in r] for r in table[1:]] == rows[1:]


def test_expired_pre_permits_and_overdue_filings_are_listed(person, office: Office, clock, db, runtime) -> None:
    code, _ = office.new_project(CODE)
    with office.step() as s:
        issue_pre_permit(s, office.runtime, office.actor(s, "owner"), code, PRE_PERMIT_FORM)
    supervisor = person("supervisor")
    assert "没有过期未转换的施工预许可" in supervisor.get("/supervisor/pre-permits").text
    clock.value = datetime(2027, 1, 1, 16, 1, tzinfo=UTC)  # 2027-01-02 00:01 in Beijing
    sweep(db, runtime)
    page = supervisor.get("/supervisor/pre-permits").text
    assert code in page and "已过期" in page and "需跟进查处" in page
    assert "没有尚未办理的竣工验收备案" in supervisor.get("/supervisor/filings").text


def test_an_overdue_filing_is_listed_first(person, office: Office, clock) -> None:
    code, _ = office.new_project(CODE)
    for _stage in range(4):
        office.finish_stage(code)
    clock.advance(days=16)
    page = person("supervisor").get("/supervisor/filings").text
    assert code in page and ">已逾期</span>" in page and "已超期 1 天" in page


@pytest.mark.parametrize("username", ["window", "exam_development_reform", "owner"])
def test_only_supervisors_drill_down_or_export(person, office: Office, clock, username) -> None:
    corrected_review(office, clock)
    someone = person(username)
    for url in ("/supervisor/departments/development_reform", "/supervisor/clock?key=item:x",
                "/supervisor/export.csv", "/supervisor/export.xlsx", "/supervisor/pre-permits",
                "/supervisor/filings"):
        assert someone.get(url).status_code == 403, url


def test_unknown_department_or_clock_is_not_found(person, office: Office) -> None:
    supervisor = person("supervisor")
    assert supervisor.get("/supervisor/departments/nowhere").status_code == 404
    assert supervisor.get("/supervisor/clock?key=item:nothing").status_code == 404
    assert supervisor.get("/supervisor/clock").status_code == 404
