"""Construction permits beyond the main flow, in Debian's Chromium on pages only (after each person's sign-in
page every step follows a link or submits a form; the Given state is built through the engine):

* 分阶段施工许可: an agent prepares the first phase for the owner (代 X 办理), the owner confirms the 质量安全承诺,
  the housing department issues it from its own list, the owner downloads the permit from 我的证照 (rasterised
  by pdftoppm to be looked at) and applies for the next phase;
* 施工预许可: the owner applies on a commitment, the housing department converts it into the formal permit, and
  the supervisor finds another project's expired pre-permit on the 电子监察 board;
* 综合许可证 加办: after the permit is issued the owner orders one more licence, the window, 行政审批局 and the
  water bureau act on their own pages, and the owner sees the re-issued licences.

Each form's error case is shown in the error summary and beside the field with the input kept; axe-core
checks every page visited (0 violations). Screenshots go to /tmp/screens/permits-*.png."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from collections.abc import Callable
from datetime import timedelta

from playwright.sync_api import Page, expect

from engine import grant_authorisation, issue_pre_permit, transaction
from engine.construction.comprehensive import order_comprehensive_permit
from engine.demo import register_demo_project
from engine.organisation.accounts import user_by_username
from engine.organisation.actors import actor_for
from engine.sweeper import sweep
from tests.construction.support import comprehensive_form
from tests.support.sites import PRE_PERMIT

from .a11y import check, no_sideways_scroll
from .conftest import SCREENS
from .test_full_journey import work_inbox
from .test_night_work_journey import field
from .test_owner_journey import sign_in

OWNER_ORG = "示例置业有限公司"
PRE_PERMIT_FORM = (("施工总承包单位", "中建三局第一建设工程有限责任公司"), ("监理单位", "武汉华建工程监理有限公司"),
                   ("勘察单位", "湖北省勘察设计院"), ("设计单位", "中南建筑设计院股份有限公司"),
                   (r"合同价格（万元）", "三万八千"), (r"合同工期（日历天）", "900"),
                   ("建设规模", "住宅8栋，总建筑面积68000平方米"), ("项目经理", "刘建国"), ("总监理工程师", "孙立"))


class People:
    """One signed-in page per person; ``look`` runs axe-core on every page state once and takes a screenshot."""

    def __init__(self, chromium, base: str, shoot) -> None:
        self.chromium, self.base, self.shoot, self.pages, self.seen = chromium, base, shoot, {}, set()

    def __call__(self, username: str) -> Page:
        if username not in self.pages:
            self.pages[username] = sign_in(self.chromium, self.base, username)  # then only links and forms
        return self.pages[username]

    def look(self, page: Page, shot: str | None = None) -> None:
        key = page.url + "|" + page.locator("h1").first.inner_text() + "|" + str(page.locator(".notice").count())
        if key not in self.seen:
            self.seen.add(key)
            check(page)
        if shot:
            self.shoot(page, f"permits-{shot}")


def narrow(page: Page, shot: str) -> None:
    """The page on a phone-sized screen: nothing scrolls sideways but the tables inside their own frame."""
    page.set_viewport_size({"width": 375, "height": 800})
    no_sideways_scroll(page)
    page.screenshot(path=str(SCREENS / f"permits-{shot}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def given(app: object, act: Callable) -> object:
    """Build state through the engine (never through the pages under test): ``act(session, runtime, who)``."""
    runtime = app.extensions["approval"]["runtime"]
    with transaction(app.extensions["approval"]["engine"]) as s:
        return act(s, runtime, lambda username: actor_for(s, user_by_username(s, username).id))


def new_project(app: object, serial: int) -> str:
    return given(app, lambda s, rt, who: register_demo_project(
        s, rt, f"{rt.now():%Y}-420104-70-03-{serial:06d}").code)


def open_project(page: Page, code: str) -> None:
    label = "代办项目" if page.get_by_role("link", name="代办待办").count() else "我的项目"
    page.get_by_role("navigation", name="主导航").get_by_role("link", name=label, exact=True).click()
    page.get_by_role("link", name=code).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("汉江湾示范住宅小区")


def test_phase_permits_prepared_by_an_agent_committed_by_the_owner_and_issued(served, chromium, shoot) -> None:
    base, app = served
    code = new_project(app, 880001)

    def grant(s, rt, who) -> None:
        now = rt.now()
        grant_authorisation(s, rt, who("owner"), code, {
            "agent_username": "agent", "stages": [3], "acts": ["apply", "view"], "valid_from": now.isoformat(),
            "valid_to": (now + timedelta(days=30)).isoformat()})
    given(app, grant)
    people = People(chromium, base, shoot)
    agent_prepares_first_phase(people, people("agent"), code)
    owner = people("owner")
    open_project(owner, code)
    owner.get_by_role("link", name="分阶段施工许可").click()
    people.look(owner, "04-owner-to-confirm")
    owner.get_by_role("button", name=re.compile("^确认质量安全承诺")).click()
    expect(owner.get_by_role("status")).to_contain_text("已确认质量安全承诺")
    people.look(owner)
    number = housing_issues(people, people("exam_housing_construction"))
    owner_downloads_phase_permit(people, owner, number)
    owner_applies_for_next_phase(people, owner)


def agent_prepares_first_phase(people: People, agent: Page, code: str) -> None:
    open_project(agent, code)
    agent.get_by_role("link", name="分阶段施工许可").click()
    expect(agent.locator("#acting-for")).to_contain_text(f"代 {OWNER_ORG} 办理")
    expect(agent.get_by_role("heading", level=2, name="申请“基坑支护和土方开挖”阶段施工许可")).to_be_visible()
    people.look(agent, "01-agent-phase-form")
    _fill_first_phase(agent, bid_notice="")
    agent.get_by_role("button", name="提交申请").click()
    expect(agent.locator("#error-summary")).to_contain_text("中标通知书编号：须提供中标通知书编号")
    expect(agent.locator("#f-bid_notice_no-error")).to_contain_text("须提供中标通知书编号")
    expect(field(agent, "施工总承包单位")).to_have_value("中建三局第一建设工程有限责任公司")  # input kept
    people.look(agent, "02-agent-phase-error")
    field(agent, "中标通知书编号").fill("ZB-2026-0815")
    agent.get_by_role("button", name="提交申请").click()
    expect(agent.get_by_role("status")).to_contain_text("须由建设单位本人登录确认质量安全承诺")
    expect(agent.get_by_role("row", name=re.compile("^基坑支护和土方开挖"))).to_contain_text("待建设单位确认承诺")
    people.look(agent, "03-agent-awaits-owner")


def housing_issues(people: People, housing: Page) -> str:
    """The housing department issues from its own list (a remark too long first); returns the permit number."""
    housing.get_by_role("navigation", name="主导航").get_by_role("link", name="分阶段施工许可核发").click()
    section = housing.get_by_role("region", name=re.compile("基坑支护和土方开挖"))
    people.look(housing, "05-housing-issuance-list")
    section.get_by_role("textbox", name=re.compile("^备注")).fill("限基坑支护和土方开挖。" * 60)
    section.get_by_role("button", name=re.compile("^核发施工许可证")).click()
    expect(housing.locator("#error-summary")).to_contain_text("备注：不得超过500")
    section = housing.get_by_role("region", name=re.compile("基坑支护和土方开挖"))
    expect(section.locator(".field-error")).to_be_visible()
    expect(section.get_by_role("textbox", name=re.compile("^备注"))).to_have_value("限基坑支护和土方开挖。" * 60)
    people.look(housing, "06-housing-remarks-too-long")
    section.get_by_role("textbox", name=re.compile("^备注")).fill("限基坑支护和土方开挖，不含桩基础施工")
    section.get_by_role("button", name=re.compile("^核发施工许可证")).click()
    expect(housing.get_by_role("status")).to_contain_text("已核发分阶段施工许可证")
    people.look(housing, "07-housing-issued")
    return re.search(r"编号 (\S+?)；", housing.get_by_role("status").inner_text()).group(1)


def owner_downloads_phase_permit(people: People, owner: Page, number: str) -> None:
    owner.reload()
    expect(owner.get_by_role("row", name=re.compile("^基坑支护和土方开挖"))).to_contain_text(number)
    people.look(owner, "08-owner-phase-issued")
    narrow(owner, "08b-owner-phases-375px")
    owner.get_by_role("link", name=re.compile("在“我的证照”中下载")).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("我的证照")
    row = owner.get_by_role("row", name=re.compile(re.escape(number)))
    expect(row).to_contain_text("有效")
    people.look(owner, "09-owner-certificates")
    with owner.expect_download() as download:
        row.get_by_role("link", name=re.compile("下载 PDF")).click()
    saved = SCREENS / "permits-phase-permit.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-singlefile", str(saved), str(SCREENS / "permits-phase-permit")],
                   check=True)


def owner_applies_for_next_phase(people: People, owner: Page) -> None:
    owner.get_by_role("link", name="汉江湾示范住宅小区").first.click()  # the project heads its certificates
    owner.get_by_role("link", name="分阶段施工许可").click()
    expect(owner.get_by_role("heading", level=2, name="申请“地下室及桩基础”阶段施工许可")).to_be_visible()
    expect(field(owner, "施工总承包单位")).to_have_count(0)  # the first phase's materials are reused
    owner.get_by_role("button", name="提交申请").click()  # the commitment left unticked
    expect(owner.locator("#error-summary")).to_contain_text("须承诺工程质量安全可控")
    expect(owner.locator("#f-quality_safety_commitment-error")).to_be_visible()
    people.look(owner, "10-owner-commitment-missing")
    owner.get_by_role("checkbox", name=re.compile("本单位承诺")).check()
    owner.get_by_role("button", name="提交申请").click()
    expect(owner.get_by_role("status")).to_contain_text("等待住房和城乡建设局核发")
    expect(owner.get_by_role("row", name=re.compile("^地下室及桩基础"))).to_contain_text("待核发")
    people.look(owner, "11-owner-second-phase")


def _fill_first_phase(page: Page, bid_notice: str) -> None:
    field(page, "施工总承包单位").fill("中建三局第一建设工程有限责任公司")
    field(page, "中标通知书编号").fill(bid_notice)
    field(page, "勘察单位").fill("湖北省勘察设计院")
    field(page, "设计单位").fill("中南建筑设计院股份有限公司")
    field(page, "监理单位").fill("武汉华建工程监理有限公司")
    field(page, r"合同价格（万元）").fill("38000")
    field(page, r"合同工期（日历天）").fill("900")
    field(page, "建设规模").fill("住宅8栋，总建筑面积68000平方米")
    field(page, "施工单位项目负责人").fill("刘建国")
    field(page, "总监理工程师").fill("孙立")


def test_a_pre_permit_is_converted_and_an_expired_one_reaches_the_supervisor(served, chromium, shoot) -> None:
    base, app = served
    code = new_project(app, 880002)
    lapsed = new_project(app, 880003)

    def lapsed_pre_permit(s, rt, who) -> None:  # issued three months ago: its validity has run out
        earlier = dataclasses.replace(rt, clock=lambda: rt.now() - timedelta(days=92))
        issue_pre_permit(s, earlier, who("owner"), lapsed, PRE_PERMIT)
    given(app, lapsed_pre_permit)
    sweep(app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"])
    people = People(chromium, base, shoot)

    owner = people("owner")
    open_project(owner, code)
    owner.get_by_role("link", name="施工预许可").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("施工预许可（先建后验）")
    people.look(owner, "20-owner-pre-permit-form")
    narrow(owner, "20b-owner-pre-permit-375px")
    for label, value in PRE_PERMIT_FORM:
        field(owner, label).fill(value)
    owner.get_by_role("checkbox", name=re.compile("本单位承诺")).check()
    owner.get_by_role("button", name="承诺并申请").click()
    expect(owner.locator("#error-summary")).to_contain_text("合同价格（万元）")
    expect(owner.locator("#f-contract_price-error")).to_be_visible()
    expect(field(owner, r"合同价格（万元）")).to_have_value("三万八千")
    expect(field(owner, "项目经理")).to_have_value("刘建国")
    people.look(owner, "21-owner-pre-permit-error")
    field(owner, r"合同价格（万元）").fill("38000")
    owner.get_by_role("button", name="承诺并申请").click()
    expect(owner.get_by_role("status")).to_contain_text("已核发施工预许可")
    number = re.search(r"YX\d+", owner.get_by_role("status").inner_text()).group(0)
    people.look(owner, "22-owner-pre-permit-issued")

    housing = people("exam_housing_construction")
    housing.get_by_role("navigation", name="主导航").get_by_role("link", name="预许可转正式许可").click()
    row = housing.get_by_role("row", name=re.compile(number))
    people.look(housing, "23-housing-conversions")
    row.get_by_role("button", name=re.compile("^转为正式施工许可")).click()
    expect(housing.get_by_role("status")).to_contain_text(f"预许可 {number} 已转为正式施工许可")
    expect(housing.get_by_role("row", name=re.compile(number))).to_have_count(0)
    people.look(housing)

    owner.reload()
    expect(owner.get_by_role("row", name=re.compile(number))).to_contain_text("已转为正式施工许可")
    people.look(owner, "24-owner-converted")

    supervisor = people("supervisor")
    supervisor.get_by_role("link", name="过期的施工预许可").click()
    expect(supervisor.get_by_role("row", name=re.compile(lapsed))).to_contain_text("已过期")
    expect(supervisor.get_by_role("row", name=re.compile(code))).to_have_count(0)  # converted: nothing to chase
    people.look(supervisor, "25-supervisor-expired-pre-permits")
    supervisor.get_by_role("link", name=lapsed).click()  # to the project, to follow it up
    expect(supervisor.get_by_role("heading", level=1)).to_have_text("汉江湾示范住宅小区")
    people.look(supervisor)


def test_a_licence_is_added_after_the_comprehensive_permit(served, chromium, shoot) -> None:
    base, app = served
    code = new_project(app, 880004)
    given(app, lambda s, rt, who: order_comprehensive_permit(
        s, rt, who("owner"), code, comprehensive_form("construction_permit", "construction_waste_disposal_approval")))
    people = People(chromium, base, shoot)
    owner = people("owner")
    desks = ("window", "exam_administrative_approval", "exam_urban_management", "exam_housing_construction")
    _work_until(people, code, desks, lambda: _order_states(owner, code) == ["已核发"])

    expect(owner.get_by_role("heading", level=2, name="增加许可事项")).to_be_visible()
    expect(owner.get_by_label("施工单位")).to_have_value("中建三局第一建设工程有限责任公司")  # the last order's
    expect(owner.get_by_label(re.compile("建筑工程施工许可（"))).to_have_count(0)  # granted: not offered again
    people.look(owner, "30-owner-add-licence-form")
    owner.get_by_label(re.compile("城镇污水排入排水管网许可（")).check()
    owner.get_by_label("排水接入点").fill("汉江湾路DN600市政污水管")
    owner.get_by_role("button", name="提交申请").click()
    expect(owner.locator("#error-summary")).to_contain_text("日排水量")
    expect(owner.locator("#f-sewage_volume-error")).to_be_visible()
    expect(owner.get_by_label("排水接入点")).to_have_value("汉江湾路DN600市政污水管")
    expect(owner.get_by_label(re.compile("城镇污水排入排水管网许可（"))).to_be_checked()
    people.look(owner, "31-owner-add-licence-error")
    owner.get_by_label("日排水量（立方米）").fill("80")
    owner.get_by_role("button", name="提交申请").click()
    expect(owner.get_by_role("status")).to_contain_text("1 项许可")
    expect(owner.get_by_text("正在办理中")).to_be_visible()
    people.look(owner, "32-owner-addition-running")

    _work_until(people, code, ("window", "exam_administrative_approval", "exam_water_affairs"),
                lambda: _order_states(owner, code) == ["已核发", "已核发"])
    held = owner.get_by_role("table", name="综合许可证中的各项许可")
    for name in ("建筑工程施工许可", "城市建筑垃圾处置核准", "城镇污水排入排水管网许可"):
        expect(held.get_by_role("row", name=re.compile(f"^{name} \\S+"))).to_be_visible()
    people.look(owner, "33-owner-three-licences")
    owner.get_by_role("link", name="在“我的证照”中下载综合许可证").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("我的证照")
    group = owner.get_by_role("region", name="汉江湾示范住宅小区").filter(has_text=code)
    expect(group.get_by_role("row", name=re.compile("建筑工程综合许可证")).filter(has_text="有效")).to_have_count(1)
    expect(group.get_by_role("row", name=re.compile("建筑工程综合许可证")).filter(has_text="已被替代")).to_have_count(1)
    people.look(owner, "34-owner-certificates")


def _order_states(owner: Page, code: str) -> list[str]:
    """The status of each of the project's orders, read from its page reached by links."""
    open_project(owner, code)
    owner.get_by_role("link", name="建筑工程综合许可证").click()
    table = owner.get_by_role("table", name="本项目的综合许可申请")
    expect(table).to_be_visible()
    return [t.strip() for t in table.locator("tbody tr td:nth-child(3)").all_inner_texts()]


def _work_until(people: People, code: str, desks: tuple[str, ...], done: Callable[[], bool]) -> None:
    for _ in range(8):
        if done():
            return
        acted = False
        for username in desks:
            acted |= work_inbox(people, people(username), code)
        assert acted, "nobody has anything to do, yet the order is not done"
    raise AssertionError("the order was not issued")

