"""办件提醒 in a real browser: the owner finds 提醒设置 in the header, a wrong mobile number is shown beside the
field and nothing is saved, then e-mail is chosen; the window accepts the application; the owner reads the
message in 消息; the administrator follows 消息投递 and sees the e-mail waiting, then sent once the worker ran
against a local SMTP server. Screenshots go to /tmp/screens/notify-*.png."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from engine import transaction
from engine.demo import drive_one_action
from engine.notifications.settings import delivery_settings
from engine.notifications.worker import build_channels, deliver_once
from engine.projects.models import Project
from tests.support.smtp import MailServer

from .test_owner_journey import sign_in


def test_preferences_message_and_outbox(served, chromium, shoot) -> None:
    base, app = served
    owner = sign_in(chromium, base, "owner")
    owner.get_by_role("link", name="提醒设置").click()
    owner.get_by_label("短信").check()
    owner.get_by_label("手机号码").fill("12345")
    owner.get_by_role("button", name="保存设置").click()
    expect(owner.locator("#error-summary")).to_contain_text("手机号码：格式不正确，应为11位手机号码")
    expect(owner.locator("#error-summary")).to_contain_text("电子邮箱：选择邮件提醒须填写电子邮箱")
    expect(owner.get_by_label("手机号码")).to_have_value("12345")
    shoot(owner, "notify-01-bad-phone")
    owner.get_by_label("短信").uncheck()
    owner.get_by_label("手机号码").fill("")
    owner.get_by_label("电子邮件", exact=True).check()
    owner.get_by_label("电子邮箱").fill("owner@hjw.example.cn")
    owner.get_by_role("button", name="保存设置").click()
    expect(owner.locator(".notice.ok")).to_contain_text("提醒设置已保存")

    _apply_and_accept(app)
    owner.reload()
    nav = owner.get_by_role("navigation", name="主导航")
    expect(nav.get_by_role("link", name=re.compile("^消息"))).to_contain_text("条未读")
    nav.get_by_role("link", name=re.compile("^消息")).click()
    expect(owner.locator("ol.messages")).to_contain_text("申请已受理：立项用地规划许可")
    shoot(owner, "notify-02-messages")

    admin = sign_in(chromium, base, "admin")
    admin.get_by_role("link", name="消息投递").click()
    expect(admin.locator("table.grid")).to_contain_text("owner@hjw.example.cn")
    expect(admin.locator("table.grid")).to_contain_text("待投递")
    server = MailServer().start()
    try:
        settings = delivery_settings(server.env())
        engine, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]
        deliver_once(engine, runtime, settings, build_channels(settings))
    finally:
        server.stop()
    assert [m["Subject"] for m in server.received] == ["申请已受理：立项用地规划许可"]
    admin.reload()
    expect(admin.locator("table.grid")).to_contain_text("已发送")
    shoot(admin, "notify-03-outbox")

    admin.get_by_role("link", name="账号管理").click()
    row = admin.get_by_role("row").filter(has=admin.get_by_role("rowheader", name="owner", exact=True))
    row.get_by_text("联系方式", exact=True).click()
    row.get_by_label("手机号码").fill("13912345678")
    row.get_by_role("button", name="保存 owner 的联系方式").click()
    expect(admin.locator(".notice.ok")).to_contain_text("已更新 owner 的联系方式")
    expect(admin.get_by_role("row").filter(has=admin.get_by_role("rowheader", name="owner", exact=True))
           ).to_contain_text("13912345678")
    shoot(admin, "notify-04-contact")


def _apply_and_accept(app: object) -> None:
    engine, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]
    with transaction(engine) as s:
        code = s.scalars(select(Project.code).order_by(Project.code)).first()
    for _ in range(2):  # the owner's application, then the window's acceptance
        with transaction(engine) as s:
            drive_one_action(s, runtime, code)
