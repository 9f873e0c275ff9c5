"""Owner pages in plain language: stage statuses that match the real state, withdrawing and revoking asked
on their own confirmation page before anything changes, and 多测合一 as the owner and the survey firm see it."""

from __future__ import annotations

from sqlalchemy import select

from engine import cite_survey_result, progress_view
from engine.agency.models import AgencyAuthorisation
from engine.demo import complete_demo_survey
from engine.processes.models import ProcessInstance
from engine.work_items.models import Decision
from tests.construction.support import grant_agent

ASK = {"decision": "supplement", "opinion": "请补齐材料", "missing_materials": ["建设用地红线图"]}
REJECT = {"decision": "reject", "opinion": "选址与控制性详细规划不符"}


def statuses(office, code):
    with office.step(write=False) as s:
        view = progress_view(s, office.runtime, office.actor(s, "owner"), code)
    return view.progress.stages[0].status


def reviews(office, code):
    return [i.bpmn_id for i in office.items(code) if i.bpmn_id.startswith("review_")]


def test_a_stage_awaiting_the_window_or_a_correction_says_so(office) -> None:
    code, _ = office.new_project()
    assert statuses(office, code) == "待申报"
    office.act(code, "apply")
    assert statuses(office, code) == "待受理"
    office.act(code, "accept")
    assert statuses(office, code) == "审查中"
    office.act(code, reviews(office, code)[0], ASK)
    assert statuses(office, code) == "待补正"


def test_withdrawing_is_confirmed_on_its_own_page_first(office, person) -> None:
    code, instance_id = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept")
    first = True
    while pending := reviews(office, code):
        for review in pending:
            office.act(code, review, REJECT if first else None)
            first = False
    item = office.item(code, "resubmit")
    owner = person("owner")
    url = f"/projects/{code}/tasks/{item.task_id}"
    form = {"instance_id": str(instance_id), "form_key": "resubmission_decision", "decision": "withdraw"}
    asked = owner.post(url, form)
    assert asked.status_code == 200 and "确定要撤回申请吗？" in asked.text and 'name="confirmed"' in asked.text
    assert office.item(code, "resubmit").task_id == item.task_id  # nothing happened yet
    done = owner.post(url, {**form, "confirmed": "yes"})
    assert done.status_code == 302
    with office.step(write=False) as s:
        assert s.get(ProcessInstance, instance_id).status == "withdrawn"
        assert s.scalar(select(Decision.outcome).where(Decision.form_key == "resubmission_decision")) == "withdraw"


def test_revoking_an_authorisation_is_confirmed_on_its_own_page_first(office, person) -> None:
    code, _ = office.new_project()
    grant_agent(office, code, ["view"])
    with office.step(write=False) as s:
        grant = s.scalars(select(AgencyAuthorisation)).one()
    owner = person("owner")
    confirm = f"/projects/{code}/authorisations/{grant.id}/revocation"
    assert f'href="{confirm}"' in owner.get(f"/projects/{code}/authorisations").text
    page = owner.get(confirm)
    assert page.status_code == 200 and "确定要撤销对" in page.text and "确认撤销授权" in page.text
    with office.step(write=False) as s:
        assert s.get(AgencyAuthorisation, grant.id).status == "granted"
    assert owner.post(f"/authorisations/{grant.id}/revocation", {"reason": "改由本单位办理"}).status_code == 302
    with office.step(write=False) as s:
        assert s.get(AgencyAuthorisation, grant.id).status == "revoked"
    assert owner.get(confirm).status_code == 404  # nothing left to revoke


def test_the_survey_firm_and_the_owner_see_the_result_and_who_cited_it(office, person) -> None:
    code, _ = office.new_project()
    with office.step() as s:
        complete_demo_survey(s, office.runtime, code)
        cite_survey_result(s, office.runtime, office.actor(s, "exam_natural_resources"), code)
    firm = person("survey")
    assert firm.get("/").location == "/survey-firm/"
    home = firm.get("/survey-firm/").text
    assert code in home and "已提交" in home and "自然资源和规划局" in home
    page = person("owner").get(f"/projects/{code}/survey").text
    assert "已提交，编号 DC" in page and "自然资源和规划局" in page and "注册测绘师 周明" in page
    assert person("owner").get("/survey-firm/").status_code == 403
