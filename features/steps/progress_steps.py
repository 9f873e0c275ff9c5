"""Steps of the progress view: the owner reads the page, an examiner decides through the pages."""

from __future__ import annotations

import re

from pytest_bdd import parsers, then, when

import engine
from tests.webapp.support import task_form

STAGE_IDS = {s.name: s.process_id for s in engine.STAGES}
EXAMINERS = {name: f"exam_{code}" for code, name in engine.DEPARTMENTS.items()}
STATE_WORDS = {"已完成": "completed", "进行中": "active", "等待中": "waiting", "未开始": "idle"}



def diagram(html: str, process_id: str) -> str:
    start = html.index(f'id="diagram-{process_id}"')
    return html[start: html.index("</details>", start)]


def drawn_states(html: str, process_id: str) -> dict[str, str]:
    """Name → state of every task drawn in the stage's SVG (from its tooltip and data-state)."""
    groups = re.findall(r'<g class="bpmn-node bpmn-userTask state-\w+" data-element-id="[^"]+" '
                        r'data-state="(\w+)"><title>([^<：]+)', diagram(html, process_id))
    return {name.split("（")[0]: state for state, name in groups}


def spoken_states(html: str, process_id: str) -> dict[str, str]:
    """Name → state word of the text equivalent beside the drawing."""
    return dict(re.findall(r"<tr data-element-id=\"[^\"]+\"><td>([^<]+)</td><td>([^<]+)</td>",
                           diagram(html, process_id)))


@when("建设单位打开办理进度页", target_fixture="page_before")
def owner_opens_progress(person, project: dict) -> str:
    """The progress page as the owner saw it before the examiner acted (its HTML)."""
    response = person("owner").get(f"/projects/{project['code']}")
    assert response.status_code == 200
    return response.text


@when(parsers.parse('{department}审批人员在部门待办页面签收"{task_name}"并同意，意见为"{opinion}"'))
def examiner_approves_on_the_page(person, project: dict, department: str, task_name: str, opinion: str) -> None:
    examiner = person(EXAMINERS[department])
    inbox = examiner.get(f"/examiner/?project={project['code']}").text
    task_url = re.search(rf'<a href="(/examiner/tasks/[0-9a-f-]+)">{re.escape(task_name)}</a>', inbox).group(1)
    assert examiner.post(f"{task_url}/claim").status_code == 302
    form = task_form(examiner.get(task_url).text)
    response = examiner.post(task_url, {**form, "decision": "approve", "opinion": opinion})
    assert response.status_code == 302, response.text


@then(parsers.parse('建设单位的办理进度页中{stage}的"{task_name}"由"{before}"变为"{after}"'),
      target_fixture="page_after")
def progress_changed(person, project: dict, page_before: str, stage: str, task_name: str, before: str,
                     after: str) -> dict:
    """The page now (``html``) and the stage whose drawing the following steps read (``stage``)."""
    html = person("owner").get(f"/projects/{project['code']}").text
    assert drawn_states(page_before, STAGE_IDS[stage])[task_name] == STATE_WORDS[before]
    assert drawn_states(html, STAGE_IDS[stage])[task_name] == STATE_WORDS[after]
    return {"html": html, "stage": STAGE_IDS[stage]}


@then(parsers.parse('文字说明中"{task_name}"的状态为"{state}"'))
def text_equivalent(page_after: dict, task_name: str, state: str) -> None:
    assert spoken_states(page_after["html"], page_after["stage"])[task_name] == state


@then(parsers.parse('其余三项审查仍为"{state}"'))
def other_reviews(page_after: dict, state: str) -> None:
    drawn = drawn_states(page_after["html"], page_after["stage"])
    reviews = {"建设项目用地预审与选址意见书", "环境影响评价审批", "洪水影响评价审批"}
    assert {drawn[name] for name in reviews} == {STATE_WORDS[state]}


@then(parsers.parse('办理记录中有"{who}"办理"{task_name}"：{outcome}'))
def timeline_has(page_after: dict, who: str, task_name: str, outcome: str) -> None:
    timeline = page_after["html"][page_after["html"].index('<ol class="timeline">'):]
    assert re.search(rf"<strong>{who}</strong> 办理“{re.escape(task_name)}”：{outcome}", timeline)
