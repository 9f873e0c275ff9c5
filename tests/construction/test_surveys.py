"""多测合一 through the engine: one commission, one result, cited by each consuming department; joint
acceptance refused until the result is in."""

from __future__ import annotations

import copy

from sqlalchemy import select

from engine import Conflict, FormRejected, InvalidState, NotAllowed, NotFound
from engine.demo import DEMO_SURVEY, demo_form
from engine.surveys.models import SurveyResultUse
from engine.surveys.results import (
    COMPLETE_REQUIRED,
    cite_survey_result,
    commission_survey,
    project_survey,
    upload_survey_result,
)
from engine.work_items.completion import complete_task
from tests.construction.support import refused


def commission(office, code):
    with office.step() as s:
        commission_survey(s, office.runtime, office.actor(s, "owner"), code, {"firm_username": "survey"})


def upload(office, code, data=DEMO_SURVEY, username="survey"):
    with office.step() as s:
        return upload_survey_result(s, office.runtime, office.actor(s, username), code, data).number



def test_joint_acceptance_is_refused_until_the_survey_result_is_in(office):
    code, _ = office.new_project()
    for _stage in range(3):
        office.finish_stage(code)
    item = office.item(code, "apply")
    error = refused(office, InvalidState, lambda s: complete_task(
        s, office.runtime, office.actor(s, "owner"), item.instance_id, item.task_id,
        demo_form("stage_4_application", code)))
    assert error.message == COMPLETE_REQUIRED
    commission(office, code)
    upload(office, code)
    office.act(code, "apply")
    assert {i.bpmn_id for i in office.items(code)} == {"accept"}


def test_one_result_is_cited_by_every_consuming_department(office):
    code, _ = office.new_project()
    for _stage in range(3):
        office.finish_stage(code)
    commission(office, code)
    number = upload(office, code)
    views = {}
    for department in ("natural_resources", "civil_defence", "landscaping"):
        with office.step() as s:
            views[department] = cite_survey_result(s, office.runtime, office.actor(s, f"exam_{department}"), code)
    assert {v.number for v in views.values()} == {number}
    assert {v.result_id for v in views.values()} == {views["natural_resources"].result_id}
    assert [c for c, _, _ in views["civil_defence"].surveys] == ["civil_defence_basement_area"]
    assert views["civil_defence"].surveys[0][2] == {"人防地下室面积": "6020.00"}
    with office.step(write=False) as s:
        uses = s.scalars(select(SurveyResultUse).order_by(SurveyResultUse.id)).all()
        whole = project_survey(s, office.actor(s, "owner"), code)
    assert [(u.result_id, u.department_code) for u in uses] == [
        (views["natural_resources"].result_id, d) for d in ("natural_resources", "civil_defence", "landscaping")]
    assert len(whole.surveys) == 8 and whole.cited_by == ("natural_resources", "civil_defence", "landscaping")


def test_bad_commissions_and_results_change_nothing(office):
    code, _ = office.new_project()
    refused(office, FormRejected, lambda s: commission_survey(
        s, office.runtime, office.actor(s, "owner"), code, {"firm_username": "agent"}))
    refused(office, NotFound, lambda s: upload_survey_result(
        s, office.runtime, office.actor(s, "survey"), code, DEMO_SURVEY))
    commission(office, code)
    refused(office, Conflict, lambda s: commission_survey(
        s, office.runtime, office.actor(s, "owner"), code, {"firm_username": "survey"}))
    broken = copy.deepcopy(DEMO_SURVEY)
    del broken["figures"]["green_space"]["绿地率"]
    broken["figures"]["cadastral"]["宗地面积"] = "-5"
    error = refused(office, FormRejected, lambda s: upload_survey_result(
        s, office.runtime, office.actor(s, "survey"), code, broken))
    assert error.field_errors == {"green_space": ["绿地：绿地率应为非负数"], "cadastral": ["地籍：宗地面积应为非负数"]}
    refused(office, InvalidState, lambda s: cite_survey_result(
        s, office.runtime, office.actor(s, "exam_natural_resources"), code))
    upload(office, code)
    refused(office, InvalidState, lambda s: upload_survey_result(
        s, office.runtime, office.actor(s, "survey"), code, DEMO_SURVEY))
    refused(office, NotAllowed, lambda s: cite_survey_result(
        s, office.runtime, office.actor(s, "exam_human_resources"), code))
