"""The window, an examiner, a supervisor and an administrator at work in Debian's Chromium, pages only after
sign-in (links and forms, no typed URLs): deadlines in the inboxes, the 一次性告知 picked from the checklist,
容缺受理, the supervisor's drill-down and exports, the administrator's catalogue and time-limit rules; each
error case keeps the input and says what to fix beside the field. axe-core finds 0 violations on every page
state visited. Screenshots go to /tmp/screens/staff-*.png."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import Page, expect
from sqlalchemy import select

from engine import sign_tolerance_commitment, transaction
from engine.demo import drive_one_action, register_demo_project
from engine.organisation.accounts import user_by_username
from engine.organisation.actors import actor_for
from engine.processes.models import ProcessInstance
from engine.work_items.models import SupplementRequest

from .a11y import CHECKED, check
from .test_owner_journey import sign_in

SECOND = "2026-420104-70-03-000777"


def demo_code(db) -> str:
    with transaction(db, write=False) as s:
        return s.scalar(select(ProcessInstance.project_code).limit(1))


def at_the_window(db, runtime, code: str) -> None:
    with transaction(db) as s:
        assert drive_one_action(s, runtime, code) == "提交阶段申请"


def second_project_with_tolerance(db, runtime) -> None:
    with transaction(db) as s:
        project = register_demo_project(s, runtime, SECOND)
    at_the_window(db, runtime, project.code)
    with transaction(db) as s:
        instance = s.scalar(select(ProcessInstance.id).where(ProcessInstance.project_code == SECOND))
        owner = actor_for(s, user_by_username(s, "owner").id)
        sign_tolerance_commitment(s, runtime, owner, instance, {
            "item": "environmental_impact_assessment", "missing_materials": ["专家评审意见"], "confirmed": True})


def test_the_window_at_work(served, chromium, shoot) -> None:
    base, app = served
    db, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]
    code = demo_code(db)
    at_the_window(db, runtime, code)
    second_project_with_tolerance(db, runtime)
    window = sign_in(chromium, base, "window")
    expect(window.get_by_role("heading", level=1)).to_have_text("受理待办")
    expect(window.get_by_role("columnheader", name="办理期限")).to_be_visible()
    expect(window.locator("td.deadline").first).to_contain_text("截止")
    check(window, "window inbox")
    window.get_by_label("排序").select_option(label="按办理期限（最紧急的在前）")
    window.get_by_role("button", name="筛选").click()
    expect(window.get_by_role("columnheader", name="办理期限")).to_have_attribute("aria-sort", "ascending")
    shoot(window, "staff-window-01-inbox-by-due")

    tolerance_accepted(window, shoot)
    one_time_notice(window, db, shoot)


def tolerance_accepted(window: Page, shoot) -> None:
    window.get_by_role("row", name=re.compile(SECOND)).get_by_role("link", name="综合窗口受理").click()
    expect(window.get_by_role("heading", name=re.compile("容缺受理："))).to_be_visible()
    check(window, "window task with 容缺")
    window.get_by_label("建设项目环境影响报告书（表）").check()
    window.get_by_label("受理意见").first.fill("主件已收")
    window.get_by_role("button", name="容缺受理").click()
    expect(window.locator("#tol-error-1")).to_contain_text("主要申请材料不齐全，不能容缺受理：环境影响评价审批申请表")
    expect(window.get_by_label("建设项目环境影响报告书（表）")).to_be_checked()
    expect(window.get_by_label("受理意见").first).to_have_value("主件已收")
    check(window, "window 容缺 refused")
    shoot(window, "staff-window-02-tolerance-refused")
    window.get_by_label("环境影响评价审批申请表").check()
    window.get_by_role("button", name="容缺受理").click()
    expect(window.get_by_role("status")).to_contain_text("已容缺受理")
    shoot(window, "staff-window-03-tolerance-accepted")


def one_time_notice(window: Page, db, shoot) -> None:
    window.get_by_role("link", name="综合窗口受理").first.click()
    expect(window.get_by_role("heading", level=1)).to_have_text("综合窗口受理")
    window.get_by_label("补正", exact=True).check()
    window.get_by_label("受理意见").fill("请补齐以下材料")
    window.get_by_role("button", name="提交决定").click()
    expect(window.locator("#f-missing_materials-error")).to_contain_text("要求补正时必须列明所缺材料")
    expect(window.get_by_label("受理意见")).to_have_value("请补齐以下材料")
    check(window, "window 补正 refused")
    shoot(window, "staff-window-04-notice-refused")
    window.get_by_label("选址意见书", exact=True).check()
    window.get_by_label("用地（海）预审意见", exact=True).check()
    shoot(window, "staff-window-05-notice-picked")
    window.get_by_role("button", name="提交决定").click()
    expect(window.get_by_role("status")).to_contain_text("已办理“综合窗口受理”：补正")
    with transaction(db, write=False) as s:
        number = s.scalar(select(SupplementRequest.notice_number))
    assert number and number.startswith("BZ")
    window.get_by_label("状态").select_option(label="等待申请人补正")
    window.get_by_role("button", name="筛选").click()
    window.get_by_role("link", name="综合窗口受理").first.click()
    expect(window.get_by_role("link", name=f"第 {number} 号（PDF）")).to_be_visible()
    check(window, "window task awaiting 补正")
    shoot(window, "staff-window-06-notice-issued")


def test_the_window_enters_a_walk_in_application(served, chromium, shoot) -> None:
    """窗口收件: a wrong code and a blank field are each said beside the field with the input kept; then the
    application is entered for the owner and waits in the window's own queue."""
    base, app = served
    code = demo_code(app.extensions["approval"]["engine"])
    window = sign_in(chromium, base, "window")
    window.get_by_role("link", name="窗口收件").click()
    expect(window.get_by_role("heading", level=1)).to_have_text("窗口收件")
    check(window, "window intake")
    window.get_by_label("项目代码").fill("2026-420104-70-03-999999")
    window.get_by_role("button", name="查找项目").click()
    expect(window.locator("#q-project_code-error")).to_contain_text("未找到项目代码")
    expect(window.get_by_label("项目代码")).to_have_value("2026-420104-70-03-999999")
    check(window, "window intake refused")
    shoot(window, "staff-window-07-intake-refused")
    window.get_by_label("项目代码").fill(code)
    window.get_by_role("button", name="查找项目").click()
    window.get_by_role("link", name=re.compile("代为填写")).first.click()
    expect(window.get_by_role("heading", level=1)).to_contain_text("（窗口代录）")
    expect(window.get_by_label("项目代码")).to_have_value(code)
    check(window, "window intake form")
    for label, value in (("用地面积", "25000"), ("建筑面积", "68000"), ("总投资", "52000")):
        window.get_by_label(re.compile(label)).fill(value)
    window.get_by_label("供地方式").select_option(index=1)
    window.get_by_label("土地用途").select_option(index=1)
    window.get_by_label("批准用地文号").fill("武政土〔2026〕8号")
    window.get_by_label(re.compile("联系人")).first.fill("陈工")
    window.get_by_label(re.compile("联系电话")).fill("")
    window.get_by_role("button", name="代为提交").click()
    expect(window.locator("#f-contact_phone-error")).to_be_visible()
    expect(window.get_by_label(re.compile("联系人")).first).to_have_value("陈工")
    check(window, "window intake form refused")
    shoot(window, "staff-window-08-intake-form-refused")
    window.get_by_label(re.compile("联系电话")).fill("13800138000")
    window.get_by_role("button", name="代为提交").click()
    expect(window.get_by_role("status")).to_contain_text("窗口代录")
    expect(window.get_by_role("row", name=re.compile(code))).to_contain_text("综合窗口受理")
    check(window, "window inbox after intake")
    shoot(window, "staff-window-09-intake-queued")


