"""好差评 in Debian's Chromium on pages only: the owner rates a finished stage from the project page (a rating
without a level is refused in the error summary and beside the field, the comment kept), a 不满意 rating opens
a follow-up, the lead of the stage's lead department closes it from 整改回访 (an empty reply refused the same
way), the owner reads the reply and the supervisor sees it closed. The finished stage and the department lead's
account are built through the engine. axe-core checks every page; screenshots go to
/tmp/screens/permits-rating-*.png."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from sqlalchemy import select

from engine.demo import drive_one_action
from engine.organisation.accounts import create_user
from engine.work_items.models import Decision
from forms import keys

from .test_construction_permits_journey import People, given, new_project, open_project

STAGE_1 = "stage_project_land_planning"
COMMENT = "补正通知前后两次要求不一致，多跑了一趟"
REPLY = "已统一补正口径并对窗口人员培训；电话回访建设单位，表示认可"


def test_a_bad_rating_is_followed_up_by_the_lead_department(served, chromium, shoot) -> None:
    base, app = served
    code = new_project(app, 880010)

    def stage_one_issued(s, rt, who) -> None:
        issued = select(Decision.id).where(Decision.project_code == code, Decision.stage == STAGE_1,
                                           Decision.form_key == keys.ISSUANCE)
        while s.scalar(issued) is None:
            assert drive_one_action(s, rt, code) is not None
        create_user(s, rt, username="lead_natural_resources", display_name="自然资源和规划局 科长",
                    role="department_lead", password="demo-2026", department_code="natural_resources")
    given(app, stage_one_issued)
    people = People(chromium, base, shoot)

    owner = people("owner")
    open_project(owner, code)
    owner.get_by_role("link", name="服务评价（好差评）与整改回访").click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("服务评价（好差评）")
    stage = owner.get_by_role("region", name=re.compile("^第1阶段"))
    people.look(owner, "rating-01-owner-form")
    stage.get_by_role("textbox", name=re.compile("^意见和建议")).fill(COMMENT)
    stage.get_by_role("button", name=re.compile("^提交评价")).click()
    expect(owner.locator("#error-summary")).to_contain_text("评价等级：请选择评价等级")
    stage = owner.get_by_role("region", name=re.compile("^第1阶段"))
    expect(stage.locator(".field-error")).to_contain_text("请选择评价等级")
    expect(stage.get_by_role("textbox", name=re.compile("^意见和建议"))).to_have_value(COMMENT)  # input kept
    people.look(owner, "rating-02-owner-no-level")
    stage.get_by_label("不满意", exact=True).check()
    stage.get_by_role("button", name=re.compile("^提交评价")).click()
    expect(owner.get_by_role("status")).to_contain_text("牵头部门将在15个工作日内整改并回访")
    expect(owner.get_by_role("region", name=re.compile("^第1阶段"))).to_contain_text("整改中")
    people.look(owner, "rating-03-owner-rated")

    lead = people("lead_natural_resources")
    lead.get_by_role("navigation", name="主导航").get_by_role("link", name="整改回访").click()
    follow_up = lead.get_by_role("region", name=re.compile("汉江湾示范住宅小区")).filter(has_text=COMMENT)
    people.look(lead, "rating-04-lead-follow-ups")
    follow_up.get_by_role("button", name="办结整改回访").click()
    expect(lead.locator("#error-summary")).to_contain_text("请填写整改情况和回访结果")
    follow_up = lead.get_by_role("region", name=re.compile("汉江湾示范住宅小区")).filter(has_text=COMMENT)
    expect(follow_up.locator(".field-error")).to_contain_text("请填写整改情况和回访结果")
    people.look(lead, "rating-05-lead-empty-reply")
    follow_up.get_by_role("textbox", name=re.compile("^整改情况和回访结果")).fill(REPLY)
    follow_up.get_by_role("button", name="办结整改回访").click()
    expect(lead.get_by_role("status")).to_contain_text("整改回访已办结")
    expect(lead.get_by_role("region", name=re.compile("汉江湾示范住宅小区")).filter(has_text=COMMENT)) \
        .to_contain_text(REPLY)
    people.look(lead, "rating-06-lead-closed")

    owner.reload()
    stage = owner.get_by_role("region", name=re.compile("^第1阶段"))
    expect(stage).to_contain_text("已办结")
    expect(stage).to_contain_text(REPLY)
    people.look(owner, "rating-07-owner-reads-reply")

    supervisor = people("supervisor")
    supervisor.get_by_role("navigation", name="主导航").get_by_role("link", name="整改回访").click()
    expect(supervisor.get_by_role("region", name=re.compile("汉江湾示范住宅小区")).filter(has_text=COMMENT)) \
        .to_contain_text("已办结")
    people.look(supervisor, "rating-08-supervisor")
