"""#13's must-show: an owner with an agent takes a 社会投资一般项目 from registration through all four stages to
竣工验收备案 in Debian's Chromium, on pages only — after each person's sign-in page every step follows a link or
submits a form (no typed URL, no API call, nothing through the engine). On the way: a 补正 answered with a
file per listed item, the 建筑工程综合许可证 with three licences (which settles stage 3: one 施工许可, not two),
and 多测合一 by the survey firm, cited by the acceptance departments on their own task pages. The window, every
department's examiner, the survey firm and the supervisor act on their own pages in the same test.

axe-core checks every page visited (0 violations); the owner's progress and task pages are checked at 375 px
wide; screenshots go to /tmp/screens/journey-*.png for people to look at."""

from __future__ import annotations

import re
import subprocess
from datetime import date

from playwright.sync_api import Page, expect

from engine import DEPARTMENTS, SURVEYS
from engine.demo import DEMO_SURVEY

from .a11y import CHECKED, check, no_sideways_scroll
from .applying import apply_with_required_files, open_form, save_form
from .conftest import SCREENS
from .test_owner_journey import sign_in

NAME = "汉江湾二期商住楼"
OWNER_ORG = "示例置业有限公司"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ASKED = ("项目备案信息登记表", "建设项目用地预审申请表")  # the window's 一次性告知, picked from the checklist
DESKS = ("window", *(f"exam_{code}" for code in DEPARTMENTS))
THREE = ("建筑工程施工许可", "城市建筑垃圾处置核准", "城镇污水排入排水管网许可")


class People:
    """One signed-in browser page per person (each signs in once, on the sign-in page)."""

    def __init__(self, chromium, base: str, shoot) -> None:
        self.chromium, self.base, self.shoot, self.pages = chromium, base, shoot, {}
        self.checked: set[str] = set()

    def __call__(self, username: str) -> Page:
        if username not in self.pages:
            self.pages[username] = sign_in(self.chromium, self.base, username)  # then only links and forms
        return self.pages[username]

    def look(self, page: Page, shot: str | None = None) -> None:
        """axe-core on the page as it is (once per address and state), and a screenshot if named."""
        key = page.url + "|" + (page.locator("h1").first.inner_text() if page.locator("h1").count() else "")
        if key not in self.checked:
            self.checked.add(key)
            check(page)
        if shot:
            self.shoot(page, f"journey-{shot}")


