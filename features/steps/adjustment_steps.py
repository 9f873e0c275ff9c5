"""Steps about 特别程序 and 延期: people act through the API at a set moment; what changed (or did not) is
read back from the API (and the timer table, which nobody reads through the API)."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when
from sqlalchemy import select

from engine.audit.trail import chain_of, trail, verify_chain
from engine.organisation.accounts import create_user
from engine.timers.models import Timer
from tests.support.office import Office

from .attempts import Attempt
from .deadline_steps import ACTIONS, CODES, beijing_time

KINDS = {"专家评审": "expert_review", "听证": "hearing", "公示": "public_notice", "现场踏勘/勘验": "site_inspection",
         "技术审查": "technical_review"}


@given("生态环境局和自然资源和规划局各有部门负责人")
def leads(office: Office) -> None:
    with office.step() as s:
        for department in ("生态环境局", "自然资源和规划局"):
            create_user(s, office.runtime, username=f"lead_{CODES[department]}", display_name=f"{department}负责人",
                        role="department_lead", password="demo-2026", department_code=CODES[department])


def _task_id(office: Office, project: dict, task: str) -> str:
    (item,) = [i for i in office.items(project["code"]) if i.name == task]
    return item.task_id


def _snapshot(browser, office: Office, project: dict) -> tuple:
    code, supervisor = project["code"], browser("supervisor")
    with office.step(write=False) as s:
        timers = sorted((t.bpmn_id, t.due_at.isoformat()) for t in s.scalars(select(Timer)))
    return (browser("owner").get(f"/api/projects/{code}/progress").json,
            browser("owner").get(f"/api/projects/{code}/audit-trail").json,
            supervisor.get(f"/api/projects/{code}/clocks").json,
            supervisor.get(f"/api/projects/{code}/time-adjustments").json, timers)


def _attempt(browser, office: Office, project: dict, username: str, url: str, body: dict) -> Attempt:
    before = _snapshot(browser, office, project)
    return Attempt(before, browser(username).post(url, json=body))


def _start(browser, office, project, *, department, task, kind, days, reason="需要特别程序") -> Attempt:
    url = f"/api/work-items/{_task_id(office, project, task)}/special-procedures"
    body = {"kind": KINDS[kind], "limit_days": int(days), "reason": reason}
    return _attempt(browser, office, project, f"exam_{CODES[department]}", url, body)


@when(parsers.parse('{moment}，{department}审批人员对{task}启动"{kind}"，时限{days:d}个工作日，理由为"{reason}"'),
      target_fixture="attempt")
def procedure_started(browser, office: Office, project: dict, clock, *, moment: str, department: str, task: str,
                      kind: str, days: int, reason: str) -> Attempt:
    clock.value = beijing_time(moment)
    attempt = _start(browser, office, project, department=department, task=task, kind=kind, days=days,
                     reason=reason)
    assert attempt.response.status_code == 201, attempt.response.json
    return attempt


@when(parsers.parse('{department}审批人员对{task}启动"{kind}"，时限{days}个工作日'), target_fixture="attempt")
def procedure_attempted(browser, office: Office, project: dict, *, department: str, task: str,
                        kind: str, days: str) -> Attempt:
    return _start(browser, office, project, department=department, task=task, kind=kind, days=days)


@when(parsers.parse('{moment}，{department}审批人员记录特别程序结果"{result}"'))
def procedure_ended(browser, office: Office, project: dict, clock, *, moment: str, department: str,
                    result: str) -> None:
    clock.value = beijing_time(moment)
    (procedure,) = browser("owner").get(f"/api/projects/{project['code']}/time-adjustments").json["procedures"]
    url = f"/api/work-items/{procedure['task_id']}/special-procedure-result"
    response = browser(f"exam_{CODES[department]}").post(url, json={"result": result})
    assert response.status_code == 200, response.json


@when(parsers.parse("{department}审批人员在特别程序结束前试图作出同意决定"), target_fixture="attempt")
def decide_during_procedure(browser, office: Office, project: dict, department: str) -> Attempt:
    (item,) = [i for i in office.items(project["code"]) if i.department_code == CODES[department]]
    url = f"/api/instances/{item.instance_id}/tasks/{item.task_id}/completion"
    return _attempt(browser, office, project, f"exam_{CODES[department]}", url, {"decision": "approve"})


@when(parsers.parse('{moment}，{department}审批人员为{task}申请延期{days:d}个工作日，理由为"{reason}"'),
      target_fixture="extension_request_id")
def extension_requested(browser, office: Office, project: dict, clock, *, moment: str, department: str, task: str,
                        days: int, reason: str) -> int:
    clock.value = beijing_time(moment)
    url = f"/api/work-items/{_task_id(office, project, task)}/extension-requests"
    response = browser(f"exam_{CODES[department]}").post(url, json={"days": days, "reason": reason})
    assert response.status_code == 201, response.json
    return response.json["id"]


def _decide(browser, office, project, extension_request_id: int, username: str, body: dict) -> Attempt:
    url = f"/api/extension-requests/{extension_request_id}/decision"
    return _attempt(browser, office, project, username, url, body)


@when(parsers.parse("{department}负责人批准该延期申请"), target_fixture="attempt")
def extension_approved(browser, office: Office, project: dict, extension_request_id: int,
                       department: str) -> Attempt:
    lead = browser(f"lead_{CODES[department]}")
    assert [r["id"] for r in lead.get("/api/extension-requests").json] == [extension_request_id]
    attempt = _decide(browser, office, project, extension_request_id, f"lead_{CODES[department]}",
                      {"decision": "approve"})
    assert attempt.response.status_code == 200, attempt.response.json
    return attempt


@when(parsers.parse('{department}负责人以"{note}"不予批准该延期申请'), target_fixture="attempt")
def extension_refused(browser, office: Office, project: dict, extension_request_id: int, department: str,
                      note: str) -> Attempt:
    body = {"decision": "refuse", "note": note}
    attempt = _decide(browser, office, project, extension_request_id, f"lead_{CODES[department]}", body)
    assert attempt.response.status_code == 200, attempt.response.json
    return attempt


@when(parsers.parse("{department}审批人员试图批准该延期申请"), target_fixture="attempt")
def examiner_tries_to_approve(browser, office: Office, project: dict, extension_request_id: int,
                              department: str) -> Attempt:
    return _decide(browser, office, project, extension_request_id, f"exam_{CODES[department]}",
                   {"decision": "approve"})


@when(parsers.parse("{department}负责人试图批准该延期申请"), target_fixture="attempt")
def other_lead_tries_to_approve(browser, office: Office, project: dict, extension_request_id: int,
                                department: str) -> Attempt:
    return _decide(browser, office, project, extension_request_id, f"lead_{CODES[department]}",
                   {"decision": "approve"})


@then(parsers.parse("请求被拒绝（{status:d}），办件未改变"))
def refused_unchanged(browser, office: Office, project: dict, attempt: Attempt, status: int) -> None:
    response = attempt.response
    assert response.status_code == status, response.json
    assert set(response.json) == {"code", "message", "errors", "context"} and response.json["message"]
    assert _snapshot(browser, office, project) == attempt.before


@then(parsers.parse("审批轨迹中没有{task}的时限预警或时限逾期"))
def no_timer_events(browser, project: dict, task: str) -> None:
    events = browser("owner").get(f"/api/projects/{project['code']}/audit-trail").json
    assert [e for e in events if e["action"] in ACTIONS.values() and e["task_name"] == task] == []


def _procedure(browser, project: dict, kind: str) -> dict:
    procedures = browser("owner").get(f"/api/projects/{project['code']}/time-adjustments").json["procedures"]
    (found,) = [p for p in procedures if p["kind_name"] == kind]
    return found


@then(parsers.parse('建设单位看到"{kind}"的期限为"{deadline}"，已用{used:d}个工作日，状态为"{state}"'))
def owner_sees_procedure(browser, project: dict, kind: str, deadline: str, used: int, state: str) -> None:
    found = _procedure(browser, project, kind)
    assert (found["deadline"], found["used_days"], found["state"], found["ended_at"]) == (deadline, used, state, None)


@then(parsers.parse('建设单位看到"{kind}"的期限为"{deadline}"（暂定），已用{used:d}个工作日，状态为"{state}"'))
def owner_sees_provisional_procedure(browser, project: dict, kind: str, deadline: str, used: int, state: str) -> None:
    found = _procedure(browser, project, kind)
    assert (found["deadline"], found["used_days"], found["state"]) == (deadline, used, state)
    assert found["provisional"] is True
    page = browser("owner").get(f"/projects/{project['code']}").get_data(as_text=True)
    assert f'{deadline}<abbr class="provisional"' in page


@then(parsers.parse('审批轨迹记录"{label}"的时限逾期一次，截止日期"{deadline}"为暂定'))
def overdue_once(browser, office: Office, project: dict, label: str, deadline: str) -> None:
    events = browser("owner").get(f"/api/projects/{project['code']}/audit-trail").json
    assert len([e for e in events if e["action"] == "clock_overdue" and e["task_name"] == label]) == 1
    with office.step(write=False) as s:  # the entry's details are for supervisors, not in the owner's API
        (entry,) = [e for e in trail(s, project["code"]) if e.action == "clock_overdue" and e.task_name == label]
        assert (entry.actor_id, entry.details["deadline"], entry.details["provisional"]) == (None, deadline, True)


@then(parsers.parse('建设单位看到"{kind}"已结束，结果为"{result}"'))
def owner_sees_result(browser, project: dict, kind: str, result: str) -> None:
    found = _procedure(browser, project, kind)
    assert found["ended_at"] is not None and found["result"] == result


@then(parsers.parse('审批轨迹记录"{first}"和"{second}"，哈希链完整'))
def trail_and_chain(browser, office: Office, project: dict, first: str, second: str) -> None:
    names = {"启动特别程序": "start_special_procedure", "记录特别程序结果": "end_special_procedure"}
    events = browser("owner").get(f"/api/projects/{project['code']}/audit-trail").json
    assert [e["action"] for e in events if e["action"] in names.values()] == [names[first], names[second]]
    with office.step(write=False) as s:
        assert verify_chain(s, chain_of(project["code"], project["instance_id"])) == []


@then(parsers.parse('建设单位在办理进度中看到{task}延期{days:d}个工作日，办理期限由"{before}"顺延至"{after}"'))
def owner_sees_extension(browser, project: dict, task: str, days: int, before: str, after: str) -> None:
    (line,) = browser("owner").get(f"/api/projects/{project['code']}/time-adjustments").json["extensions"]
    assert (line["task_name"], line["days"], line["deadline_before"], line["deadline_after"]) == (
        task, days, before, after)
    page = browser("owner").get(f"/projects/{project['code']}").get_data(as_text=True)
    assert f"延期{days}个工作日" in page and after in page


@then("建设单位在办理进度中看不到延期")
def owner_sees_no_extension(browser, project: dict) -> None:
    assert browser("owner").get(f"/api/projects/{project['code']}/time-adjustments").json["extensions"] == []
    assert "顺延至" not in browser("owner").get(f"/projects/{project['code']}").get_data(as_text=True)
