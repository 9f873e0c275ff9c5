"""Steps about 帮办代办: an owner's authorisation, an agent acting under it, revocation and expiry."""

from __future__ import annotations

from datetime import timedelta

from pytest_bdd import given, parsers, then, when
from sqlalchemy import select

from engine import grant_authorisation
from engine.audit.models import AuditEvent
from engine.demo import demo_form
from engine.processes.models import ProcessInstance
from engine.projects.models import StageApplication
from engine.work_items.models import Decision, WorkItem
from tests.support.office import Office

STAGE_NUMBERS = {"立项用地规划许可": 1, "工程建设许可": 2, "施工许可": 3, "竣工验收": 4}
ACT_CODES = {"申报": "apply", "补正": "supplement", "退回后处理": "resubmit", "查看": "view"}


@given(parsers.parse("建设单位授权帮办代办员在{stages}阶段代为{acts}，期限{days:d}天"),
       target_fixture="authorisation")
def owner_grants(office: Office, project: dict, stages: str, acts: str, days: int) -> dict:
    data = _grant_form(office, stages, acts, days)
    with office.step() as s:
        grant = grant_authorisation(s, office.runtime, office.actor(s, "owner"), project["code"], data)
        return {"id": grant.id, "valid_to": grant.valid_to}


@given("授权期限已过")
def period_over(office: Office, authorisation: dict) -> None:
    office.runtime.clock.value = authorisation["valid_to"]


@given(parsers.parse("{stage}阶段的其余事项已由各部门办结"))
def rest_of_stage_done(office: Office, project: dict, stage: str) -> None:
    office.act(project["code"], "accept")
    for review in [i.bpmn_id for i in office.items(project["code"]) if i.bpmn_id.startswith("review_")]:
        office.act(project["code"], review)
    office.act(project["code"], "issue")


@when(parsers.parse('帮办代办员在待办中找到"{task_name}"并代为提交'))
def agent_submits(browser, office: Office, project: dict, task_name: str) -> None:
    agent = browser("agent")
    rows = agent.get("/api/work-items").json
    row = next(r for r in rows if r["name"] == task_name and r["project_code"] == project["code"])
    url = f"/api/instances/{row['instance_id']}/tasks/{row['task_id']}/completion"
    response = agent.post(url, json=demo_form(row["form_key"], project["code"]))
    assert response.status_code == 200, response.json


@when(parsers.parse("建设单位在系统中授权帮办代办员在{stages}阶段代为{acts}，期限{days:d}天"))
def owner_grants_in_app(browser, office: Office, project: dict, stages: str, acts: str, days: int) -> None:
    response = browser("owner").post(f"/api/projects/{project['code']}/authorisations",
                                     json=_grant_form(office, stages, acts, days))
    assert response.status_code == 201, response.json


@when(parsers.parse('建设单位在系统中授权"{username}"在第{stage:d}阶段代为"{act}"'), target_fixture="grant_response")
def owner_grants_wrongly(browser, office: Office, project: dict, username: str, stage: int, act: str):
    form = {**_grant_form(office, "施工许可", "查看", 10), "agent_username": username, "stages": [stage],
            "acts": [act]}
    return browser("owner").post(f"/api/projects/{project['code']}/authorisations", json=form)


@when("建设单位撤销该授权")
def owner_revokes(browser, authorisation: dict) -> None:
    response = browser("owner").post(f"/api/authorisations/{authorisation['id']}/revocation",
                                     json={"reason": "改由本单位自行办理"})
    assert response.status_code == 200, response.json


@when(parsers.parse("帮办代办员试图代为提交{stage}阶段申请"), target_fixture="agent_attempt")
def agent_tries(browser, office: Office, project: dict, stage: str) -> dict:
    """The case as it stood before the attempt (``before``) and the answer the agent got (``response``)."""
    item = office.item(project["code"], "apply")
    assert item.form_key == f"stage_{STAGE_NUMBERS[stage]}_application"
    before = _snapshot(office)
    url = f"/api/instances/{item.instance_id}/tasks/{item.task_id}/completion"
    return {"before": before, "response": browser("agent").post(url, json=demo_form(item.form_key, project["code"]))}