def narrow(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    no_sideways_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_owner_and_agent_take_a_project_through_four_stages_on_pages_only(served, chromium, shoot, tmp_path) -> None:
    base, _ = served
    people = People(chromium, base, shoot)
    code = f"{date.today():%Y}-420104-70-03-{date.today():%m%d}01"
    owner = people("owner")
    register_and_start(people, owner, code)
    grant_agent(people, owner)

    agent = people("agent")
    agent_applies_stage_one(people, agent)
    window_asks_for_supplement(people, people("window"), code)
    agent_supplies_files(people, agent, code, tmp_path)
    work_desks(people, code, until=lambda: stage_status(people, owner, 1) == "已办结")
    owner_downloads_receipt(people, owner, code)

    agent_applies_stage_two(people, agent, code)
    work_desks(people, code, until=lambda: stage_status(people, owner, 2) == "已办结")

    agent_orders_comprehensive_permit(people, agent, code)
    work_desks(people, code, until=lambda: stage_status(people, owner, 3) == "已办结")
    owner_sees_one_permit(people, owner, code)

    owner_commissions_survey(people, owner)
    firm_files_result(people, people("survey"), code)
    agent_applies_stage_four(people, agent, code)
    work_desks(people, code, until=lambda: stage_status(people, owner, 4) == "已办结")
    owner_sees_citations(people, owner)

    supervisor_looks(people, people("supervisor"))
    owner_files_completion(people, owner, code)
    owner_finds_certificates(people, owner)
    print(f"axe-core: {len(people.checked)} page states checked, 0 violations ({len(CHECKED)} runs in total)")


# --- the owner and the agent ----------------------------------------------------------------------------------

def register_and_start(people: People, owner: Page, code: str) -> None:
    owner.get_by_role("link", name="登记项目").click()
    people.look(owner)
    owner.get_by_label("项目代码").fill(code)
    owner.get_by_label("项目名称").fill(NAME)
    owner.get_by_label("项目类别").select_option(label="社会投资一般项目")
    owner.get_by_label("建设单位").fill(OWNER_ORG)
    owner.get_by_label("建设地点").fill("武汉市硚口区汉江湾路99号")
    owner.get_by_role("button", name="登记").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(NAME)
    owner.get_by_role("button", name="启动审批").click()
    expect(owner.get_by_role("status")).to_contain_text("审批已启动")
    people.look(owner, "01-owner-project-started")


def grant_agent(people: People, owner: Page) -> None:
    owner.get_by_role("link", name="代办授权").click()
    owner.get_by_label("代办员用户名").fill("agent")
    for number, name in ((1, "立项用地规划许可"), (2, "工程建设许可"), (3, "施工许可"), (4, "竣工验收")):
        owner.get_by_label(f"第{number}阶段 {name}").check()
    for act in ("申报", "补正", "查看"):
        owner.get_by_label(act, exact=True).check()
    owner.get_by_label("起始日期").fill(date.today().isoformat())
    owner.get_by_label("截止日期").fill(date.today().replace(year=date.today().year + 1).isoformat())
    owner.get_by_role("button", name="授权", exact=True).click()
    expect(owner.get_by_role("status")).to_contain_text("已授权代办员")
    people.look(owner, "02-owner-granted-agent")
    owner.get_by_role("link", name="返回项目").click()


def open_project_as_agent(people: People, agent: Page, code: str) -> None:
    agent.get_by_role("navigation", name="主导航").get_by_role("link", name="代办项目", exact=True).click()
    agent.get_by_role("link", name=code).click()
    expect(agent.locator("#acting-for")).to_contain_text(f"代 {OWNER_ORG} 办理")


def agent_applies_stage_one(people: People, agent: Page) -> None:
    expect(agent.get_by_role("heading", level=1)).to_have_text("代办待办")
    people.look(agent, "03-agent-inbox")
    agent.get_by_role("link", name="提交阶段申请").click()  # the stage's task list, then its form
    expect(agent.locator("#acting-for")).to_contain_text(f"代 {OWNER_ORG} 办理")
    people.look(agent)
    open_form(agent)
    expect(agent.get_by_label("项目名称")).to_have_value(NAME)  # pre-filled from the registration
    agent.get_by_label("用地面积（m²）").fill("18000")
    agent.get_by_label("建筑面积（m²）").fill("52000")
    agent.get_by_label("总投资（万元）").fill("41000")
    agent.get_by_label("供地方式").select_option(label="出让")
    agent.get_by_label("土地用途").select_option(label="住宅用地")
    agent.get_by_label("批准用地文号").fill("武政土〔2026〕21号")
    agent.get_by_label("联系人").fill("赵帮")
    agent.get_by_label("联系电话").fill("13900139000")
    narrow(agent)
    people.look(agent, "04-agent-stage-1-form")
    submit_through_task_list(people, agent)
    expect(agent.get_by_role("status")).to_contain_text("已提交")


def submit_through_task_list(people: People, agent: Page) -> None:
    """The form saved, a file for each required material on the task list, the answers checked, submitted."""
    save_form(agent)
    expect(agent.locator("#acting-for")).to_contain_text(f"代 {OWNER_ORG} 办理")
    apply_with_required_files(agent, people.look)


def agent_supplies_files(people: People, agent: Page, code: str, tmp_path) -> None:
    open_project_as_agent(people, agent, code)
    expect(agent.locator(".stages")).to_contain_text("待补正")
    agent.get_by_role("link", name=re.compile("^补正材料")).click()
    people.look(agent, "06-agent-supplement-page")
    for index, item in enumerate(ASKED, start=1):
        upload = tmp_path / f"supplement-{index}.pdf"
        upload.write_bytes(PDF + str(index).encode())
        agent.get_by_label(f"为“{item}”选择文件").set_input_files(str(upload))
        agent.get_by_role("button", name=re.compile(f"^上传.*{item}")).click()
        expect(agent.get_by_role("status")).to_contain_text("已上传")
        expect(agent.get_by_role("heading", name=re.compile(item))).to_contain_text("已上传 1 份")
    expect(agent.get_by_text("各项均已上传文件，可以提交。")).to_be_visible()
    people.look(agent, "07-agent-supplement-files")
    agent.get_by_role("button", name="提交补正材料").click()
    expect(agent.get_by_role("status")).to_contain_text("补正材料已提交")


def agent_applies_stage_two(people: People, agent: Page, code: str) -> None:
    open_project_as_agent(people, agent, code)
    agent.get_by_role("link", name="提交阶段申请").click()
    open_form(agent)
    agent.get_by_label("设计单位").fill("中南建筑设计院股份有限公司")
    agent.get_by_label("设计方案概述").fill("商住楼4栋，容积率2.6。")
    agent.get_by_label("地上建筑面积（m²）").fill("43000")
    agent.get_by_label("地下建筑面积（m²）").fill("9000")
    agent.get_by_label("建筑高度（m）").fill("79.5")
    agent.get_by_label("地上层数").fill("26")
    agent.get_by_label("地下层数").fill("2")
    agent.get_by_role("group", name=re.compile("是否应建防空地下室")).get_by_label("是").check()
    agent.get_by_label("联系人").fill("赵帮")
    agent.get_by_label("联系电话").fill("13900139000")
    people.look(agent)
    submit_through_task_list(people, agent)
    expect(agent.get_by_role("status")).to_contain_text("已提交")


def agent_orders_comprehensive_permit(people: People, agent: Page, code: str) -> None:
    open_project_as_agent(people, agent, code)
    agent.get_by_role("link", name="建筑工程综合许可证").click()
    for name in THREE:
        agent.get_by_label(re.compile(f"{name}（")).check()
    agent.get_by_label("建设规模").fill("商住楼4栋，总建筑面积52000平方米")
    agent.get_by_label("合同价格（万元）").fill("29000")
    agent.get_by_label("施工单位").fill("中建三局第一建设工程有限责任公司")
    agent.get_by_label("监理单位").fill("武汉华建工程监理有限公司")
    agent.get_by_label("合同工期（日历天）").fill("720")
    agent.get_by_role("button", name="提交申请").click()
    expect(agent.get_by_role("alert")).to_contain_text("建筑垃圾运输路线")  # the picked licences' facts
    expect(agent.get_by_label("施工单位")).to_have_value("中建三局第一建设工程有限责任公司")  # input kept
    agent.get_by_label("建筑垃圾运输路线").fill("汉江湾路—古田二路—三环线")
    agent.get_by_label("建筑垃圾消纳场所").fill("硚口区建筑垃圾消纳场")
    agent.get_by_label("建筑垃圾处置量（立方米）").fill("12000")
    agent.get_by_label("运输车辆数").fill("12")
    agent.get_by_label("排水接入点").fill("汉江湾路DN600市政污水管")
    agent.get_by_label("日排水量（立方米）").fill("80")
    people.look(agent, "08-agent-comprehensive-form")
    agent.get_by_role("button", name="提交申请").click()
    expect(agent.get_by_role("status")).to_contain_text("3 项许可")
    expect(agent.get_by_role("table", name="本项目的综合许可申请")).to_contain_text("办理中")
    people.look(agent)


def owner_downloads_receipt(people: People, owner: Page, code: str) -> None:
    """The 受理回执 of stage 1 from its link on the progress page, rasterised by pdftoppm to be looked at."""
    with owner.expect_download() as download:
        owner.get_by_role("link", name=re.compile("受理回执.*第1阶段")).click()
    saved = SCREENS / "journey-receipt.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")  # a PDF, not an error page
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(saved), str(SCREENS / "journey-receipt")],
                   check=True)


