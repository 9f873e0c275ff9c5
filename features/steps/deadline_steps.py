"""Steps about deadline supervision: the passage of time is the system's timer sweeper acting at a set
moment; people act through the API; what happened is read back from the API."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from pytest_bdd import given, parsers, then, when

from engine.organisation.lanes import DEPARTMENTS
from engine.sweeper import sweep
from tests.support.office import Office

from .common_steps import act_through_api

CHINA = timezone(timedelta(hours=8))
CODES = {name: code for code, name in DEPARTMENTS.items()}
ACTIONS = {"时限预警": "clock_warning", "时限逾期": "clock_overdue", "超时默许": "deemed_consent"}


WEEKDAYS = "一二三四五六日"


@given(parsers.parse("{year:d}年{month:d}月{day:d}日（星期{weekday}）建设单位提交{stage}阶段申请，综合窗口当日受理"))
def applied_on(office: Office, project: dict, clock, *, year: int, month: int, day: int, weekday: str,
               stage: str) -> None:
    clock.value = datetime(year, month, day, 9, 30, tzinfo=CHINA)
    assert WEEKDAYS[clock.value.weekday()] == weekday, "the scenario names the wrong weekday"
    office.act(project["code"], "apply")
    office.act(project["code"], "accept")


@when(parsers.parse("除{department}外，其他部门审批人员均作出同意决定"))
def all_but_one_approve(browser, office: Office, project: dict, department: str) -> None:
    for item in office.items(project["code"]):
        if item.bpmn_id.startswith("review_") and item.department_code != CODES[department]:
            assert act_through_api(browser, office, project, item.bpmn_id).status_code == 200


def beijing_time(text: str) -> datetime:
    """``2026年11月6日0时1分`` → that minute in Beijing time."""
    numbers = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日(\d{1,2})时(\d{1,2})分", text)
    assert numbers, f"not a time: {text}"
    return datetime(*(int(n) for n in numbers.groups()), tzinfo=CHINA)


@when(parsers.parse("时间来到{moment}，系统处理到期的时限"))
def time_passes(db, runtime, clock, moment: str) -> None:
    clock.value = beijing_time(moment)
    sweep(db, runtime)  # the system acting: every timer due by now fires


@when(parsers.parse("{department}审批人员核发{permit}"))
def department_issues(browser, office: Office, project: dict, department: str, permit: str) -> None:
    (task,) = [i for i in office.items(project["code"]) if i.name == f"核发{permit}"]
    response = act_through_api(browser, office, project, task.bpmn_id)
    assert response.status_code == 200, response.json


def _timer_events(browser, project: dict, task_name: str) -> list[dict]:
    events = browser("owner").get(f"/api/projects/{project['code']}/audit-trail").json
    return [e for e in events if e["action"] in ACTIONS.values() and e["task_name"] == task_name]


@then(parsers.parse('审批轨迹依次记录{task_name}的{labels}'))
def trail_records(browser, project: dict, task_name: str, labels: str) -> None:
    events = _timer_events(browser, project, task_name)
    assert [e["action"] for e in events] == [ACTIONS[label.strip('"')] for label in labels.split("、")]
    assert {e["actor_name"] for e in events} == {"系统"}


@then(parsers.parse('审批轨迹记录{task_name}的"{label}"，时间为{moment}'))
def trail_records_at(browser, project: dict, task_name: str, label: str, moment: str) -> None:
    (event,) = [e for e in _timer_events(browser, project, task_name) if e["action"] == ACTIONS[label]]
    assert datetime.fromisoformat(event["created_at"]) == beijing_time(moment)


@then(parsers.parse('{department}对{task_name}的结论为"{outcome}"，注明超时默许'))
def deemed_decision(browser, project: dict, department: str, task_name: str, outcome: str) -> None:
    stages = browser("owner").get(f"/api/projects/{project['code']}/progress").json["stages"]
    found = [d for s in stages for d in s["decisions"] if d["task_name"] == task_name]
    assert [(d["who"], d["outcome"], d["deemed"]) for d in found] == [(department, {"同意": "approve"}[outcome], True)]
    assert "超时默许" in found[0]["opinion"]


@then(parsers.parse('{department}审批人员的待办中有"{task_name}"'))
@then(parsers.parse('{department}审批人员的待办中仍有"{task_name}"'))
def department_inbox_has(browser, department: str, task_name: str) -> None:
    rows = browser(f"exam_{CODES[department]}").get("/api/work-items").json
    assert task_name in [r["name"] for r in rows]


@then(parsers.parse('{task_name}的办理时限为"{state}"'))
def clock_state(browser, project: dict, task_name: str, state: str) -> None:
    clocks = browser("owner").get(f"/api/projects/{project['code']}/clocks").json
    (line,) = [c for c in clocks if c["label"] == task_name]
    assert line["state"] == state


@then(parsers.parse('项目的{stage}阶段状态为"{status}"'))
def stage_status(browser, project: dict, stage: str, status: str) -> None:
    stages = browser("owner").get(f"/api/projects/{project['code']}/progress").json["stages"]
    assert next(s for s in stages if s["name"] == stage)["status"] == status
