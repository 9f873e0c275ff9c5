"""A stage application through its task list in the browser: open the form from the list, save it, upload a file
for every material marked 必需 (each on its own line), check the answers and submit."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def fill_stage_one(owner: Page) -> None:
    """The demo project's stage-1 form, every answer valid (tests overwrite the one they want wrong)."""
    expect(owner.get_by_label("项目名称")).to_have_value("汉江湾示范住宅小区")  # from the registration
    owner.get_by_label("用地面积（m²）").fill("25000")
    owner.get_by_label("建筑面积（m²）").fill("68000.5")
    owner.get_by_label("总投资（万元）").fill("52000")
    owner.get_by_label("供地方式").select_option(label="出让")
    owner.get_by_label("土地用途").select_option(label="住宅用地")
    owner.get_by_label("批准用地文号").fill("武政土〔2026〕8号")
    owner.get_by_label("联系人").fill("陈工")
    owner.get_by_label("联系电话").fill("13800138000")


def open_form(page: Page) -> None:
    """From the task list to the application form."""
    page.locator("#form-h + ul").get_by_role("link").click()
    expect(page.get_by_role("button", name="保存并继续")).to_be_visible()


def save_form(page: Page) -> None:
    page.get_by_role("button", name="保存并继续").click()
    expect(page.get_by_role("status")).to_contain_text("申请表已保存")


def required_without_file(page: Page) -> list[str]:
    rows = page.locator("#mat-required-h ~ ul.tasks > li.task-row").filter(has_text="未上传")
    return rows.locator(".task-name").all_inner_texts()


def upload_required(page: Page, look=None) -> int:
    """Upload a small PDF for every required material that has none yet; ``look(page)`` after the first."""
    names = required_without_file(page)
    for number, name in enumerate(names, 1):
        field = page.get_by_label(f"为“{name}”选择文件", exact=True)
        field.set_input_files(files=[{
            "name": f"材料{number}.pdf", "mimeType": "application/pdf", "buffer": PDF + str(number).encode()}])
        with page.expect_navigation():
            field.locator("xpath=..").locator("button[type=submit]").click()  # the upload of this material's own form
        expect(page.get_by_role("status")).to_contain_text("已上传")
        if look and number == 1:
            look(page)
    expect(page.locator("#check-status")).to_have_text("可以提交")
    return len(names)


def check_and_submit(page: Page, look=None) -> None:
    page.get_by_role("link", name="检查并提交").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("检查您的申请内容")
    if look:
        look(page)
    page.get_by_role("button", name="确认提交").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("阶段申请已提交$"))


def apply_with_required_files(page: Page, look=None) -> None:
    """On the saved form's task list: every required material, then check and submit."""
    upload_required(page, look)
    check_and_submit(page, look)
