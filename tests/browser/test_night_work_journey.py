"""夜间施工 in a real browser, on the system clock: the owner applies from the project page (a wrong hour is
shown beside the field with the input kept), the environment bureau approves from its list, and an anonymous
visitor on a phone-sized screen finds the public notice and verifies the permit. Screenshots go to
/tmp/screens/night-*.png."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlalchemy import select

from engine import issue_pre_permit, transaction
from engine.clocks import local_date
from engine.organisation.accounts import user_by_username
from engine.organisation.actors import actor_for
from engine.projects.models import Project
from engine.runtime import system_clock
from tests.support.sites import PRE_PERMIT

from .test_owner_journey import sign_in


def test_night_work_from_application_to_public_notice(served, chromium, shoot) -> None:
    base, app = served
    _site_with_pre_permit(app)
    first = local_date(system_clock()) + timedelta(days=2)
    owner = sign_in(chromium, base, "owner")
    owner.get_by_role("link", name=re.compile(r"\d{4}-420104-")).first.click()
    owner.get_by_role("link", name="夜间施工申请").click()
    _fill(owner, first.isoformat(), (first + timedelta(days=1)).isoformat(), start="21:00")
    owner.get_by_role("button", name="提交申请").click()
    expect(owner.locator("#error-summary")).to_contain_text("开始时间应在此时段内")
    expect(field(owner, "施工单位")).to_have_value("中建三局第一建设工程有限责任公司")
    shoot(owner, "night-01-wrong-hour")
    field(owner, "每晚开始时间").fill("22:00")
    owner.get_by_role("button", name="提交申请").click()
    expect(owner.locator(".notice.ok")).to_contain_text("申请已提交")
    expect(owner.locator("table.grid")).to_contain_text("审查中")

    reviewer = sign_in(chromium, base, "exam_ecology_environment")
    reviewer.get_by_role("link", name="夜间施工审查").click()
    reviewer.get_by_label("准予夜间施工").check()
    reviewer.get_by_role("button", name="提交决定").click()
    expect(reviewer.locator(".notice.ok")).to_contain_text("已作出决定：已准予")
    number = re.search(r"YJ\d+", reviewer.locator(".notice.ok").inner_text()).group(0)
    shoot(reviewer, "night-02-approved")

    phone = chromium.new_context(locale="zh-CN", viewport={"width": 375, "height": 800}).new_page()
    phone.goto(base)
    phone.get_by_role("link", name="夜间施工公示").click()
    phone.get_by_role("link", name=number).click()
    expect(phone.locator("body")).to_contain_text("有效")
    expect(phone.locator("body")).to_contain_text("每晚22:00至次日06:00")
    shoot(phone, "night-03-verified-on-a-phone")


def _site_with_pre_permit(app: object) -> str:
    engine = app.extensions["approval"]["engine"]
    runtime = app.extensions["approval"]["runtime"]
    with transaction(engine) as s:
        owner = actor_for(s, user_by_username(s, "owner").id)
        code = s.scalars(select(Project.code).where(Project.owner_id == owner.user_id)).first()
        issue_pre_permit(s, runtime, owner, code, PRE_PERMIT)
        return code


def field(page: Page, label: str) -> object:
    """The input labelled ``label`` (required fields' labels end with （必填）)."""
    return page.get_by_label(re.compile(f"^{label}（必填）"))


def _fill(page: Page, first: str, last: str, start: str) -> None:
    field(page, "施工单位").fill("中建三局第一建设工程有限责任公司")
    field(page, "施工单位统一社会信用代码").fill("91420100177565862B")
    field(page, "夜间施工内容").fill("地下室底板大体积混凝土连续浇筑")
    field(page, "夜间施工原因").fill("大体积混凝土须连续浇筑，不能留施工缝。")
    field(page, "起始日期").fill(first)
    field(page, "截止日期").fill(last)
    field(page, "每晚开始时间").fill(start)
    field(page, "次日结束时间").fill("06:00")
    page.get_by_label("是").check()
    field(page, "噪声防治措施").fill("使用低噪声振捣设备，设置隔声屏障，禁止鸣笛。")
