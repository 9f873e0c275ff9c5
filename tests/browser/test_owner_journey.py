"""An owner's first stage, end to end in a real browser: apply, the window accepts, an examiner approves,
and the owner watches the progress view change. Screenshots go to /tmp/screens/ for people to look at."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .applying import apply_with_required_files, fill_stage_one, open_form, save_form

REVIEW = "review_enterprise_project_filing"  # 企业投资项目核准/备案, 发展和改革局, stage 1


def sign_in(chromium, base: str, username: str) -> Page:
    page = chromium.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("demo-2026")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("button", name="退出登录")).to_be_visible()
    return page


def element_state(page: Page, process_id: str, bpmn_id: str) -> str:
    group = page.locator(f"#diagram-{process_id} svg g[data-element-id='{bpmn_id}']")
    return group.get_attribute("data-state") or ""


def owner_applies(owner: Page, shoot) -> None:
    owner.get_by_role("link", name="提交阶段申请").click()  # the stage's task list
    open_form(owner)
    fill_stage_one(owner)
    owner.get_by_label("联系电话").fill("12345")  # the one answer that is wrong
    owner.get_by_role("button", name="保存并继续").click()
    expect(owner.get_by_role("alert")).to_contain_text("联系电话")
    expect(owner.get_by_label("联系电话")).to_have_attribute("aria-invalid", "true")
    shoot(owner, "03-application-with-error")
    owner.get_by_label("联系电话").fill("13800138000")
    save_form(owner)
    apply_with_required_files(owner)
    expect(owner.get_by_role("status")).to_contain_text("已提交")
    owner.get_by_role("link", name="查看办理进度").click()  # from the confirmation back to the progress view
    expect(owner.get_by_role("heading", level=1)).to_have_text("汉江湾示范住宅小区")


def window_accepts(window: Page, shoot) -> None:
    shoot(window, "04-window-queue")
    window.get_by_role("link", name="综合窗口受理").click()
    expect(window.get_by_text("25000.00")).to_be_visible()
    window.get_by_label("受理", exact=True).check()
    window.get_by_role("textbox", name="受理意见").fill("材料齐全，予以受理")
    shoot(window, "05-window-acceptance-form")
    window.get_by_role("button", name="提交决定").click()
    expect(window.get_by_role("status")).to_contain_text("受理")


def examiner_approves(examiner: Page, shoot) -> None:
    shoot(examiner, "06-examiner-inbox")
    examiner.get_by_role("link", name="企业投资项目核准/备案").click()
    examiner.get_by_role("button", name="签收").click()
    expect(examiner.get_by_text("我已签收")).to_be_visible()
    examiner.get_by_label("同意", exact=True).check()
    examiner.get_by_role("textbox", name="审查意见").fill("符合产业政策，同意备案")
    shoot(examiner, "07-examiner-task")
    examiner.get_by_role("button", name="提交决定").click()
    expect(examiner.get_by_role("status")).to_contain_text("同意")


def test_owner_applies_window_accepts_examiner_approves(server, chromium, shoot) -> None:
    owner = sign_in(chromium, server, "owner")
    shoot(owner, "01-owner-projects")
    owner.get_by_role("link", name=re.compile(r"\d{4}-420104-")).first.click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("汉江湾示范住宅小区")
    assert element_state(owner, "stage_project_land_planning", "apply") == "active"
    shoot(owner, "02-progress-before-applying")
    owner_applies(owner, shoot)

    window_accepts(sign_in(chromium, server, "window"), shoot)
    owner.reload()
    assert element_state(owner, "stage_project_land_planning", REVIEW) == "active"

    examiner_approves(sign_in(chromium, server, "exam_development_reform"), shoot)
    owner.reload()
    assert element_state(owner, "stage_project_land_planning", REVIEW) == "completed"
    expect(owner.locator(f"#diagram-stage_project_land_planning table tr[data-element-id='{REVIEW}']")
           ).to_contain_text("已完成")
    expect(owner.get_by_text("符合产业政策，同意备案").first).to_be_attached()
    width, viewport = owner.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= viewport, "the page itself must not scroll sideways (wide diagrams scroll in their frame)"
    shoot(owner, "08-progress-after-approval")

    supervisor = sign_in(chromium, server, "supervisor")
    expect(supervisor.get_by_role("heading", name=re.compile("自然资源和规划局"))).to_be_visible()
    shoot(supervisor, "09-supervisor-board")