def test_an_examiner_sees_deadlines(served, chromium, shoot) -> None:
    base, app = served
    db, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]
    code = demo_code(db)
    at_the_window(db, runtime, code)
    with transaction(db) as s:
        drive_one_action(s, runtime, code)  # the window accepts
    examiner = sign_in(chromium, base, "exam_natural_resources")
    expect(examiner.locator("td.deadline").first).to_contain_text("还剩")
    expect(examiner.locator("td.deadline .tag").first).to_have_text("正常")
    check(examiner, "examiner inbox")
    shoot(examiner, "staff-examiner-01-inbox")
    examiner.locator("table a[href*='/examiner/tasks/']").first.click()
    expect(examiner.get_by_text("办理期限：")).to_be_visible()
    check(examiner, "examiner task")
    shoot(examiner, "staff-examiner-02-task")


def test_a_supervisor_drills_down_and_exports(served, chromium, shoot) -> None:
    base, app = served
    db, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]
    code = demo_code(db)
    at_the_window(db, runtime, code)
    with transaction(db) as s:
        drive_one_action(s, runtime, code)
    supervisor = sign_in(chromium, base, "supervisor")
    check(supervisor, "supervisor board")
    shoot(supervisor, "staff-supervisor-01-board")
    with supervisor.expect_download() as got:
        supervisor.get_by_role("link", name="导出在办事项（Excel）").click()
    assert got.value.suggested_filename.endswith(".xlsx")
    with supervisor.expect_download() as got:
        supervisor.get_by_role("link", name="导出在办事项（CSV）").click()
    assert got.value.suggested_filename.endswith(".csv")
    supervisor.get_by_role("link", name="自然资源和规划局").first.click()
    expect(supervisor.get_by_role("heading", level=1)).to_have_text("自然资源和规划局：在办事项")
    check(supervisor, "supervisor department")
    shoot(supervisor, "staff-supervisor-02-department")
    supervisor.locator("table a").first.click()
    expect(supervisor.get_by_role("heading", level=1)).to_contain_text("计时记录：")
    expect(supervisor.get_by_role("cell", name="开始计时")).to_be_visible()
    check(supervisor, "supervisor clock")
    shoot(supervisor, "staff-supervisor-03-clock")
    supervisor.get_by_role("link", name="电子监察").first.click()
    supervisor.get_by_role("link", name="过期的施工预许可").click()
    check(supervisor, "supervisor pre-permits")
    supervisor.get_by_role("link", name="电子监察").first.click()
    supervisor.get_by_role("link", name="竣工验收备案期限（含逾期未备案）").click()
    check(supervisor, "supervisor filings")
    shoot(supervisor, "staff-supervisor-04-filings")


