"""建筑垃圾处置核准 in a real browser, on the system clock: the owner applies once from the project page (a wrong
plate is shown beside the field with the input kept), the city-management and traffic bureaus agree from their
own lists, and an inspector with no account opens the licence's QR link on a phone-sized screen and sees
validity, route, vehicles and disposal site. Screenshots go to /tmp/screens/waste-*.png."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Page, expect

from engine.clocks import local_date
from engine.runtime import system_clock

from .test_night_work_journey import _site_with_pre_permit, field
from .test_owner_journey import sign_in

ROUTE = "古田二路—长丰大道—三环线—金山大道—走马岭汇通大道"


def test_waste_licence_from_one_application_to_a_roadside_check(served, chromium, shoot) -> None:
    base, app = served
    _site_with_pre_permit(app)
    first = local_date(system_clock()) + timedelta(days=1)
    owner = sign_in(chromium, base, "owner")
    owner.get_by_role("link", name=re.compile(r"\d{4}-420104-")).first.click()
    owner.get_by_role("link", name="建筑垃圾处置核准").click()
    _fill(owner, first.isoformat(), (first + timedelta(days=60)).isoformat(), plates="鄂A12345\n粤")
    owner.get_by_role("button", name="提交申请").click()
    expect(owner.locator("#error-summary")).to_contain_text("不是有效的车牌号")
    expect(field(owner, "运输路线")).to_have_value(ROUTE)
    shoot(owner, "waste-01-wrong-plate")
    field(owner, r"运输车辆（车牌号）").fill("鄂A12345\n鄂AD34567")
    owner.get_by_role("button", name="提交申请").click()
    expect(owner.locator(".notice.ok")).to_contain_text("各部门将按类别同时审查")
    shoot(owner, "waste-02-applied")

    for username, link in (("exam_urban_management", "建筑垃圾审查"), ("exam_traffic_police", "建筑垃圾审查")):
        reviewer = sign_in(chromium, base, username)
        reviewer.get_by_role("link", name=link).click()
        reviewer.get_by_label("同意", exact=True).check()
        reviewer.get_by_role("button", name="提交审查意见").click()
        expect(reviewer.locator(".notice.ok")).to_contain_text("已同意")
    number = re.search(r"LJ\d+", reviewer.locator(".notice.ok").inner_text()).group(0)
    shoot(reviewer, "waste-03-issued")

    owner.reload()
    link = owner.get_by_role("link", name=number)
    href = link.get_attribute("href")
    phone = chromium.new_context(locale="zh-CN", viewport={"width": 375, "height": 800}).new_page()
    phone.goto(base + href)  # what the QR code on the licence opens
    for shown in ("有效", ROUTE, "鄂A12345、鄂AD34567", "东西湖区走马岭建筑垃圾资源化利用厂", "有效期至"):
        expect(phone.locator("main")).to_contain_text(shown)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling on a phone
    shoot(phone, "waste-04-verified-on-a-phone")


def _fill(page: Page, first: str, last: str, plates: str) -> None:
    field(page, "运输单位").fill("武汉市汉江渣土运输有限公司")
    field(page, "运输单位统一社会信用代码").fill("91420104MA4K2XY83B")
    page.get_by_label("工程渣土").check()
    page.get_by_label("拆除垃圾").check()
    field(page, r"预计处置量（立方米）").fill("12000")
    field(page, "运输路线").fill(ROUTE)
    field(page, r"运输车辆（车牌号）").fill(plates)
    field(page, "消纳场所").select_option("XN420112001")
    field(page, "处置起始日期").fill(first)
    field(page, "处置截止日期").fill(last)
    page.get_by_role("group", name=re.compile("运输车辆均已安装密闭装置")).get_by_label("是").check()
