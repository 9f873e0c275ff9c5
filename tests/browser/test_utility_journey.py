"""水电气联动报装 in a real browser, on the system clock: the owner applies from the project page (no utility
chosen is refused beside the field, the input kept), the window accepts and records the joint survey, the water
company does 受理勘查 and 验收开通 from its inbox, and the owner sees each utility's status, deadline and days
left. Screenshots go to /tmp/screens/utility-*.png."""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from datetime import timedelta

from playwright.sync_api import Page, expect
from sqlalchemy import select

from engine import transaction
from engine.clocks import local_date
from engine.organisation.accounts import user_by_username
from engine.projects.models import Project
from engine.runtime import system_clock
from tests.support.office import Office

from .test_owner_journey import sign_in


def test_utility_connection_from_one_form_to_connection(served, chromium, shoot) -> None:
    base, app = served
    _project_in_stage_two(app)
    owner = sign_in(chromium, base, "owner")
    owner.get_by_role("link", name=re.compile(r"\d{4}-420104-")).first.click()
    owner.get_by_role("link", name="水电气联动报装").click()
    _fill_contact(owner)
    owner.get_by_role("button", name="提交报装申请").click()
    expect(owner.locator("#error-summary")).to_contain_text("请至少选择一项报装")
    expect(owner.get_by_label(re.compile("^联系人"))).to_have_value("陈工")
    shoot(owner, "utility-01-nothing-chosen")
    owner.get_by_role("group", name="用水报装").get_by_label("申请", exact=True).check()
    owner.get_by_role("group", name="用电报装").get_by_label("高压单电源").check()
    owner.get_by_role("button", name="提交报装申请").click()
    expect(owner.locator(".notice.ok")).to_contain_text("联动报装申请已提交")
    expect(owner.locator("table.grid")).to_contain_text("受理后计算")

    window = sign_in(chromium, base, "window")
    window.get_by_role("link", name="联动报装受理").click()
    shoot(window, "utility-04-window")
    window.get_by_label("受理", exact=True).check()
    window.get_by_label(re.compile("^联合踏勘日期")).fill((local_date(system_clock()) + timedelta(days=2)).isoformat())
    window.get_by_role("button", name="提交受理结论").click()
    expect(window.locator(".notice.ok")).to_contain_text("已受理")
    window.get_by_label(re.compile("^参加单位及人员")).fill("市自来水公司、国网供电公司、建设单位")
    window.get_by_label(re.compile("^踏勘情况")).fill("接入点位于项目东侧市政道路")
    window.get_by_role("button", name="记录联合踏勘").click()
    expect(window.locator(".notice.ok")).to_contain_text("联合踏勘已记录")

    water = sign_in(chromium, base, "exam_water_supply")
    water.get_by_role("link", name="报装待办").click()
    expect(water.locator("main")).to_contain_text("剩余 10 个工作日")
    shoot(water, "utility-05-water-inbox")
    water.get_by_label(re.compile("^接入方案")).fill("DN150引入管一根，表井设于东门")
    water.get_by_role("button", name="完成受理勘查").click()
    expect(water.locator(".notice.ok")).to_contain_text("待验收开通")
    water.get_by_label(re.compile("^用户编号")).fill("ZZ-W-000123")
    water.get_by_role("button", name="验收开通").click()
    expect(water.locator(".notice.ok")).to_contain_text("已开通")

    owner.reload()
    rows = owner.locator("table.grid tbody tr")
    expect(rows.filter(has_text="供水")).to_contain_text("已开通")
    expect(rows.filter(has_text="高压单电源供电")).to_contain_text("待受理勘查")
    expect(rows.filter(has_text="高压单电源供电")).to_contain_text("18")
    shoot(owner, "utility-02-owner-track")
    owner.get_by_role("link", name="项目概况").click()
    section = owner.locator("section").filter(has=owner.get_by_role("heading", name=re.compile("^水电气联动报装")))
    expect(section.locator("tr").filter(has_text="供水")).to_contain_text("已开通")
    expect(section.locator("tr").filter(has_text="高压单电源供电")).to_contain_text("国网供电公司")
    section.screenshot(path=str(shoot(owner, "utility-03-project-page").with_name("utility-03-section.png")))


def _project_in_stage_two(app: object) -> str:
    """The demo owner's project through stage 1, its stage 2 application accepted by the window."""
    db_engine, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]

    def step(write: bool = True) -> AbstractContextManager:
        return transaction(db_engine, write=write)

    office = Office(step, runtime)
    with step(write=False) as s:
        owner_id = user_by_username(s, "owner").id
        code = s.scalars(select(Project.code).where(Project.owner_id == owner_id)).first()
    office.finish_stage(code)
    office.act(code, "apply")
    office.act(code, "accept")
    return code


def _fill_contact(page: Page) -> None:
    page.get_by_label(re.compile("^联系人")).fill("陈工")
    page.get_by_label(re.compile("^联系电话")).fill("13900001111")
    page.get_by_label(re.compile("^用水量、用电容量")).fill("用水量120立方米/日；用电容量1250千伏安")
