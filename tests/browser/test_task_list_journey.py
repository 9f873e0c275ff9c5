"""An owner applies for a stage through its task list in Chromium: task list → form → a file for each required
material → check your answers → 修改 one answer → submit → confirmation; and first the error case: submitting with
a required material missing names it in the error summary and beside the material, and submits nothing.

axe-core checks every page state (0 violations); the task list is checked 375 px wide; screenshots go to
/tmp/screens/tasklist-*.png."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from engine.projects.models import StageApplication

from .a11y import CHECKED, check, no_sideways_scroll
from .applying import PDF, fill_stage_one, open_form, required_without_file, save_form
from .test_owner_journey import sign_in


def applications(db, code: str) -> int:
    with Session(db) as s:
        return s.scalar(select(func.count()).select_from(StageApplication).where(StageApplication.project_code == code))


def upload(page: Page, name: str, number: int) -> None:
    field = page.get_by_label(f"为“{name}”选择文件", exact=True)
    field.set_input_files(files=[{
        "name": f"材料{number}.pdf", "mimeType": "application/pdf", "buffer": PDF + str(number).encode()}])
    with page.expect_navigation():
        field.locator("xpath=..").locator("button[type=submit]").click()  # the upload of this material's own form
    expect(page.get_by_role("status")).to_contain_text(f"已上传“材料{number}.pdf”")


def test_owner_applies_through_the_task_list_and_checks_the_answers(served, chromium, shoot) -> None:
    base, app = served
    db = app.extensions["approval"]["engine"]
    owner = sign_in(chromium, base, "owner")
    owner.get_by_role("link", name=re.compile(r"\d{4}-420104-")).first.click()
    code = owner.url.rsplit("/", 1)[1]
    owner.get_by_role("link", name="提交阶段申请").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("立项用地规划许可阶段申请")
    expect(owner.locator("#form-status")).to_have_text("未开始")
    required = required_without_file(owner)
    assert "项目申请报告" in required and len(required) >= 5
    expect(owner.locator("#material-1")).to_contain_text("必需")
    check(owner, "task list")
    owner.set_viewport_size({"width": 375, "height": 800})
    no_sideways_scroll(owner)
    shoot(owner, "tasklist-01-task-list-375px")
    owner.set_viewport_size({"width": 1280, "height": 900})

    refused_with_one_missing(owner, db, code, required, shoot)
    changes_an_answer_and_submits(owner, db, code, required, shoot)
    print(f"axe-core: {len(CHECKED)} page states checked, 0 violations")


def refused_with_one_missing(owner: Page, db, code: str, required: list[str], shoot) -> None:
    open_form(owner)
    fill_stage_one(owner)
    check(owner, "form")
    save_form(owner)
    expect(owner.locator("#form-status")).to_have_text("已完成")
    for number, name in enumerate(required[:-1], 1):  # every required material but the last
        upload(owner, name, number)
    shoot(owner, "tasklist-02-one-material-missing")
    check(owner, "task list with files")

    owner.get_by_role("link", name="检查并提交").click()
    owner.get_by_role("button", name="确认提交").click()  # one required material still has no file
    missing = f"“{required[-1]}”是必需材料，尚未上传文件，请上传后再提交"
    expect(owner.get_by_role("alert")).to_contain_text(missing)
    expect(owner.locator(f"#material-{len(required)}-error")).to_contain_text(missing)  # beside the material
    assert applications(db, code) == 0  # nothing submitted
    check(owner, "check answers refused")
    shoot(owner, "tasklist-03-refused-material-missing")


def changes_an_answer_and_submits(owner: Page, db, code: str, required: list[str], shoot) -> None:

    owner.locator(f"#material-{len(required)}").get_by_role("link", name=re.compile("^修改")).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("立项用地规划许可阶段申请")
    upload(owner, required[-1], len(required))
    expect(owner.locator("#check-status")).to_have_text("可以提交")

    owner.get_by_role("link", name="检查并提交").click()
    expect(owner.locator("dl.check-answers").first).to_contain_text("住宅用地")
    expect(owner.locator("#material-1").get_by_role("link", name=re.compile(f"^修改.*{required[0]}"))).to_be_visible()
    owner.locator("dl.check-answers .row", has_text="联系人").get_by_role("link", name=re.compile("^修改")).click()
    expect(owner.get_by_label("联系人")).to_have_value("陈工")
    owner.get_by_label("联系人").fill("王工")
    save_form(owner)
    expect(owner.get_by_role("heading", level=1)).to_have_text("检查您的申请内容")  # back where it was changed
    expect(owner.locator("dl.check-answers").first).to_contain_text("王工")
    expect(owner.locator("dl.check-answers").nth(1)).to_contain_text("材料1.pdf")
    check(owner, "check answers")
    shoot(owner, "tasklist-04-check-answers")

    owner.get_by_role("button", name="确认提交").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("立项用地规划许可阶段申请已提交")
    expect(owner.get_by_role("status")).to_contain_text("阶段申请已提交")
    expect(owner.get_by_text("综合窗口审核受理")).to_be_visible()
    expect(owner.locator("main")).to_contain_text(re.compile(r"承诺办结日期为 \d{4}-\d{2}-\d{2}"))
    assert applications(db, code) == 1
    check(owner, "confirmation")
    shoot(owner, "tasklist-05-confirmation")
