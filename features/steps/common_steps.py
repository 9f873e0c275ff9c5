"""Steps shared by the features: people, projects, and acting on work items through the API."""

from __future__ import annotations

from pytest_bdd import given, parsers, when

from engine import CATEGORIES
from engine.demo import demo_form
from tests.support.office import Office

PROJECT_CODE = "2026-420104-70-03-000001"


@given("系统中有各部门审批人员、综合窗口和建设单位")
def people(office: Office) -> None:
    """The office fixture seeds them; this step names it in the scenario."""


CATEGORY_CODES = {name: code for code, name in CATEGORIES.items()}


@given(parsers.parse('建设单位已登记{category}"{name}"并启动审批'), target_fixture="project")
def project_started(office: Office, category: str, name: str) -> dict:
    code, instance_id = office.new_project(PROJECT_CODE, CATEGORY_CODES[category])
    return {"code": code, "instance_id": instance_id, "name": name}


def act_through_api(browser, office: Office, project: dict, bpmn_id: str, form: dict | None = None):
    """The person whose lane the task is in finds it in their inbox and completes it."""
    item = office.item(project["code"], bpmn_id)
    person = browser(office.username_for(item))
    inbox = person.get(f"/api/work-items?project_code={project['code']}").json
    assert item.task_id in [row["task_id"] for row in inbox], f"{bpmn_id} not in {office.username_for(item)}'s inbox"
    url = f"/api/instances/{item.instance_id}/tasks/{item.task_id}/completion"
    return person.post(url, json=form if form is not None else demo_form(item.form_key, project["code"]))


PUBLIC_LISTS = {"告知承诺事项清单": "commitment-list", "容缺受理清单": "tolerance-list"}
"""The lists an office publishes, by what the public calls them → their path under /public and /api/public."""


@when(parsers.re(r"未登录的公众查看(?P<published_list>告知承诺事项清单|容缺受理清单)"), target_fixture="published")
def public_reads(app, published_list: str) -> dict:
    anonymous = app.test_client()
    page = anonymous.get(f"/public/{PUBLIC_LISTS[published_list]}")
    assert page.status_code == 200
    return {"api": anonymous.get(f"/api/public/{PUBLIC_LISTS[published_list]}"), "page": page.get_data(as_text=True)}
