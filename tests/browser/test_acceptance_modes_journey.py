"""容缺受理 and 告知承诺制 in a real browser, pages only after sign-in (links and forms, no typed URLs).

(1) The owner signs the 容缺受理承诺书 for the stage application at the window, the window accepts with the
secondary materials missing, the owner's agent sees the case (代 X 办理), the owner supplies one file per
material, the window checks them on 容缺核验 and the case is settled. (2) The owner reads a 告知承诺 item and
signs it, the item is decided at once; when the verification date has come the examiner verifies it from
告知承诺核查 and the owner sees the outcome. Each error case (nothing ticked, a file missing, a file of the
wrong type, a check without reasons) shows its message in the error summary and beside the field with the input
kept. axe-core finds 0 violations on every page state visited. Screenshots go to /tmp/screens/modes-*.png."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import select

from engine import accept_with_tolerance, grant_authorisation, sign_tolerance_commitment, transaction
from engine.acceptance.models import CommitmentCase, ToleranceCase
from engine.materials.models import Material
from engine.organisation.accounts import user_by_username
from engine.organisation.actors import actor_for
from engine.processes.models import ProcessInstance
from engine.sweeper import sweep
from engine.work_items.models import WorkItem

from .a11y import check
from .test_owner_journey import sign_in
from .test_staff_journeys import at_the_window, demo_code

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EIA = "环境影响评价审批"


def open_modes(page: Page, home: str = "我的项目") -> None:
    """From the person's navigation to the project's 容缺受理与告知承诺 page."""
    page.get_by_role("navigation", name="主导航").get_by_role("link", name=home, exact=True).click()
    page.get_by_role("link", name=re.compile(r"\d{4}-420104-")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("汉江湾示范住宅小区")
    page.get_by_role("link", name="容缺受理与告知承诺").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("容缺受理与告知承诺")


def grant_agent(db, runtime, code: str) -> None:
    with transaction(db) as s:
        owner = actor_for(s, user_by_username(s, "owner").id)
        now = runtime.now()
        grant_authorisation(s, runtime, owner, code, {
            "agent_username": "agent", "stages": [1], "acts": ["view", "supplement"],
            "valid_from": (now - timedelta(days=1)).isoformat(), "valid_to": (now + timedelta(days=90)).isoformat()})


def test_tolerance_from_the_owners_commitment_to_the_settled_case(served, chromium, shoot, tmp_path: Path) -> None:
    base, app = served
    db, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]
    code = demo_code(db)
    at_the_window(db, runtime, code)
    grant_agent(db, runtime, code)

    owner = sign_in(chromium, base, "owner")
    owner_signs(owner, shoot)
    window = sign_in(chromium, base, "window")
    window_accepts(window, shoot)

    agent = sign_in(chromium, base, "agent")
    open_modes(agent, home="代办项目")
    expect(agent.locator("#acting-for")).to_contain_text("代 示例置业有限公司 办理")
    agent.get_by_role("link", name=re.compile(rf"补正材料\s*：{EIA}")).click()
    expect(agent.get_by_role("heading", level=1)).to_have_text(f"容缺补正：{EIA}")
    expect(agent.locator("#acting-for")).to_be_visible()
    check(agent, "agent's 容缺 case")
    shoot(agent, "modes-04-agent-case")

    owner_supplies(owner, tmp_path, shoot)
    with transaction(db, write=False) as s:
        assert sorted(m.requirement for m in s.scalars(select(Material))) == ["专家评审意见", "公众参与说明"]
    window_checks(window, shoot)

    open_modes(owner)
    expect(owner.get_by_role("row", name=re.compile(EIA))).to_contain_text("已补齐")
    owner.get_by_role("link", name=re.compile(rf"查看\s*：{EIA}")).click()
    expect(owner.get_by_text("综合窗口已于")).to_be_visible()
    check(owner, "owner's settled 容缺 case")
    shoot(owner, "modes-09-owner-settled")
    with transaction(db, write=False) as s:
        assert s.scalars(select(ToleranceCase)).one().status == "completed"


def owner_signs(owner: Page, shoot) -> None:
    open_modes(owner)
    offer = owner.locator("#offer-1")
    expect(offer.get_by_role("heading", level=3)).to_contain_text(EIA)
    check(owner, "owner's acceptance modes")
    shoot(owner, "modes-01-owner-modes")
    offer.get_by_label("专家评审意见").check()
    offer.get_by_label("公众参与说明").check()
    offer.get_by_role("button", name=re.compile("签署容缺受理承诺书")).click()
    summary = owner.locator("#error-summary")
    expect(summary).to_contain_text("必须确认承诺内容")
    expect(owner.locator("#f-confirmed-1-error")).to_contain_text("必须确认承诺内容")
    expect(owner.locator("#offer-1").get_by_label("专家评审意见")).to_be_checked()
    expect(owner.locator("#offer-1").get_by_label("公众参与说明")).to_be_checked()
    check(owner, "owner's 容缺 commitment refused")
    shoot(owner, "modes-02-owner-commitment-refused")
    owner.locator("#offer-1").get_by_label("本单位承诺在补正期限内补齐上述材料").check()
    owner.locator("#offer-1").get_by_role("button", name=re.compile("签署容缺受理承诺书")).click()
    expect(owner.get_by_role("status")).to_contain_text("已签署容缺受理承诺书（2 项材料容缺）")
    expect(owner.locator("#offer-1")).to_contain_text("已签署承诺书")


def window_accepts(window: Page, shoot) -> None:
    window.get_by_role("link", name="综合窗口受理").first.click()
    expect(window.get_by_role("heading", name=re.compile("容缺受理："))).to_be_visible()
    window.get_by_label("建设项目环境影响报告书（表）").check()
    window.get_by_label("环境影响评价审批申请表").check()
    window.get_by_role("button", name="容缺受理").click()
    expect(window.get_by_role("status")).to_contain_text("已容缺受理")
    shoot(window, "modes-03-window-accepted")


def owner_supplies(owner: Page, tmp_path: Path, shoot) -> None:
    open_modes(owner)
    expect(owner.get_by_role("row", name=re.compile(EIA))).to_contain_text("容缺受理（待补正）")
    owner.get_by_role("link", name=re.compile(rf"补正材料\s*：{EIA}")).click()
    expect(owner.get_by_text(re.compile(r"还剩 \d+ 个工作日"))).to_be_visible()
    check(owner, "owner's 容缺 case")
    good, bad = tmp_path / "公众参与说明.pdf", tmp_path / "专家评审意见.pdf"
    good.write_bytes(PDF)
    bad.write_bytes(b"just text, not a PDF")
    owner.get_by_label(re.compile("^公众参与说明")).set_input_files(str(good))
    owner.get_by_label("说明", exact=True).fill("专家评审意见已盖章")
    owner.get_by_role("button", name="提交补正材料").click()
    expect(owner.locator("#error-summary")).to_contain_text("请为“专家评审意见”选择要上传的文件")
    expect(owner.locator("#file-2-error")).to_contain_text("请为“专家评审意见”选择要上传的文件")
    expect(owner.get_by_label("说明", exact=True)).to_have_value("专家评审意见已盖章")
    expect(owner.get_by_text("上次选择的文件：公众参与说明.pdf")).to_be_visible()
    check(owner, "owner's supply refused: a file missing")
    shoot(owner, "modes-05-owner-supply-missing-file")
    owner.get_by_label(re.compile("^公众参与说明")).set_input_files(str(good))
    owner.get_by_label(re.compile("^专家评审意见")).set_input_files(str(bad))
    owner.get_by_role("button", name="提交补正材料").click()
    expect(owner.locator("#file-2-error")).to_contain_text("文件类型不受支持")
    expect(owner.get_by_label("说明", exact=True)).to_have_value("专家评审意见已盖章")
    check(owner, "owner's supply refused: wrong type")
    shoot(owner, "modes-06-owner-supply-wrong-type")
    bad.write_bytes(PDF + b"% signed\n")
    owner.get_by_label(re.compile("^公众参与说明")).set_input_files(str(good))
    owner.get_by_label(re.compile("^专家评审意见")).set_input_files(str(bad))
    owner.get_by_role("button", name="提交补正材料").click()
    expect(owner.get_by_role("status")).to_contain_text("已补正 2 项容缺材料，等待综合窗口核验")
    expect(owner.get_by_text("已补正，等待综合窗口核验")).to_be_visible()
    check(owner, "owner's 容缺 case supplied")
    shoot(owner, "modes-07-owner-supplied")


def window_checks(window: Page, shoot) -> None:
    window.get_by_role("navigation", name="主导航").get_by_role("link", name="容缺核验").click()
    expect(window.get_by_role("heading", level=1)).to_have_text("容缺核验")
    check(window, "window 容缺核验 desk")
    window.get_by_role("link", name=re.compile("核验补正材料")).click()
    expect(window.get_by_role("link", name="专家评审意见.pdf")).to_be_visible()
    check(window, "window 容缺 check page")
    window.get_by_label("核验不通过").check()
    window.get_by_role("button", name="提交核验结论").click()
    expect(window.locator("#error-summary")).to_contain_text("核验不通过时必须说明理由")
    expect(window.locator("#f-opinion-error")).to_contain_text("核验不通过时必须说明理由")
    expect(window.get_by_label("核验不通过")).to_be_checked()
    check(window, "window 容缺 check refused")
    shoot(window, "modes-08-window-check-refused")
    window.get_by_label("核验通过").check()
    window.get_by_label("核验意见").fill("两项材料齐全、有效")
    window.get_by_role("button", name="提交核验结论").click()
    expect(window.get_by_role("status")).to_contain_text("核验通过")


def test_commitment_signed_decided_verified_and_seen(served, chromium, shoot) -> None:
    base, app = served
    db, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]
    owner_commits(sign_in(chromium, base, "owner"), shoot)
    with transaction(db, write=False) as s:
        due = s.scalars(select(CommitmentCase)).one().verification_due
    runtime.clock = lambda: due + timedelta(hours=1)  # the verification date has come
    sweep(db, runtime)
    examiner_verifies(sign_in(chromium, base, "exam_housing_construction"), shoot)

    owner = sign_in(chromium, base, "owner")  # a new day: signed in again
    open_modes(owner)
    expect(owner.get_by_role("row", name=re.compile("建筑工程施工许可证核发"))).to_contain_text("核查通过")
    owner.get_by_role("link", name=re.compile(r"查看决定和核查结果\s*：建筑工程施工许可证核发")).click()
    expect(owner.get_by_text("现场已具备施工条件，与承诺一致")).to_be_visible()
    check(owner, "owner sees the verification")
    shoot(owner, "modes-15-owner-sees-outcome")


def owner_commits(owner: Page, shoot) -> None:
    open_modes(owner)
    owner.get_by_role("link", name=re.compile(r"阅读告知内容并签署\s*：建筑工程施工许可证核发")).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text("告知承诺：建筑工程施工许可证核发")
    expect(owner.get_by_text(re.compile("本单位承诺所提交材料真实、完整"))).to_be_visible()
    check(owner, "owner's 告知承诺 page")
    owner.get_by_role("button", name="确认承诺并申请").click()
    expect(owner.locator("#error-summary")).to_contain_text("必须确认承诺内容")
    expect(owner.locator("#f-confirmed-error")).to_contain_text("必须确认承诺内容")
    check(owner, "owner's 告知承诺 refused")
    shoot(owner, "modes-11-commitment-refused")
    owner.get_by_label(re.compile("本单位已知晓告知内容")).check()
    owner.get_by_role("button", name="确认承诺并申请").click()
    expect(owner.get_by_role("status")).to_contain_text("已按告知承诺制作出审批决定")
    decided = owner.get_by_role("row", name=re.compile("建筑工程施工许可证核发"))
    expect(decided).to_contain_text("已按承诺审批（待核查）")
    shoot(owner, "modes-12-commitment-decided")


def examiner_verifies(examiner: Page, shoot) -> None:
    examiner.get_by_role("navigation", name="主导航").get_by_role("link", name="告知承诺核查").click()
    expect(examiner.get_by_role("heading", level=1)).to_have_text("告知承诺核查")
    check(examiner, "examiner 告知承诺核查 desk")
    shoot(examiner, "modes-13-examiner-desk")
    examiner.get_by_role("link", name=re.compile(r"^核查\s*：")).click()
    expect(examiner.get_by_role("heading", level=1)).to_have_text("告知承诺核查：建筑工程施工许可证核发")
    examiner.get_by_label("未履行承诺").check()
    examiner.get_by_label("已现场核查").check()
    examiner.get_by_role("button", name="提交核查结论").click()
    expect(examiner.locator("#error-summary")).to_contain_text("认定未履行承诺时必须写明核查情况")
    expect(examiner.locator("#f-findings-error")).to_contain_text("认定未履行承诺时必须写明核查情况")
    expect(examiner.get_by_label("未履行承诺")).to_be_checked()
    expect(examiner.get_by_label("已现场核查")).to_be_checked()
    check(examiner, "examiner verification refused")
    shoot(examiner, "modes-14-verification-refused")
    examiner.get_by_label("履行承诺", exact=True).check()
    examiner.get_by_label("核查情况").fill("现场已具备施工条件，与承诺一致")
    examiner.get_by_role("button", name="提交核查结论").click()
    expect(examiner.get_by_role("status")).to_contain_text("核查通过")
    check(examiner, "examiner desk after verification")


def test_a_supply_sent_after_the_case_was_returned_is_refused_with_the_input_kept(served, chromium, shoot,
                                                                                  tmp_path: Path) -> None:
    """The owner opened the supply page in time but sends it after the grace period ended (退件)."""
    base, app = served
    db, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]
    code = demo_code(db)
    at_the_window(db, runtime, code)
    signed_and_accepted(db, runtime, code)
    app.config.update(SESSION_IDLE_MINUTES=60 * 24 * 90, SESSION_MAX_HOURS=24 * 90)  # the page stays open for weeks

    owner = sign_in(chromium, base, "owner")
    open_modes(owner)
    owner.get_by_role("link", name=re.compile(rf"补正材料\s*：{EIA}")).click()
    expect(owner.get_by_role("heading", level=1)).to_have_text(f"容缺补正：{EIA}")
    with transaction(db, write=False) as s:
        case = s.scalars(select(ToleranceCase)).one()
        due, grace = case.supplement_due, case.grace_due
    for moment in (due, grace):  # the deadline passes (中止), then the grace period (退件)
        runtime.clock = lambda moment=moment: moment + timedelta(minutes=1)
        sweep(db, runtime)

    late = tmp_path / "专家评审意见.pdf"
    late.write_bytes(PDF)
    owner.get_by_label(re.compile("^专家评审意见")).set_input_files(str(late))
    owner.get_by_label("说明", exact=True).fill("评审意见刚取得")
    owner.get_by_role("button", name="提交补正材料").click()
    expect(owner.locator("#error-summary")).to_contain_text("状态为“已退件”，不能补正")
    expect(owner.locator("#supply-error")).to_contain_text("不能补正")
    expect(owner.get_by_label("您填写的说明（未保存）")).to_have_value("评审意见刚取得")
    expect(owner.get_by_text("已退件：")).to_be_visible()
    expect(owner.get_by_role("button", name="提交补正材料")).to_have_count(0)  # nothing left to send it to
    check(owner, "owner's supply refused after 退件")
    shoot(owner, "modes-10-owner-supply-after-return")
    with transaction(db, write=False) as s:
        assert s.scalars(select(ToleranceCase)).one().status == "returned"
        assert s.scalars(select(Material)).all() == []


def signed_and_accepted(db, runtime, code: str) -> None:
    """The owner signed the 容缺 commitment for 专家评审意见 and the window accepted (through the engine)."""
    with transaction(db) as s:
        instance = s.scalar(select(ProcessInstance.id).where(ProcessInstance.project_code == code))
        sign_tolerance_commitment(s, runtime, actor_for(s, user_by_username(s, "owner").id), instance, {
            "item": "environmental_impact_assessment", "missing_materials": ["专家评审意见"], "confirmed": True})
    with transaction(db) as s:
        accept = s.scalars(select(WorkItem).where(WorkItem.project_code == code, WorkItem.bpmn_id == "accept")).one()
        main = ["建设项目环境影响报告书（表）", "环境影响评价审批申请表"]
        accept_with_tolerance(s, runtime, actor_for(s, user_by_username(s, "window").id), accept.instance_id,
                              accept.task_id, {"item": "environmental_impact_assessment", "present_materials": main})
