"""版本迁移 in a real browser: after the 人防 review leaves the catalogue (the seeded
demo project waits in stage 1), the administrator finds 版本迁移 in the
navigation, previews (the case moves), migrates a batch, and moves the case back. axe-core
finds no violation on the pages. Screenshots go to /tmp/screens/migration-*.png."""

from __future__ import annotations

from playwright.sync_api import expect

from engine import transaction
from engine.catalogue.store import retire_item

from .a11y import check
from .test_owner_journey import sign_in


def test_an_administrator_previews_migrates_and_reverts(served, chromium, shoot) -> None:
    base, app = served
    _change_the_catalogue(app)
    admin = sign_in(chromium, base, "admin")
    admin.get_by_role("navigation", name="主导航").get_by_role("link", name="版本迁移").click()
    admin.get_by_role("button", name="预览（不作更改）").click()
    expect(admin.locator("#h-preview")).to_contain_text("可迁移 1 件")
    expect(admin.locator("table.grid").first).to_contain_text("迁移到现行目录")
    check(admin, "版本迁移预览")
    shoot(admin, "migration-01-preview")
    admin.get_by_role("button", name="迁移下一批").click()
    expect(admin.locator(".notice.ok")).to_contain_text("本批迁移 1 件")
    admin.get_by_role("button", name="撤销迁移").click()
    expect(admin.locator(".notice.ok")).to_contain_text("已撤销项目")
    check(admin, "版本迁移记录")
    shoot(admin, "migration-02-reverted")


def _change_the_catalogue(app: object) -> None:
    """The seeded demo project waits in stage 1; then 人防 leaves the catalogue."""
    engine = app.extensions["approval"]["engine"]
    runtime = app.extensions["approval"]["runtime"]
    with transaction(engine) as s:
        retire_item(s, "civil_defence_basement_approval", "social_investment_project", runtime.now())