def owner_sees_one_permit(people: People, owner: Page, code: str) -> None:
    owner.get_by_role("link", name="建筑工程综合许可证").click()
    held = owner.get_by_role("table", name="综合许可证中的各项许可")
    for name in THREE:  # each licence with its own number
        expect(held.get_by_role("row", name=re.compile(f"^{name} \\S+"))).to_be_visible()
    expect(owner.get_by_role("table", name="本项目的综合许可申请")).to_contain_text("已核发")
    people.look(owner, "12-owner-comprehensive-licences")
    owner.get_by_role("link", name=NAME).click()
    expect(owner.locator(".timeline")).to_contain_text("施工许可阶段由建筑工程综合许可证办结")


def owner_commissions_survey(people: People, owner: Page) -> None:
    owner.get_by_role("link", name="多测合一").click()
    owner.get_by_label("武汉市测绘研究院").check()
    owner.get_by_role("button", name="委托测绘").click()
    expect(owner.get_by_role("status")).to_contain_text("已委托测绘单位")
    people.look(owner)
    owner.get_by_role("link", name="返回项目").click()


def agent_applies_stage_four(people: People, agent: Page, code: str) -> None:
    open_project_as_agent(people, agent, code)
    agent.get_by_role("link", name="提交阶段申请").click()
    open_form(agent)
    for label, value in (("开工日期", "2026-03-01"), ("竣工日期", "2026-11-20"), ("结构类型", "框架-剪力墙结构"),
                         ("层数", "26"), ("总建筑面积（m²）", "52010.40"), ("质量监督报告编号", "ZJ-2026-1201"),
                         ("联系人", "赵帮"), ("联系电话", "13900139000")):
        agent.get_by_label(label).fill(value)
    people.look(agent)
    submit_through_task_list(people, agent)
    expect(agent.get_by_role("status")).to_contain_text("已提交")


