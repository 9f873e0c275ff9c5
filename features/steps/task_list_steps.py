"""Steps about the stage application's task list: state built through the engine, acts through the pages."""

from __future__ import annotations

import re

from pytest_bdd import given, parsers, then, when
from sqlalchemy import func, select

from engine import NewMaterial, attach_material, save_application_answers
from engine.catalogue.materials import required_materials
from engine.demo import demo_form
from engine.projects.models import ApplicationDraft, Project, StageApplication
from tests.support.office import Office

STAGES = {"立项用地规划许可": "stage_project_land_planning"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _page(browser, office: Office, project: dict, suffix: str = "") -> str:
    apply = office.item(project["code"], "apply")
    return f"/projects/{project['code']}/applications/{apply.task_id}{suffix}"


@when(parsers.parse("建设单位打开{stage}阶段申请的任务清单"), target_fixture="response")
def open_task_list(browser, office: Office, project: dict, stage: str):
    return browser("owner").get(_page(browser, office, project))


@then(parsers.parse('申请表的状态为"{status}"'))
def form_status(response, status: str) -> None:
    assert response.status_code == 200 and f'id="form-status">{status}' in response.text


@then(parsers.parse('材料"{material}"标为"{mark}"'))
def material_marked(response, material: str, mark: str) -> None:
    assert re.search(rf'{re.escape(material)}</span>\s*<span class="tag[^"]*">{mark}</span>', response.text), material


@given(parsers.parse("建设单位已保存{stage}阶段的申请表"))
def answers_saved(office: Office, project: dict, stage: str) -> None:
    apply = office.item(project["code"], "apply")
    with office.step() as s:
        save_application_answers(s, office.runtime, office.actor(s, "owner"), project["code"], apply.task_id,
                                 demo_form(apply.form_key, project["code"]))


@given(parsers.parse('除"{left_out}"外的必需材料都已上传文件'))
def required_uploaded(office: Office, project: dict, left_out: str) -> None:
    stage = office.item(project["code"], "apply").stage
    with office.step() as s:
        owner = office.actor(s, "owner")
        wanted = required_materials(s, s.get_one(Project, project["code"]).category, stage, office.runtime.now())
        for number, material in enumerate(wanted, 1):
            if material != left_out:
                attach_material(s, office.runtime, owner, project["code"],
                                NewMaterial(stage, f"材料{number}.pdf", PDF + material.encode(), material))


@when("建设单位在“检查并提交”页提交申请", target_fixture="response")
def submit(browser, office: Office, project: dict):
    owner = browser("owner")
    state = {"before": _state(office, project)}
    state["response"] = owner.client.post(_page(browser, office, project, "/check"), data={"csrf_token": owner.csrf},
                                          headers={"X-CSRF-Token": owner.csrf}, buffered=True)
    return state


@then(parsers.parse('提交被拒绝，提示"{message}"'))
def refused(response: dict, message: str) -> None:
    got = response["response"]
    assert got.status_code == 422 and 'role="alert"' in got.text and got.text.count(message) == 2, got.text


@then("没有提交阶段申请，保存的申请表仍在")
def nothing_submitted(office: Office, project: dict, response: dict) -> None:
    assert _state(office, project) == response["before"]
    with office.step(write=False) as s:
        assert s.scalar(select(func.count()).select_from(StageApplication)) == 0
        assert s.scalar(select(func.count()).select_from(ApplicationDraft)) == 1


@then("确认页说明接下来由综合窗口审核受理，并给出承诺办结日期")
def confirmation(browser, response: dict) -> None:
    got = response["response"]
    assert got.status_code == 302, got.text
    page = browser("owner").get(got.location).text
    assert "阶段申请已提交" in page and "综合窗口审核受理" in page
    assert re.search(r"承诺办结日期为 <strong>\d{4}-\d{2}-\d{2}</strong>", page)


@then(parsers.parse('综合窗口的待办中有该项目的"{task}"'))
def window_has(browser, project: dict, task: str) -> None:
    inbox = browser("window").get(f"/api/work-items?project_code={project['code']}").json
    assert task in [row["name"] for row in inbox], inbox


def _state(office: Office, project: dict) -> tuple:
    return tuple((item.task_id, item.bpmn_id, item.status) for item in office.items(project["code"]))
