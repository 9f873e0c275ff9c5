"""Steps about supplying 容缺 materials as files on the supply page: one file per material, all or nothing."""

from __future__ import annotations

import io
import re

from pytest_bdd import parsers, then, when
from sqlalchemy import func, select

from engine.materials.models import Material

from .attempts import Attempt
from .tolerance_steps import _case, snapshot

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
STAGES = {"立项用地规划许可": "stage_project_land_planning"}


def everything(step) -> dict:
    """The cases, the trail and the materials a refused supply must leave as they were."""
    with step(write=False) as s:
        return {**snapshot(step), "materials": s.scalar(select(func.count()).select_from(Material))}


def supply(browser, project: dict, files: dict[str, bytes]):
    """The owner submits the supply page: ``material-N`` names the material whose file is ``file-N``."""
    case = _case(browser, project, "环境影响评价审批")
    form: dict = {}
    for n, material in enumerate(case["missing_materials"], 1):
        form[f"material-{n}"] = material
        if material in files:
            form[f"file-{n}"] = (io.BytesIO(files[material]), f"{material}.pdf")
    owner = browser("owner")
    return owner.client.post(f"/projects/{project['code']}/tolerance/{case['id']}/supply", data=form,
                             headers={"X-CSRF-Token": owner.csrf}, content_type="multipart/form-data", buffered=True)


@when(parsers.parse('建设单位在补正页为"{materials}"各上传一个文件'))
def supplies_each(browser, project: dict, materials: str) -> None:
    files = {m: PDF + m.encode() for m in materials.split("、")}
    response = supply(browser, project, files)
    assert response.status_code == 302, response.get_data(as_text=True)[:400]


@when(parsers.parse('建设单位在补正页只为"{material}"上传文件'), target_fixture="attempt")
def supplies_one(browser, project: dict, step, material: str) -> Attempt:
    before = everything(step)
    return Attempt(before, supply(browser, project, {material: PDF}))


@when(parsers.parse('建设单位在补正页为"{good}"上传PDF文件、为"{bad}"上传文本文件'), target_fixture="attempt")
def supplies_wrong_type(browser, project: dict, step, good: str, bad: str) -> Attempt:
    before = everything(step)
    return Attempt(before, supply(browser, project, {good: PDF, bad: "仅是文字".encode()}))


@then(parsers.parse('"{name}"的容缺事项为"{status}"'))
def case_status(browser, project: dict, name: str, status: str) -> None:
    assert _case(browser, project, name)["status_name"] == status


@then(parsers.parse('{stage}阶段的申请材料中"{materials}"各有一个文件'))
def one_file_each(browser, project: dict, stage: str, materials: str) -> None:
    rows = browser("owner").get(f"/api/projects/{project['code']}/materials?stage={STAGES[stage]}").json
    assert sorted(r["requirement"] for r in rows) == sorted(materials.split("、"))


@then("综合窗口在容缺核验页可以下载这些文件")
def window_sees_files(browser, project: dict) -> None:
    case = _case(browser, project, "环境影响评价审批")
    window = browser("window")
    page = window.get(f"/window/tolerance/{case['id']}").get_data(as_text=True)
    links = re.findall(r'href="(/projects/[^"]+/materials/\d+)"', page)
    assert len(links) == len(case["missing_materials"])
    assert all(window.get(link).data.startswith(b"%PDF-") for link in links)


@then(parsers.parse('补正被拒绝，"{material}"旁提示"{message}"'))
def refused_beside(browser, project: dict, attempt: Attempt, material: str, message: str) -> None:
    response = attempt.response
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    n = _case(browser, project, "环境影响评价审批")["missing_materials"].index(material) + 1
    beside = re.search(rf'<p class="field-error" id="file-{n}-error">(.*?)</p>', page, re.S)
    assert beside is not None and message in beside.group(1)
    assert f'href="#file-{n}"' in page  # and in the error summary, linked to the field


@then("容缺事项和申请材料均未改变")
def nothing_changed(step, attempt: Attempt) -> None:
    assert everything(step) == attempt.before