def test_an_administrator_adds_an_item_and_a_rule(served, chromium, shoot) -> None:
    base, _ = served
    admin = sign_in(chromium, base, "admin")
    expect(admin.get_by_role("heading", level=1)).to_have_text("系统管理")
    check(admin, "admin landing")
    shoot(admin, "staff-admin-01-landing")
    admin.get_by_role("link", name="审批部门").click()
    check(admin, "admin departments")
    admin.get_by_role("link", name="系统管理").first.click()
    admin.get_by_role("link", name="审批事项目录").click()
    check(admin, "admin catalogue")
    admin.get_by_role("link", name="新增审批事项").click()
    admin.get_by_label("审批阶段").select_option(label="第3阶段 施工许可")
    admin.get_by_label("事项代码").fill("夜间施工")
    admin.get_by_label("事项名称").fill("夜间施工许可")
    admin.get_by_label("审批部门").select_option(label="生态环境局")
    admin.get_by_label("承诺时限（工作日）").fill("3")
    admin.get_by_label("部门审查").check()
    admin.get_by_label("申请材料").fill("夜间施工申请表\n降噪措施说明")
    admin.get_by_role("button", name="加入目录").click()
    expect(admin.locator("#f-code-error")).to_contain_text("事项代码只能由小写英文字母、数字和下划线组成")
    expect(admin.get_by_label("事项名称")).to_have_value("夜间施工许可")
    expect(admin.get_by_label("申请材料")).to_have_value("夜间施工申请表\n降噪措施说明")
    check(admin, "admin item refused")
    shoot(admin, "staff-admin-02-item-refused")
    admin.get_by_label("事项代码").fill("night_works_permit")
    admin.get_by_role("button", name="加入目录").click()
    expect(admin.get_by_role("status").filter(has_text="已将")).to_contain_text("已将“夜间施工许可”加入")
    expect(admin.get_by_role("cell", name=re.compile("夜间施工许可"))).to_be_visible()
    shoot(admin, "staff-admin-03-catalogue")
    admin.get_by_role("link", name="系统管理").first.click()
    admin.get_by_role("link", name="审批时限规则").click()
    check(admin, "admin rules")
    admin.get_by_role("link", name="为社会投资一般项目新增时限规则").click()
    admin.get_by_label("生效日期").fill("2020-01-01")
    admin.get_by_label("审批总时限（工作日）").fill("48")
    for label, days in (("立项用地规划许可", "12"), ("工程建设许可", "18"), ("施工许可", "8"), ("竣工验收", "10")):
        admin.get_by_label(f"{label}阶段时限（工作日）").fill(days)
    admin.get_by_role("button", name="新增规则").click()
    expect(admin.locator("#f-effective_from-error")).to_contain_text("生效日期不能早于今天")
    expect(admin.get_by_label("审批总时限（工作日）")).to_have_value("48")
    check(admin, "admin rule refused")
    shoot(admin, "staff-admin-04-rule-refused")
    later = (date.today() + timedelta(days=90)).isoformat()
    admin.get_by_label("生效日期").fill(later)
    admin.get_by_role("button", name="新增规则").click()
    expect(admin.get_by_role("status").filter(has_text="起首次受理")).to_contain_text(f"自 {later} 起首次受理")
    expect(admin.get_by_role("row", name=re.compile(later))).to_contain_text("待生效")
    check(admin, "admin rules after adding")
    shoot(admin, "staff-admin-05-rules")
    print(f"axe-core: 0 violations on {len(CHECKED)} page states")
