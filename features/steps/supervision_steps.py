"""Steps about 电子监察 statistics: time is set, people act through the engine (Given), the supervisor reads
the statistics through the API (When), and the figures are compared (Then)."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from engine.organisation.lanes import DEPARTMENTS
from tests.support.office import Office
from tests.support.supervision import SUPPLEMENT, supply

from .deadline_steps import beijing_time

CODES = {name: code for code, name in DEPARTMENTS.items()}


def _review(office: Office, project: dict, department: str) -> str:
    (review,) = [i.bpmn_id for i in office.items(project["code"])
                 if i.bpmn_id.startswith("review_") and i.department_code == CODES[department]]
    return review


@given(parsers.parse("{moment}，{department}审批人员作出同意决定"))
def department_approves_at(office: Office, project: dict, clock, moment: str, department: str) -> None:
    clock.value = beijing_time(moment)
    office.act(project["code"], _review(office, project, department))


@given(parsers.parse("{moment}，{department}审批人员要求补正"), target_fixture="supplement_review")
def department_asks_supplement_at(office: Office, project: dict, clock, moment: str, department: str) -> str:
    """The review now waiting for the owner's correction (its element id), for the step that supplies it."""
    clock.value = beijing_time(moment)
    review = _review(office, project, department)
    office.act(project["code"], review, SUPPLEMENT)
    return review


@given(parsers.parse("{moment}，建设单位补齐材料"))
def owner_supplies_at(office: Office, project: dict, clock, moment: str, supplement_review: str) -> None:
    clock.value = beijing_time(moment)
    supply(office, project["code"], supplement_review)


@given(parsers.parse("{moment}，{department}审批人员核发"))
def department_issues_at(office: Office, project: dict, clock, moment: str, department: str) -> None:
    clock.value = beijing_time(moment)
    assert office.item(project["code"], "issue").department_code == CODES[department]
    office.act(project["code"], "issue")


@when(parsers.parse("电子监察人员在{moment}查看监察统计"), target_fixture="statistics")
def supervisor_reads(browser, clock, moment: str) -> dict:
    clock.value = beijing_time(moment)
    response = browser("supervisor").get("/api/supervision/statistics")
    assert response.status_code == 200, response.json
    return response.json


@then("各部门净办理工作日为")
def net_days_per_department(statistics: dict, datatable) -> None:
    expected = [[name, int(clocks), int(done), int(total), float(average)]
                for name, clocks, done, total, average in datatable[1:]]
    assert [[n["name"], n["clocks"], n["completed"], n["total_days"], n["average_days"]]
            for n in statistics["by_department"]] == expected


@then(parsers.parse("{name}阶段的净办理工作日合计{days:d}天"))
def net_days_of_stage(statistics: dict, name: str, days: int) -> None:
    assert [n["total_days"] for n in statistics["by_stage"] if n["name"] == name] == [days]


@then(parsers.parse("{name}各事项的净办理工作日合计{days:d}天"))
def net_days_of_department(statistics: dict, name: str, days: int) -> None:
    assert [n["total_days"] for n in statistics["by_department"] if n["name"] == name] == [days]


@then(parsers.parse("并联审批率为已办结阶段办件{completed:d}件中并联{parallel:d}件"))
def parallel_rate(statistics: dict, completed: int, parallel: int) -> None:
    assert statistics["parallel"] == {"completed": completed, "parallel": parallel, "rate": parallel / completed}


@then(parsers.parse("{name}{projects:d}个，平均总用时{days:d}个工作日，总时限{limit:d}个工作日"))
def category_average(statistics: dict, name: str, projects: int, days: int, limit: int) -> None:
    (found,) = [c for c in statistics["categories"] if c["name"] == name]
    assert (found["projects"], found["average_days"], found["limit_days"]) == (projects, days, limit)


@then("没有预警或逾期事项")
def no_alerts(statistics: dict) -> None:
    assert statistics["alerts"] == []


@then("预警、逾期事项为")
def alerts_are(statistics: dict, datatable) -> None:
    found = [[d["department"], r["item"], r["state"], str(r["used_days"]), str(r["limit_days"])]
             for d in statistics["alerts"] for r in d["rows"]]
    assert found == [[cell.strip() for cell in row] for row in datatable[1:]]