@then(parsers.parse('审批轨迹记载"{agent}"代"{owner}"办理"{task_name}"'))
def trail_names_agent_and_owner(browser, project: dict, agent: str, owner: str, task_name: str) -> None:
    events = browser("owner").get(f"/api/projects/{project['code']}/audit-trail").json
    done = [e for e in events if e["action"] == "complete_task" and e["task_name"] == task_name]
    assert [(e["actor_name"], e["acting_for_name"]) for e in done] == [(agent, owner)]


@then(parsers.parse('代办员的请求被拒绝，理由为"{reason}"，办件未改变'))
def refused_unchanged(office: Office, agent_attempt: dict, reason: str) -> None:
    response = agent_attempt["response"]
    assert (response.status_code, response.json["code"], response.json["message"]) == (403, "not_allowed", reason)
    assert _snapshot(office) == agent_attempt["before"]


@then("帮办代办员的待办为空，也看不到该项目")
def agent_sees_nothing(browser, project: dict) -> None:
    agent = browser("agent")
    assert agent.get("/api/work-items").json == []
    assert agent.get("/api/agent/projects").json == []
    # An agent that held a grant is told why (403 with the reason it already knows), and nothing of the project.
    for url in (f"/api/projects/{project['code']}/progress", f"/api/projects/{project['code']}/audit-trail"):
        response = agent.get(url)
        assert response.status_code == 403 and response.json["code"] == "not_allowed", response.json
        assert response.json["message"] in ("代办授权已被建设单位撤销", "代办授权已过期")
        assert project["code"] not in response.get_data(as_text=True)


@then(parsers.parse('建设单位看到本项目有 {count:d} 项"{state}"的代办授权'))
def owner_sees_grants(browser, project: dict, count: int, state: str) -> None:
    rows = browser("owner").get(f"/api/projects/{project['code']}/authorisations").json
    assert [r["state"] for r in rows] == [state] * count
    assert {r["agent_name"] for r in rows} == {"帮办代办员 赵帮"}


@then(parsers.parse("帮办代办员的代办项目中有该项目，共 {count:d} 项授权"))
def agent_sees_project(browser, project: dict, count: int) -> None:
    projects = browser("agent").get("/api/agent/projects").json
    assert [(p["project_code"], p["owner_name"]) for p in projects] == [(project["code"], "示例置业有限公司")]
    assert len(projects[0]["authorisations"]) == count


@then(parsers.parse('授权被拒绝，"{first}"、"{second}"和"{third}"有误'))
def grant_refused(grant_response, first: str, second: str, third: str) -> None:
    assert (grant_response.status_code, grant_response.json["code"]) == (422, "form_invalid")
    assert set(grant_response.json["errors"]) == {first, second, third}


def _grant_form(office: Office, stages: str, acts: str, days: int) -> dict:
    now = office.runtime.now()
    return {"agent_username": "agent", "stages": [STAGE_NUMBERS[s] for s in stages.split("和")],
            "acts": [ACT_CODES[a] for a in acts.split("和")], "valid_from": now.isoformat(),
            "valid_to": (now + timedelta(days=days)).isoformat()}


def _snapshot(office: Office) -> tuple:
    with office.step(write=False) as s:
        return (tuple(s.execute(select(ProcessInstance.id, ProcessInstance.state, ProcessInstance.revision))),
                tuple(s.execute(select(WorkItem.task_id, WorkItem.status).order_by(WorkItem.task_id))),
                tuple(s.scalars(select(StageApplication.id).order_by(StageApplication.id))),
                tuple(s.scalars(select(Decision.id).order_by(Decision.id))),
                tuple(s.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id))))
