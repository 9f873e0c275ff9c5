"""A project through the four stages, persisted action by action (the state is reloaded from the
database at every step: the runtime fixture has no workflow cache)."""

import pytest
from sqlalchemy import select

from engine import progress
from engine.audit.trail import trail, verify_chain
from engine.processes.models import ProcessInstance
from engine.work_items.models import Decision
from tests.support.office import Office

pytestmark = pytest.mark.several_nows  # date-sensitive: runs at each of tests/support/fixtures.NOWS

STAGES = ["立项用地规划许可", "工程建设许可", "施工许可", "竣工验收"]


def test_full_run_completes_all_four_stages_with_an_ordered_intact_audit_trail(office: Office, step):
    code, instance_id = office.new_project()
    for _ in STAGES:
        office.finish_stage(code)
    with step(write=False) as s:
        instance = s.get(ProcessInstance, instance_id)
        report = progress(s, office.actor(s, "owner"), code)
        events = trail(s, code)
        assert instance.status == "completed"
        assert [st.status for st in report.stages] == ["已办结"] * 4
        assert [e.action for e in events][:2] == ["register_project", "start_approval"]
        tasks_per_stage = (7, 6, 7, 7)  # apply, accept, the reviews, issue; then the stage's certificate
        stages = [["complete_task"] * n + ["issue_certificate"] for n in tasks_per_stage]
        survey = ["commission_survey", "upload_survey_result"]  # 多测合一 before joint acceptance
        assert [e.action for e in events][2:] == [*stages[0], *stages[1], *stages[2], *survey, *stages[3]]
        assert [e.seq for e in events if e.instance_id] == list(range(1, 33))
        assert verify_chain(s, f"instance:{instance_id}") == []
        assert office.items(code) == []


def test_a_department_rejects_in_stage_2_and_the_owner_gets_the_reasons(office: Office, step):
    code, _ = office.new_project()
    office.finish_stage(code)
    office.act(code, "apply")
    office.act(code, "accept")
    reason = "人防设计未达到应建面积要求，请修改后重新申报"
    office.act(code, "review_civil_defence_basement_approval", {"decision": "reject", "opinion": reason})
    office.act(code, "review_design_scheme_review")
    assert [i.bpmn_id for i in office.items(code)] == ["review_fire_design_review"]
    office.act(code, "review_fire_design_review")
    returned = office.item(code, "resubmit")
    assert returned.role == "owner" and returned.stage == "stage_engineering_permit"
    with step(write=False) as s:
        report = progress(s, office.actor(s, "owner"), code)
        rejections = [d for d in report.stages[1].decisions if d.outcome == "reject"]
        assert report.stages[1].status == "已退回"
        assert [(d.who, d.opinion) for d in rejections] == [("人民防空办公室", reason)]
    office.act(code, "resubmit", {"decision": "resubmit", "note": "已按意见修改"})
    office.finish_stage(code)  # a fresh round: every department reviews the revised application
    with step(write=False) as s:
        report = progress(s, office.actor(s, "owner"), code)
        assert report.stages[1].status == "已办结" and report.stages[1].rounds == 2


def test_withdrawing_a_returned_application_ends_the_approval(office: Office, step):
    code, instance_id = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept", {"decision": "reject", "opinion": "不属于本窗口受理范围"})
    office.act(code, "resubmit", {"decision": "withdraw"})
    with step(write=False) as s:
        assert s.get(ProcessInstance, instance_id).status == "withdrawn"
    assert office.items(code) == []


def test_a_supplement_loop_parks_the_review_until_the_owner_supplies(office: Office, step, runtime):
    from engine import submit_supplement
    from engine.errors import InvalidState

    code, instance_id = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept")
    ask = {"decision": "supplement", "opinion": "材料不全", "missing_materials": ["节地评价报告", "拐点坐标表"]}
    office.act(code, "review_land_preexam_site_opinion", ask)
    parked = office.item(code, "review_land_preexam_site_opinion")
    assert parked.status == "awaiting_supplement"
    try:
        office.act(code, "review_land_preexam_site_opinion")
        raise AssertionError("completing a parked review must be refused")
    except InvalidState:
        pass
    with step() as s:
        submit_supplement(s, runtime, office.actor(s, "owner"), instance_id, parked.task_id,
                          {"materials": ["节地评价报告", "拐点坐标表"], "note": "已补齐"})
    assert office.item(code, "review_land_preexam_site_opinion").status == "ready"
    office.act(code, "review_land_preexam_site_opinion")
    with step(write=False) as s:
        outcomes = s.scalars(select(Decision.outcome).where(Decision.bpmn_id == "review_land_preexam_site_opinion"))
        assert list(outcomes) == ["approve"]
        actions = [e.action for e in trail(s, code)]
        assert actions.count("request_supplement") == 1 and actions.count("submit_supplement") == 1