def owner_sees_citations(people: People, owner: Page) -> None:
    owner.get_by_role("link", name="多测合一").click()
    cited = owner.get_by_role("definition").filter(has_text="自然资源和规划局")
    expect(cited).to_contain_text("住房和城乡建设局")
    people.look(owner, "16-owner-survey-cited")
    owner.get_by_role("link", name="返回项目").click()


def owner_files_completion(people: People, owner: Page, code: str) -> None:
    owner.get_by_role("link", name="竣工验收备案").click()
    expect(owner.get_by_text("待备案")).to_be_visible()
    people.look(owner)
    owner.get_by_role("button", name="办理竣工验收备案").click()
    expect(owner.get_by_role("status")).to_contain_text("竣工验收备案已办理")
    people.look(owner, "18-owner-filed")
    owner.get_by_role("link", name="返回项目").click()
    for number in (1, 2, 3, 4):
        assert stage_status(people, owner, number) == "已办结"
    narrow(owner)
    people.look(owner, "19-owner-progress-done")


def owner_finds_certificates(people: People, owner: Page) -> None:
    owner.get_by_role("link", name="我的证照").first.click()
    mine = owner.locator("main")
    expect(mine).to_contain_text("建筑工程综合许可证")
    expect(mine).to_contain_text("竣工联合验收意见书")
    people.look(owner, "20-owner-certificates")


# --- the desks: window, examiners, survey firm, supervisor ----------------------------------------------------

def window_asks_for_supplement(people: People, window: Page, code: str) -> None:
    window.get_by_role("navigation", name="主导航").get_by_role("link", name="受理待办").click()
    window.get_by_role("row", name=re.compile(code)).get_by_role("link").click()
    window.get_by_role("button", name="签收").click()
    window.get_by_label("补正", exact=True).check()
    asked = window.get_by_role("group", name=re.compile("需补正材料"))
    for item in ASKED:  # picked from the stage's checklist, not typed
        asked.get_by_label(item, exact=True).check()
    window.get_by_role("textbox", name="受理意见").fill("缺项目备案信息登记表和用地预审申请表，请一次补齐")
    people.look(window, "05-window-supplement-notice")
    window.get_by_role("button", name="提交决定").click()
    expect(window.get_by_role("status")).to_contain_text("补正")


