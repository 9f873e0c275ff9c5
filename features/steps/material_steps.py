"""Steps about 申请材料: uploading through the API, what is listed and who may download it."""

from __future__ import annotations

import hashlib
import io

from pytest_bdd import given, parsers, then, when
from sqlalchemy import func, select

from engine.materials.models import Material, MaterialBlob
from tests.support.office import Office

STAGES = {"立项用地规划许可": "stage_project_land_planning"}
EXAMINERS = {"水务局": "exam_water_affairs", "园林绿化局": "exam_landscaping"}


def pdf(size: int | None = None) -> bytes:
    body = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return body if size is None else body + b"0" * (size - len(body))


def upload(browser, project: dict, stage: str, name: str, data: bytes):
    owner = browser("owner")
    return owner.client.post(f"/api/projects/{project['code']}/materials", headers={"X-CSRF-Token": owner.csrf},
                             data={"stage": STAGES[stage], "file": (io.BytesIO(data), name)},
                             content_type="multipart/form-data")


@given(parsers.parse("单个申请材料的大小上限为 {limit:d} 字节"))
def material_limit(app, limit: int) -> None:
    app.config["MATERIAL_MAX_BYTES"] = limit


@when(parsers.parse('建设单位为{stage}阶段上传"{name}"'), target_fixture="response")
def upload_one(browser, project: dict, stage: str, name: str):
    return upload(browser, project, stage, name, pdf())


@when(parsers.parse('建设单位为{stage}阶段上传 {size:d} 字节的"{name}"'), target_fixture="response")
def upload_sized(browser, project: dict, stage: str, size: int, name: str):
    return upload(browser, project, stage, name, pdf(size))


@then(parsers.parse('{stage}阶段的材料中有"{name}"及其 SHA-256'))
def listed(browser, project: dict, stage: str, name: str) -> None:
    rows = browser("owner").get(f"/api/projects/{project['code']}/materials?stage={STAGES[stage]}").json
    assert [(r["display_name"], r["sha256"]) for r in rows] == [(name, hashlib.sha256(pdf()).hexdigest())]


@then(parsers.parse('{department}审批人员可以下载"{name}"，内容与上传的一致'))
def examiner_downloads(browser, project: dict, department: str, name: str) -> None:
    examiner = browser(EXAMINERS[department])
    [row] = examiner.get(f"/api/projects/{project['code']}/materials").json
    got = examiner.get(f"/api/projects/{project['code']}/materials/{row['id']}/content")
    assert (row["display_name"], got.status_code, got.data) == (name, 200, pdf())


@then(parsers.parse("{department}审批人员看不到该项目的材料"))
def examiner_does_not_see(browser, project: dict, department: str) -> None:
    assert browser(EXAMINERS[department]).get(f"/api/projects/{project['code']}/materials").status_code == 404


@then(parsers.parse('上传被拒绝，提示"{message}"'))
def refused(response, message: str) -> None:
    assert response.status_code == 413 and message in response.json["message"], response.json


@then("没有保存任何申请材料")
def nothing_stored(step) -> None:
    with step(write=False) as s:
        assert s.scalar(select(func.count()).select_from(Material)) == 0
        assert s.scalar(select(func.count()).select_from(MaterialBlob)) == 0


@then(parsers.parse('审批轨迹记录了"{label}"'))
def trail_has(browser, office: Office, project: dict, label: str) -> None:
    actions = {"上传申请材料": "attach_material", "办结整改回访": "close_follow_up"}
    events = browser("owner").get(f"/api/projects/{project['code']}/audit-trail").json
    assert events[-1]["action"] == actions[label]
