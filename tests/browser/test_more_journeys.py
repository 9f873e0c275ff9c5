"""More journeys in Debian's Chromium, pages only after sign-in (links and forms, no typed URLs): an examiner's
特别程序 and 延期 decided by the department lead; the window's 统一出件; an owner withdrawing through the
confirmation page; an administrator's accounts and holiday schedule. Each error case keeps the input and says
what to fix beside the field; axe-core finds 0 violations on every page state. Screenshots go to
/tmp/screens/more-*.png."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import select

from engine import complete_task, transaction, waiting_results
from engine.demo import demo_form, drive_one_action
from engine.organisation.accounts import create_user, user_by_username
from engine.organisation.actors import actor_for
from engine.processes.models import ProcessInstance
from engine.work_items.models import WorkItem

from .a11y import check
from .test_owner_journey import sign_in
from .test_staff_journeys import at_the_window, demo_code

REFUSAL = {"decision": "reject", "opinion": "选址与控制性详细规划不符"}


def open_own_task(examiner: Page) -> None:
    examiner.locator("table a[href*='/examiner/tasks/']").first.click()
    expect(examiner.get_by_role("heading", level=2, name="办理时限")).to_be_visible()


def test_an_examiner_pauses_and_extends_and_the_lead_approves(served, chromium, shoot) -> None:
    base, app = served
    db, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]
    code = demo_code(db)
    at_the_window(db, runtime, code)
    with transaction(db) as s:
        drive_one_action(s, runtime, code)  # the window accepts: the departments' clocks start
        create_user(s, runtime, username="lead_natural_resources", display_name="自然资源和规划局 科长",
                    role="department_lead", password="demo-2026", department_code="natural_resources")
    examiner = sign_in(chromium, base, "exam_natural_resources")
    procedure_and_extension_asked(examiner, shoot)
    extension_approved(sign_in(chromium, base, "lead_natural_resources"), shoot)
    after = extended_deadline_on_the_task(examiner, shoot)

    owner = sign_in(chromium, base, "owner")
    owner.get_by_role("link", name=code).first.click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("汉江湾示范住宅小区")
    adjusted = owner.get_by_role("region", name="特别程序与延期")
    expect(adjusted.get_by_role("table", name="延期")).to_contain_text(f"顺延至 {after}")
    expect(adjusted.get_by_role("table", name="特别程序")).to_contain_text("专家评审")
    check(owner, "owner progress with extension")
    shoot(owner, "more-owner-01-extended")


def procedure_and_extension_asked(examiner: Page, shoot) -> None:
    open_own_task(examiner)
    check(examiner, "examiner task with time limit")
    shoot(examiner, "more-examiner-01-task")

    examiner.get_by_label("专家评审").check()
    examiner.get_by_label("启动理由").fill("涉及深基坑，需组织专家论证")
    examiner.get_by_label("特别程序时限（工作日）").fill("10")
    examiner.get_by_role("button", name="启动特别程序").click()
    expect(examiner.get_by_role("status")).to_contain_text("特别程序已启动")
    expect(examiner.get_by_text("暂停计时：专家评审")).to_be_visible()
    expect(examiner.get_by_role("table", name="特别程序")).to_contain_text("涉及深基坑，需组织专家论证")
    check(examiner, "examiner task, procedure running")
    shoot(examiner, "more-examiner-02-procedure")

    examiner.get_by_label("延长工作日数").fill("5")
    examiner.get_by_role("button", name="提交延期申请").click()
    expect(examiner.locator("#extension-reason-error")).to_contain_text("请填写此项")
    expect(examiner.get_by_label("延长工作日数")).to_have_value("5")
    expect(examiner.get_by_label("延期理由")).to_have_attribute("aria-invalid", "true")
    check(examiner, "examiner extension refused")
    shoot(examiner, "more-examiner-03-extension-refused")
    examiner.get_by_label("延期理由").fill("专家论证后需补充计算书复核")
    examiner.get_by_role("button", name="提交延期申请").click()
    expect(examiner.get_by_role("status")).to_contain_text("延期申请已提交部门负责人审批")
    expect(examiner.get_by_role("table", name="延期申请")).to_contain_text("待审批")



def extension_approved(lead: Page, shoot) -> None:
    lead.get_by_role("navigation", name="主导航").get_by_role("link", name="延期审批").click()
    expect(lead.get_by_role("heading", level=1)).to_have_text("延期审批")
    check(lead, "lead extensions")
    shoot(lead, "more-lead-01-extensions")
    lead.get_by_label("不予延期").check()
    lead.get_by_role("button", name="提交审批结论").click()
    expect(lead.locator("[id$='-note-error']")).to_be_visible()
    expect(lead.get_by_label("不予延期")).to_be_checked()
    check(lead, "lead refusal without a reason")
    shoot(lead, "more-lead-02-refusal-refused")
    lead.get_by_label("批准延期").check()
    lead.get_by_role("textbox", name="审批意见").fill("同意顺延")
    lead.get_by_role("button", name="提交审批结论").click()
    expect(lead.get_by_role("status")).to_contain_text("已批准延期")
    expect(lead.get_by_text("没有待审批的延期申请。")).to_be_visible()
    shoot(lead, "more-lead-03-approved")


def extended_deadline_on_the_task(examiner: Page, shoot) -> str:

    examiner.get_by_role("navigation", name="主导航").get_by_role("link", name="部门待办").click()
    open_own_task(examiner)
    row = examiner.get_by_role("table", name="延期申请").get_by_role("row").nth(1)
    expect(row).to_contain_text("期限顺延至")
    after = re.search(r"顺延至 (\d{4}-\d{2}-\d{2})", row.inner_text())
    assert after is not None
    expect(examiner.locator("section[aria-labelledby='limit-h'] p strong").first).to_have_text(after.group(1))
    check(examiner, "examiner task, extended")
    shoot(examiner, "more-examiner-04-extended")
    return after.group(1)


def stage_one_finished(db, runtime, code: str) -> None:
    """Every department of stage 1 decided and issued; its certificates wait at the window."""
    with transaction(db) as s:
        window = actor_for(s, user_by_username(s, "window").id)
        for _ in range(60):
            if waiting_results(s, window):
                return
            assert drive_one_action(s, runtime, code) is not None
    raise AssertionError("stage 1 never finished")


def test_the_window_hands_out_a_stage_s_results(served, chromium, shoot) -> None:
    base, app = served
    db, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]
    code = demo_code(db)
    stage_one_finished(db, runtime, code)
    window = sign_in(chromium, base, "window")
    window.get_by_role("navigation", name="主导航").get_by_role("link", name="统一出件").click()
    expect(window.get_by_role("heading", level=1)).to_have_text("统一出件")
    stage = window.get_by_role("region", name=re.compile("立项用地规划许可"))
    expect(stage).to_contain_text(code)
    check(window, "window results")
    shoot(window, "more-window-01-results")

    stage.get_by_label("邮寄送达").check()
    stage.get_by_role("button", name=re.compile("确认出件")).click()
    expect(window.locator("[id^='received_by-error-']")).to_contain_text("请填写领取人姓名")
    expect(window.get_by_role("alert")).to_contain_text("请填写领取人姓名")
    expect(window.get_by_label("邮寄送达")).to_be_checked()
    check(window, "window results refused")
    shoot(window, "more-window-02-results-refused")
    window.get_by_role("alert").get_by_role("link", name="请填写领取人姓名").click()
    expect(window.get_by_label(re.compile("领取人姓名"))).to_be_focused()
    window.get_by_label(re.compile("领取人姓名")).fill("陈工")
    window.get_by_role("button", name=re.compile("确认出件")).click()
    expect(window.get_by_role("status")).to_contain_text("交陈工（邮寄送达），已记录")
    expect(window.get_by_text("没有待出件的审批结果。")).to_be_visible()
    check(window, "window results handed out")
    shoot(window, "more-window-03-handed-out")

    owner = sign_in(chromium, base, "owner")
    owner.get_by_role("link", name=code).first.click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("汉江湾示范住宅小区")
    handed = owner.get_by_role("region", name="办理记录").get_by_role("listitem").filter(has_text="统一出件")
    expect(handed).to_contain_text("送达审批结果")
    expect(handed).to_contain_text("领取人：陈工；出件方式：邮寄送达")
    check(owner, "owner progress after handover")
    shoot(owner, "more-owner-02-handed-out")


def stage_one_returned(db, runtime, code: str) -> None:
    """The window accepts; the first department refuses (不同意), the others agree: the stage comes back to the
    owner, who resubmits or withdraws (退回后处理)."""
    at_the_window(db, runtime, code)
    refused = False
    with transaction(db) as s:
        for _ in range(20):
            item = s.scalars(select(WorkItem).where(WorkItem.project_code == code)
                             .order_by(WorkItem.since, WorkItem.stage, WorkItem.bpmn_id)).first()
            assert item is not None
            if item.bpmn_id == "resubmit":
                return
            if item.bpmn_id.startswith("review_") and not refused:
                examiner = actor_for(s, user_by_username(s, f"exam_{item.department_code}").id)
                complete_task(s, runtime, examiner, item.instance_id, item.task_id,
                              {**demo_form(item.form_key, code), **REFUSAL})
                refused = True
            else:
                drive_one_action(s, runtime, code)
    raise AssertionError("the stage never came back to the owner")


def test_an_owner_withdraws_after_confirming(served, chromium, shoot) -> None:
    base, app = served
    db, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]
    code = demo_code(db)
    stage_one_returned(db, runtime, code)
    owner = sign_in(chromium, base, "owner")
    owner.get_by_role("link", name=code).first.click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("汉江湾示范住宅小区")
    expect(owner.get_by_text(REFUSAL["opinion"]).first).to_be_visible()
    check(owner, "owner progress, stage returned")
    shoot(owner, "more-owner-03-returned")
    owner.get_by_role("link", name="退回申请人").first.click()
    expect(owner.get_by_role("heading", level=1)).to_contain_text("退回后处理")
    owner.get_by_label("撤回申请").check()
    owner.get_by_role("textbox", name="说明").fill("调整建设方案后另行申报")
    check(owner, "owner resubmission form")
    owner.get_by_role("button", name=re.compile("提交")).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("确定要撤回申请吗？")
    check(owner, "owner withdrawal confirmation")
    shoot(owner, "more-owner-04-confirm-withdraw")

    owner.get_by_role("link", name="不撤回，返回修改").click()
    expect(owner.get_by_role("heading", level=1)).to_contain_text("退回后处理")
    owner.get_by_role("navigation", name="位置").get_by_role("link", name="汉江湾示范住宅小区").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("汉江湾示范住宅小区")
    expect(owner.get_by_role("link", name="退回申请人").first).to_be_visible()  # nothing changed
    expect(owner.get_by_text("已撤回")).to_have_count(0)
    with transaction(db, write=False) as s:
        assert s.scalar(select(ProcessInstance.status).where(ProcessInstance.project_code == code)) == "running"

    owner.get_by_role("link", name="退回申请人").first.click()
    owner.get_by_label("撤回申请").check()
    owner.get_by_role("button", name=re.compile("提交")).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("确定要撤回申请吗？")
    owner.get_by_role("button", name="确认撤回申请").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("汉江湾示范住宅小区")
    expect(owner.get_by_role("status")).to_contain_text("已撤回申请：本次审批已结束")
    expect(owner.get_by_role("heading", name=re.compile("第1阶段 立项用地规划许可：已撤回"))).to_be_visible()
    expect(owner.get_by_role("link", name="退回申请人")).to_have_count(0)
    check(owner, "owner progress, withdrawn")
    shoot(owner, "more-owner-05-withdrawn")


def account_created(admin: Page, shoot) -> None:
    admin.get_by_role("navigation", name="主导航").get_by_role("link", name="账号管理").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("账号管理")
    check(admin, "admin accounts")
    count = admin.get_by_role("table").locator("caption").inner_text()
    admin.get_by_label(re.compile("^登录名")).fill("window")
    admin.get_by_label(re.compile("^姓名或单位名称")).fill("水务局 审批员二")
    admin.get_by_label(re.compile("^角色")).select_option(label="审批人员")
    admin.get_by_label("所属部门").select_option(label="水务局")
    admin.get_by_label(re.compile("^初始密码")).fill("water-2026-secret")
    admin.get_by_label("再次输入初始密码").fill("water-2026-secret")
    admin.get_by_role("button", name="开设账号").click()
    expect(admin.locator("#username-error")).to_be_visible()
    expect(admin.locator("#error-summary")).to_contain_text("登录名")
    expect(admin.get_by_label(re.compile("^登录名"))).to_have_value("window")
    expect(admin.get_by_label(re.compile("^姓名或单位名称"))).to_have_value("水务局 审批员二")
    expect(admin.get_by_label("所属部门")).to_have_value("water_affairs")
    expect(admin.get_by_role("table").locator("caption")).to_have_text(count)  # nothing added
    check(admin, "admin account refused")
    shoot(admin, "more-admin-01-account-refused")
    admin.get_by_label(re.compile("^登录名")).fill("exam2_water")
    admin.get_by_label(re.compile("^初始密码")).fill("water-2026-secret")
    admin.get_by_label("再次输入初始密码").fill("water-2026-secret")
    admin.get_by_role("button", name="开设账号").click()
    expect(admin.locator(".notice.ok")).to_contain_text("已创建账号 exam2_water（水务局 审批员二）")
    expect(admin.get_by_role("row", name=re.compile("exam2_water"))).to_contain_text("水务局")
    check(admin, "admin accounts after creating")
    shoot(admin, "more-admin-02-account-created")


def test_an_administrator_adds_an_account_and_loads_a_holiday_schedule(served, chromium, shoot) -> None:
    base, app = served
    year = app.extensions["approval"]["runtime"].now().year + 1
    admin = sign_in(chromium, base, "admin")
    account_created(admin, shoot)

    admin.get_by_role("navigation", name="主导航").get_by_role("link", name="节假日安排").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("节假日安排")
    expect(admin.get_by_text(f"{year} 年：尚未公布")).to_be_visible()
    check(admin, "admin calendar")
    shoot(admin, "more-admin-03-calendar")
    schedule = admin.get_by_label(re.compile("^节假日安排文件"))
    schedule.set_input_files({"name": f"{year}-wrong.csv", "mimeType": "text/csv",
                              "buffer": f"{year}-02-30,holiday,春节\n".encode()})
    admin.get_by_role("button", name="上传并预览调整").click()
    expect(admin.locator("#schedule-error")).to_contain_text(f"第 1 行：日历上没有这一天：'{year}-02-30'")
    expect(admin.locator("#schedule-sent")).to_contain_text(f"{year}-wrong.csv")
    expect(schedule).to_have_attribute("aria-invalid", "true")
    expect(admin.get_by_text(f"{year} 年：尚未公布")).to_be_visible()  # nothing loaded
    check(admin, "admin calendar refused")
    shoot(admin, "more-admin-04-calendar-refused")

    lines = [f"{year}-01-01,holiday,元旦", f"{year}-02-06,holiday,春节", f"{year}-02-07,holiday,春节",
             f"{year}-02-14,workday,春节调休"]
    schedule.set_input_files({"name": f"{year}.csv", "mimeType": "text/csv",
                              "buffer": ("\n".join(lines) + "\n").encode()})
    admin.get_by_role("button", name="上传并预览调整").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text(f"确认载入 {year} 年节假日安排")
    expect(admin.get_by_text(f"文件“{year}.csv”：放假 3 天，调休上班 1 天")).to_be_visible()
    check(admin, "admin calendar preview")
    shoot(admin, "more-admin-05-calendar-preview")
    admin.get_by_role("button", name="确认载入").click()
    expect(admin.locator(".notice.ok")).to_contain_text(f"已载入 {year} 年节假日安排")
    expect(admin.get_by_text(f"{year} 年：已按国务院办公厅通知")).to_be_visible()
    check(admin, "admin calendar loaded")
    shoot(admin, "more-admin-06-calendar-loaded")