def stage_status(people: People, owner: Page, number: int) -> str:
    owner.reload()
    return owner.locator(".stages li").nth(number - 1).locator(".tag").inner_text()


def work_desks(people: People, code: str, until) -> None:
    """Every desk with an item of the project acts on it from its own inbox, until ``until()`` holds."""
    for _ in range(12):
        if until():
            return
        acted = False
        for username in DESKS:
            acted |= work_inbox(people, people(username), code)
        assert acted, "nobody has anything to do, yet the stage is not done"
    raise AssertionError("the stage did not finish")


def follow(page: Page, target) -> None:
    """Click a link or button and wait until the page it leads to has loaded: ``count()`` does not wait, so
    counting right after a bare click may read the page being left (the inbox reloads at the same address)."""
    with page.expect_navigation():
        target.click()


def work_inbox(people: People, desk: Page, code: str) -> bool:
    nav = desk.get_by_role("navigation", name="主导航")
    follow(desk, nav.get_by_role("link", name=re.compile("^(受理待办|部门待办)$")))
    acted = False
    while (rows := desk.get_by_role("row", name=re.compile(code)).filter(has_text="待办理")).count():
        follow(desk, rows.first.get_by_role("link").first)
        decide(people, desk)
        acted = True
    return acted


def decide(people: People, desk: Page) -> None:
    if desk.get_by_role("button", name="签收", exact=True).count():
        follow(desk, desk.get_by_role("button", name="签收", exact=True))
    if desk.get_by_role("button", name="引用多测合一成果").count():
        desk.get_by_role("button", name="引用多测合一成果").click()
        expect(desk.get_by_role("status")).to_contain_text("已引用多测合一成果")
    if desk.get_by_role("button", name="记录资料审核完成").count():  # 竣工联合验收: documents checked, visit dated
        desk.get_by_label("联合现场验收日期").fill(date.today().isoformat())
        desk.get_by_role("button", name="记录资料审核完成").click()
        expect(desk.get_by_role("status")).to_contain_text("资料审核已完成")
    people.look(desk)
    form_key = desk.locator("input[name=form_key]").get_attribute("value")
    if form_key == "acceptance_decision":
        desk.get_by_label("受理", exact=True).check()
        desk.get_by_role("textbox", name="受理意见").fill("材料齐全，予以受理")
    elif form_key == "review_decision":
        desk.get_by_label("同意", exact=True).check()
        desk.get_by_role("textbox", name="审查意见").fill("符合要求，同意")
    elif form_key == "joint_site_inspection":
        desk.get_by_label("踏勘日期").fill(date.today().isoformat())
        desk.get_by_label("踏勘意见").fill("现场具备施工条件，场地、围挡和排水接入点与申请一致")
    desk.get_by_role("button", name=re.compile("^(提交决定|确认核发)$")).click()  # an issuance is previewed first
    expect(desk.get_by_role("status")).to_contain_text("已办理")


def firm_files_result(people: People, firm: Page, code: str) -> None:
    firm.get_by_role("link", name="受托项目").click()
    people.look(firm, "14-firm-home")
    firm.get_by_role("row", name=re.compile(code)).get_by_role("link").first.click()
    firm.get_by_label("签署的注册测绘师").fill(DEMO_SURVEY["surveyor"])
    for survey in SURVEYS:
        for index, name in enumerate(survey.indicators):
            firm.locator(f"#fig-{survey.code}-{index}").fill(DEMO_SURVEY["figures"][survey.code][name])
    people.look(firm)
    firm.get_by_role("button", name="提交测绘成果").click()
    expect(firm.get_by_role("status")).to_contain_text("多测合一成果已提交")
    people.look(firm, "15-firm-filed")


def supervisor_looks(people: People, supervisor: Page) -> None:
    supervisor.get_by_role("link", name="在办事项监察").click()
    people.look(supervisor, "17-supervisor-board")
