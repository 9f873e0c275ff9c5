"""帮办代办 end to end in a real browser: the owner grants the agent an authorisation, the agent finds
the owner's task in its one inbox and submits it, the progress view says "agent X for owner Y"; the
owner revokes, and the agent's next attempt is refused with a clear message and changes nothing.
Screenshots go to /tmp/screens/agent-*.png."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from engine import transaction
from engine.audit.models import AuditEvent
from engine.demo import drive_one_action
from engine.projects.models import Project, StageApplication
from engine.work_items.models import WorkItem

from .applying import apply_with_required_files, open_form, save_form
from .test_owner_journey import sign_in

STAGE_2 = "stage_engineering_permit"


def test_agent_acts_for_the_owner_then_is_refused_after_revocation(served, chromium, shoot) -> None:
    base, app = served
    db = app.extensions["approval"]["engine"]
    owner = sign_in(chromium, base, "owner")
    owner.get_by_role("link", name=re.compile(r"\d{4}-420104-")).first.click()
    code = owner.url.rsplit("/", 1)[1]
    owner_grants(owner, shoot)

    agent = sign_in(chromium, base, "agent")
    expect(agent.get_by_role("heading", level=1)).to_have_text("代办待办")
    shoot(agent, "agent-01-inbox")
    agent_applies(agent)
    owner.goto(f"{base}/projects/{code}")
    done = owner.locator(".timeline li", has_text="提交阶段申请")
    expect(done).to_contain_text("帮办代办员 赵帮（代示例置业有限公司）")
    shoot(owner, "agent-03-owner-sees-agent-for-owner")

    finish_stage_one(db, app.extensions["approval"]["runtime"], code)
    agent.goto(f"{base}/agent/")
    agent.get_by_role("link", name="提交阶段申请").click()  # stage 2's application, opened before revocation
    expect(agent.get_by_role("heading", level=1)).to_contain_text("工程建设许可")
    open_form(agent)
    owner_revokes(owner, base, code, shoot)

    before = snapshot(db, code)
    agent.get_by_role("button", name="保存并继续").click()
    expect(agent.get_by_role("alert")).to_contain_text("代办授权已被建设单位撤销")
    shoot(agent, "agent-05-refused")
    assert snapshot(db, code) == before
    agent.goto(f"{base}/agent/")
    expect(agent.get_by_text("目前没有可以代办的事项。")).to_be_visible()
    shoot(agent, "agent-06-inbox-after-revocation")


def owner_grants(owner: Page, shoot) -> None:
    owner.get_by_role("link", name="代办授权").click()
    expect(owner.get_by_text("本项目尚未授权任何代办员。")).to_be_visible()
    owner.get_by_label("代办员用户名").fill("agent")
    owner.get_by_label("第1阶段 立项用地规划许可").check()
    owner.get_by_label("第2阶段 工程建设许可").check()
    owner.get_by_label("申报").check()
    owner.get_by_label("查看").check()
    shoot(owner, "agent-00-owner-grant-form")
    owner.get_by_role("button", name="授权", exact=True).click()
    expect(owner.get_by_role("status")).to_contain_text("已授权代办员")
    expect(owner.get_by_role("row", name=re.compile("帮办代办员 赵帮"))).to_contain_text("有效")


def agent_applies(agent: Page) -> None:
    agent.get_by_role("link", name="提交阶段申请").click()  # the stage's task list
    open_form(agent)
    agent.get_by_label("用地面积（m²）").fill("25000")
    agent.get_by_label("建筑面积（m²）").fill("68000.5")
    agent.get_by_label("总投资（万元）").fill("52000")
    agent.get_by_label("供地方式").select_option(label="出让")
    agent.get_by_label("土地用途").select_option(label="住宅用地")
    agent.get_by_label("批准用地文号").fill("武政土〔2026〕8号")
    agent.get_by_label("联系人").fill("赵帮")
    agent.get_by_label("联系电话").fill("13900139000")
    save_form(agent)
    expect(agent.locator("#acting-for")).to_contain_text("代 示例置业有限公司 办理")  # on the task list too
    apply_with_required_files(agent)
    expect(agent.locator("#acting-for")).to_contain_text("代 示例置业有限公司 办理")  # and on the confirmation
    expect(agent.get_by_role("status")).to_contain_text("已提交")


def owner_revokes(owner: Page, base: str, code: str, shoot) -> None:
    owner.goto(f"{base}/projects/{code}/authorisations")
    owner.get_by_role("link", name=re.compile("^撤销授权")).click()  # a confirmation page, not one click
    expect(owner.get_by_role("heading", level=1)).to_contain_text("确定要撤销")
    owner.get_by_label("撤销理由（选填）").fill("改由本单位自行办理")
    owner.get_by_role("button", name="确认撤销授权").click()
    expect(owner.get_by_role("status")).to_contain_text("已撤销")
    expect(owner.get_by_role("row", name=re.compile("帮办代办员 赵帮"))).to_contain_text("已撤销")
    shoot(owner, "agent-04-owner-revoked")


def finish_stage_one(db, runtime, code: str) -> None:
    """The window and the departments do their part (through the engine's use cases) until the owner's
    stage 2 application is open."""
    while not stage_two_open(db, code):
        with transaction(db) as s:
            assert drive_one_action(s, runtime, code) is not None


def stage_two_open(db, code: str) -> bool:
    with transaction(db, write=False) as s:
        return s.scalar(select(WorkItem.task_id).where(WorkItem.project_code == code, WorkItem.stage == STAGE_2,
                                                       WorkItem.bpmn_id == "apply")) is not None


def snapshot(db, code: str) -> tuple:
    with transaction(db, write=False) as s:
        return (s.scalar(select(func.count()).select_from(StageApplication)),
                s.scalar(select(func.count()).select_from(AuditEvent)),
                tuple(s.execute(select(WorkItem.task_id, WorkItem.status).where(WorkItem.project_code == code)
                                .order_by(WorkItem.task_id))),
                s.scalar(select(Project.name).where(Project.code == code)))
