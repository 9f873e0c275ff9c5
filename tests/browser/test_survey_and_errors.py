"""多测合一 and the error cases in a real browser, on pages only (the state before the first page is built
through the engine): the owner is refused stage 4 without the survey and keeps what was typed, commissions
the firm, the survey firm lands on its own page and files the result (a bad figure is named beside its
field), and the owner applies for joint acceptance and finds every certificate under 我的证照. Then a taken
项目代码 (409), a wrong file type (415) and a file over the limit (413, limit stated). axe-core checks every
page visited; the owner's progress and task pages are checked at 375 px wide. Screenshots: /tmp/screens/."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import select

from engine import transaction
from engine.demo import DEMO_SURVEY, drive_one_action
from engine.work_items.models import WorkItem

from .a11y import CHECKED, check, no_sideways_scroll
from .applying import check_and_submit, open_form, save_form, upload_required
from .test_owner_journey import sign_in

STAGE_4 = {"开工日期": "2026-03-01", "竣工日期": "2026-11-30", "结构类型": "框架-剪力墙结构", "层数": "33",
           "总建筑面积（m²）": "68012.35", "质量监督报告编号": "ZJ-2026-1130", "联系人": "陈工",
           "联系电话": "13800138000"}


def drive_to_stage_four(app) -> str:
    """Given: the demo project through stages 1–3 by the engine, up to the stage-4 application."""
    db, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]
    while True:
        with transaction(db) as s:
            item = s.scalars(select(WorkItem).order_by(WorkItem.since, WorkItem.stage, WorkItem.bpmn_id)).first()
            if item.form_key == "stage_4_application":
                return item.project_code
            assert drive_one_action(s, runtime, item.project_code) is not None


def narrow(page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    no_sideways_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_survey_firm_files_the_result_and_the_owner_reaches_joint_acceptance(served, chromium, shoot) -> None:
    base, app = served
    drive_to_stage_four(app)
    owner = sign_in(chromium, base, "owner")
    owner.get_by_role("link", name=re.compile(r"\d{4}-420104-")).first.click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("汉江湾示范住宅小区")
    check(owner)
    narrow(owner)
    shoot(owner, "survey-01-owner-project")
    owner_is_refused_without_the_survey(owner, shoot)
    owner_commissions(owner, shoot)

    firm = sign_in(chromium, base, "survey")
    expect(firm.get_by_role("heading", level=1)).to_have_text("受托的多测合一项目")
    check(firm)
    shoot(firm, "survey-03-firm-home")
    firm_files_result(firm, shoot)

    owner.reload()
    expect(owner.get_by_text(re.compile("已提交，编号 DC"))).to_be_visible()
    check(owner)
    owner.get_by_role("link", name="返回项目").click()
    owner.get_by_role("link", name="提交阶段申请").click()
    open_form(owner)
    fill(owner, STAGE_4)
    save_form(owner)
    check_and_submit(owner)
    expect(owner.get_by_role("status")).to_contain_text("阶段申请已提交")
    owner_sees_certificates(owner, shoot)
    print(f"axe-core: {len(CHECKED)} page states checked, 0 violations")


def owner_is_refused_without_the_survey(owner: Page, shoot) -> None:
    owner.get_by_role("link", name="提交阶段申请").click()  # the stage's task list
    expect(owner.get_by_role("heading", level=1)).to_have_text("竣工验收阶段申请")
    narrow(owner)
    open_form(owner)
    expect(owner.get_by_role("heading", level=1)).to_have_text("竣工验收阶段申请表")
    narrow(owner)
    fill(owner, STAGE_4)
    save_form(owner)
    upload_required(owner)
    owner.get_by_role("link", name="检查并提交").click()
    owner.get_by_role("button", name="确认提交").click()
    expect(owner.get_by_role("alert")).to_contain_text("多测合一成果尚未提交，不能申请竣工验收")
    expect(owner.locator("dl.check-answers").first).to_contain_text("ZJ-2026-1130")  # what was typed is kept
    check(owner)
    shoot(owner, "survey-02-stage4-refused-input-kept")


def owner_commissions(owner: Page, shoot) -> None:
    owner.locator("main").get_by_role("link", name="多测合一", exact=True).click()
    owner.get_by_role("button", name="委托测绘").click()  # nothing picked
    expect(owner.get_by_role("alert")).to_contain_text("请从列出的测绘单位中选择一家")
    check(owner)
    owner.get_by_label("武汉市测绘研究院").check()
    owner.get_by_role("button", name="委托测绘").click()
    expect(owner.get_by_role("status")).to_contain_text("已委托测绘单位")
    expect(owner.get_by_text("测绘单位尚未提交成果")).to_be_visible()
    check(owner)


def firm_files_result(firm: Page, shoot) -> None:
    firm.get_by_role("link", name=re.compile("^提交测绘成果")).click()
    firm.get_by_label("签署的注册测绘师（必填）").fill(DEMO_SURVEY["surveyor"])
    for survey, figures in DEMO_SURVEY["figures"].items():
        for index, value in enumerate(figures.values()):
            firm.locator(f"#fig-{survey}-{index}").fill(value)
    firm.locator("#fig-green_space-1").fill("百分之三十")  # not a number
    firm.get_by_role("button", name="提交测绘成果").click()
    expect(firm.get_by_role("alert")).to_contain_text("绿地：绿地率应为非负数")
    expect(firm.locator("#err-green_space")).to_be_visible()  # beside the field it is about
    expect(firm.get_by_label("签署的注册测绘师（必填）")).to_have_value(DEMO_SURVEY["surveyor"])
    check(firm)
    shoot(firm, "survey-04-firm-result-error")
    firm.locator("#fig-green_space-1").fill("30.5")
    firm.get_by_role("button", name="提交测绘成果").click()
    expect(firm.get_by_role("status")).to_contain_text("多测合一成果已提交，成果编号 DC")
    expect(firm.get_by_role("cell", name=re.compile("已提交"))).to_be_visible()
    check(firm)
    shoot(firm, "survey-05-firm-home-after")


def owner_sees_certificates(owner: Page, shoot) -> None:
    owner.get_by_role("link", name="我的证照").first.click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("我的证照")
    for title in ("建设用地规划许可证", "建设工程规划许可证", "建筑工程施工许可证"):
        expect(owner.get_by_role("cell", name=title, exact=True)).to_be_visible()
    check(owner)
    shoot(owner, "survey-06-my-certificates")
    permit = owner.locator("tr", has=owner.get_by_role("cell", name="建筑工程施工许可证", exact=True))
    permit.get_by_role("link", name=re.compile("核验")).click()
    expect(owner.locator("#status")).to_have_text("有效")


def fill(page: Page, values: dict[str, str]) -> None:
    for label, value in values.items():
        page.get_by_label(re.compile(f"^{re.escape(label)}")).fill(value)


def test_a_taken_code_and_refused_files_are_answered_beside_the_field(served, chromium, shoot) -> None:
    base, app = served
    owner = sign_in(chromium, base, "owner")
    code = owner.get_by_role("link", name=re.compile(r"\d{4}-420104-")).first.inner_text()
    owner.get_by_role("link", name="登记项目").first.click()
    owner.get_by_label("项目代码").fill(code)
    owner.get_by_label("项目名称").fill("汉江湾二期")
    owner.get_by_label("项目类别").select_option(label="社会投资一般项目")
    owner.get_by_label("建设单位").fill("示例置业有限公司")
    owner.get_by_label("建设地点").fill("武汉市硚口区汉江湾路90号")
    owner.get_by_role("button", name="登记").click()
    expect(owner.get_by_role("alert")).to_contain_text("该项目代码已登记")
    expect(owner.locator("#f-project_code-error")).to_contain_text("请核对")
    expect(owner.get_by_label("项目代码")).to_have_attribute("aria-invalid", "true")
    expect(owner.get_by_label("项目名称")).to_have_value("汉江湾二期")
    check(owner)
    shoot(owner, "errors-01-taken-code")

    owner.get_by_role("navigation", name="主导航").get_by_role("link", name="我的项目").click()
    owner.get_by_role("link", name=code).click()
    owner.get_by_role("link", name="提交阶段申请").click()
    check(owner)
    narrow(owner)
    other = owner.get_by_label(re.compile("^上传清单以外的其他材料"))
    other.set_input_files(files=[{"name": "设计说明.pdf", "mimeType": "application/pdf",
                                  "buffer": b"MZ\x90\x00\x03" * 10}])
    owner.get_by_role("button", name="上传材料").click()
    expect(owner.get_by_role("alert")).to_contain_text("请上传 PDF、JPEG、PNG 或 OFD 文件")
    expect(owner.locator("#f-file-error")).to_contain_text("设计说明.pdf")
    check(owner)
    shoot(owner, "errors-02-wrong-type")

    app.config["MATERIAL_MAX_BYTES"] = 1024
    owner.get_by_label(re.compile("^重新选择文件")).set_input_files(files=[{
        "name": "总平面图.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7\n" + b"0" * 4096}])
    owner.get_by_role("button", name="上传", exact=True).click()
    expect(owner.locator("#f-file-error")).to_contain_text("大小上限（1024 字节）")  # the limit is stated
    check(owner)
    shoot(owner, "errors-03-too-large")
    print(f"axe-core: {len(CHECKED)} page states checked so far, 0 violations")
