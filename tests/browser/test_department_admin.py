"""审批部门 in a real browser: the administrator adds a department, renames it after the page says what changes,
sees the new name, and is told beside the field when a name is taken (what was typed stays). axe-core finds no
violation on the pages. Screenshots go to /tmp/screens/departments-*.png."""

from __future__ import annotations

from playwright.sync_api import expect

from .a11y import check
from .test_owner_journey import sign_in


def test_an_administrator_adds_and_renames_a_department(served, chromium, shoot) -> None:
    base, _ = served
    admin = sign_in(chromium, base, "admin")
    admin.get_by_role("main").get_by_role("link", name="审批部门").first.click()
    expect(admin.get_by_role("heading", name="审批部门", exact=True)).to_be_visible()
    check(admin, "审批部门")
    admin.get_by_label("部门代码").fill("market_regulation")
    admin.get_by_label("部门名称").fill("市场监督管理局")
    admin.get_by_role("button", name="新增部门").click()
    expect(admin.locator(".notice.ok, [role=status]").first).to_contain_text("已新增审批部门“市场监督管理局”")
    expect(admin.get_by_role("rowheader", name="市场监督管理局")).to_be_visible()
    shoot(admin, "departments-01-added")

    row = admin.get_by_role("row").filter(has=admin.get_by_role("rowheader", name="市场监督管理局"))
    row.get_by_role("link", name="重命名").click()
    expect(admin.get_by_role("heading", name="重命名“市场监督管理局”")).to_be_visible()
    expect(admin.locator(".notice.warn", has_text="不变的")).to_contain_text("部门代码 market_regulation")
    check(admin, "重命名审批部门")
    admin.get_by_label("新的部门名称").fill("市场监管局")
    admin.get_by_role("button", name="确认更名").click()
    expect(admin.get_by_role("rowheader", name="市场监管局")).to_be_visible()
    expect(admin.get_by_role("rowheader", name="市场监督管理局")).to_have_count(0)
    shoot(admin, "departments-02-renamed")

    admin.get_by_label("部门代码").fill("market_supervision")
    admin.get_by_label("部门名称").fill("市场监管局")
    admin.get_by_role("button", name="新增部门").click()
    summary = admin.locator("#error-summary")
    expect(summary).to_contain_text("部门名称：已有同名的部门")
    expect(admin.locator("#f-name-error")).to_contain_text("已有同名的部门")
    expect(admin.get_by_label("部门代码")).to_have_value("market_supervision")
    check(admin, "审批部门（输入有误）")
    shoot(admin, "departments-03-refused")
