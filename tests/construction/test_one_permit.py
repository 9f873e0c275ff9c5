"""One 施工许可证 per project: the 建筑工程综合许可证 with 施工许可 settles stage 3 of the main approval, the
licences it covers are not reviewed again, and the ordinary stage-3 route is refused without changing anything."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from engine import InvalidState, complete_task, progress_view
from engine.construction.comprehensive import order_comprehensive_permit
from engine.issuance import Certificate
from engine.work_items.models import Decision
from tests.construction.support import comprehensive_form, snapshot
from tests.construction.test_comprehensive_permit import order, run_order
from tests.forms.samples import valid

THREE = ("construction_waste_disposal_approval", "night_work_permit")  # + 建筑工程施工许可, the anchor


def stage_statuses(office, code):
    with office.step(write=False) as s:
        view = progress_view(s, office.runtime, office.actor(s, "owner"), code)
    return [stage.status for stage in view.progress.stages]


def permits(office, code):
    with office.step(write=False) as s:
        return s.scalars(select(Certificate.kind).where(Certificate.project_code == code,
                                                        Certificate.kind.like("%construction%permit"))).all()


def test_the_comprehensive_permit_completes_stage_3_and_a_second_permit_is_refused(office):
    code, main_id = office.new_project()
    office.finish_stage(code)
    office.finish_stage(code)
    stale = office.item(code, "apply")  # the owner opened the stage-3 form before ordering
    assert stale.form_key == "stage_3_application"
    reviews = run_order(office, code, order(office, code, *THREE))
    assert reviews == ["review_construction_permit", "review_construction_waste_disposal_approval",
                       "review_night_work_permit"]
    assert office.item(code, "apply").form_key == "stage_4_application"
    assert stage_statuses(office, code) == ["已办结", "已办结", "已办结", "待申报"]
    assert permits(office, code) == ["comprehensive_construction_permit"]
    with office.step(write=False) as s:
        stage3 = s.scalars(select(Decision).where(Decision.instance_id == main_id,
                                                  Decision.stage == "stage_construction_permit")).all()
    assert [(d.form_key, d.outcome) for d in stage3] == [("comprehensive_settlement", "issued")]  # no review twice

    before = snapshot(office)
    with pytest.raises(InvalidState) as refused, office.step() as s:
        complete_task(s, office.runtime, office.actor(s, "owner"), main_id, stale.task_id,
                      valid("stage_3_application"))
    assert refused.value.message == "该任务当前不可办理"  # the stage-3 application was settled by the permit
    assert snapshot(office) == before


def test_a_permit_granted_before_stage_3_settles_the_stage_when_it_opens(office):
    code, _ = office.new_project()
    office.finish_stage(code)
    run_order(office, code, order(office, code, "night_work_permit"))
    assert stage_statuses(office, code)[2] == "未开始"
    office.finish_stage(code)
    assert office.item(code, "apply").form_key == "stage_4_application"
    assert stage_statuses(office, code) == ["已办结", "已办结", "已办结", "待申报"]
    assert permits(office, code) == ["comprehensive_construction_permit"]


def test_no_order_of_the_permit_while_the_stage_application_is_examined(office):
    code, _ = office.new_project()
    office.finish_stage(code)
    office.finish_stage(code)
    office.act(code, "apply")
    office.act(code, "accept")
    before = snapshot(office)
    with pytest.raises(InvalidState) as refused, office.step() as s:
        order_comprehensive_permit(s, office.runtime, office.actor(s, "owner"), code, comprehensive_form(*THREE))
    assert "施工许可阶段的申请正在办理中" in refused.value.message
    assert snapshot(office) == before
