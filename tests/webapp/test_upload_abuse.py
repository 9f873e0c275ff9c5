"""Uploads that must be refused with a clear 4xx — one JSON error shape on the API, a Chinese page on the
site — and leave nothing behind: no material row, no blob, no audit event."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from engine import grant_authorisation
from engine.audit.models import AuditEvent
from engine.materials.models import Material, MaterialBlob
from engine.organisation.accounts import create_user
from tests.support.office import Office

from .support import Person

STAGE1 = "stage_project_land_planning"
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def stored(step) -> tuple[int, int, int]:
    with step(write=False) as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Material, MaterialBlob, AuditEvent))


class Api:
    """A signed-in API client that sends the session's CSRF token (or the one it is told to)."""

    def __init__(self, app, username: str):
        self.client = app.test_client()
        response = self.client.post("/api/session", json={"username": username, "password": "demo-2026"})
        self.csrf = response.json["csrf_token"]

    def upload(self, code: str, data: bytes, name: str, *, csrf: str | None = None, stage: str = STAGE1):
        headers = {"X-CSRF-Token": self.csrf if csrf is None else csrf}
        return self.client.post(f"/api/projects/{code}/materials", headers=headers,
                                data={"stage": stage, "file": (io.BytesIO(data), name)},
                                content_type="multipart/form-data")


@pytest.fixture
def project(office: Office, scene) -> str:
    return scene("a project registered", lambda: office.new_project()[0])


def test_a_good_upload_is_stored_listed_and_downloaded_safely(app, project):
    owner = Api(app, "owner")
    response = owner.upload(project, PDF, "用地预审意见 \"最终\".pdf")
    assert response.status_code == 201, response.json
    body = response.json
    listed = owner.client.get(f"/api/projects/{project}/materials").json
    assert [(m["display_name"], m["sha256"]) for m in listed] == [(body["display_name"], body["sha256"])]
    got = owner.client.get(f"/api/projects/{project}/materials/{body['id']}/content")
    assert got.status_code == 200 and got.data == PDF
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert got.headers["Content-Type"] == "application/pdf"
    disposition = got.headers["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=UTF-8''" in disposition
    assert "\n" not in disposition and '"最终"' not in disposition


@pytest.mark.parametrize(("data", "name", "status", "code"), [
    (EXE, "施工许可申请表.pdf", 415, "material_type_refused"),
    (HTML, "规划图.pdf", 415, "material_type_refused"),
    (b"", "空文件.pdf", 415, "material_type_refused"),
    (PDF, "../../../etc/passwd", 422, "material_name_refused"),
    (PDF, "..\\..\\boot.ini", 422, "material_name_refused"),
    (PDF, "/var/lib/approval/x.pdf", 422, "material_name_refused"),
    (PDF, "evil\x00.pdf", 422, "material_name_refused"),
    (PDF, "a\u202egpj.exe", 422, "material_name_refused"),
    (PDF, "名" * 200 + ".pdf", 422, "material_name_refused"),
])
def test_wrong_type_or_path_trick_is_refused_and_nothing_is_stored(app, step, project, data, name, status, code):
    before = stored(step)
    response = Api(app, "owner").upload(project, data, name)
    assert (response.status_code, response.json["code"]) == (status, code), response.json
    assert set(response.json) == {"code", "message", "errors", "context"} and response.json["message"]
    assert stored(step) == before


def test_oversized_file_is_refused_by_the_engine_limit_and_by_the_request_limit(app, step, project):
    app.config["MATERIAL_MAX_BYTES"] = 1024
    before = stored(step)
    response = Api(app, "owner").upload(project, PDF + b"0" * 1024, "大文件.pdf")
    assert (response.status_code, response.json["code"]) == (413, "material_too_large")
    assert "文件超过大小上限" in response.json["message"]
    app.config["MAX_CONTENT_LENGTH"] = 4096
    response = Api(app, "owner").upload(project, PDF + b"0" * 8192, "更大的文件.pdf")
    assert (response.status_code, response.json["message"]) == (
        413, "上传的文件过大：单个文件不得超过 1 KB，请压缩或拆分后重新上传")
    assert stored(step) == before


@pytest.mark.parametrize("csrf", ["", "not-the-token"])
def test_missing_or_wrong_csrf_token_is_refused(app, step, project, csrf):
    before = stored(step)
    response = Api(app, "owner").upload(project, PDF, "a.pdf", csrf=csrf)
    assert response.status_code == 400 and "CSRF" in response.json["message"]
    assert stored(step) == before


def test_anonymous_another_owner_and_an_uncovered_agent_are_refused(app, step, office, project):
    with step() as s:
        create_user(s, office.runtime, username="owner2", display_name="另一家公司", role="owner",
                    password="demo-2026", organisation="另一家公司")
        now = office.runtime.now()
        grant_authorisation(s, office.runtime, office.actor(s, "owner"), project, {
            "agent_username": "agent", "stages": [1], "acts": ["view"], "valid_from": now,
            "valid_to": now + timedelta(days=5)})
    material = Api(app, "owner").upload(project, PDF, "a.pdf").json
    before = stored(step)
    anonymous = app.test_client().post(f"/api/projects/{project}/materials",
                                       data={"stage": STAGE1, "file": (io.BytesIO(PDF), "a.pdf")})
    assert anonymous.status_code in (400, 401) and anonymous.json["code"].startswith("http_")
    assert Api(app, "owner2").upload(project, PDF, "b.pdf").status_code == 404
    agent = Api(app, "agent").upload(project, PDF, "c.pdf")
    assert (agent.status_code, agent.json["message"]) == (403, "代办授权不包括第1阶段申报")
    other = Api(app, "owner2").client
    assert other.get(f"/api/projects/{project}/materials").status_code == 404
    assert other.get(f"/api/projects/{project}/materials/{material['id']}/content").status_code == 404
    assert app.test_client().get(f"/api/projects/{project}/materials").status_code == 401
    assert stored(step) == before


def test_the_page_refuses_in_chinese_and_stores_nothing(app, step, office, project):
    owner = Person(app, "owner")
    apply_page = f"/projects/{project}/applications/{office.item(project, 'apply').task_id}"  # the task list
    assert "上传材料" in owner.get(apply_page).text
    before = stored(step)
    refused = owner.post(f"/projects/{project}/materials", {"stage": STAGE1, "next": apply_page,
                                                            "file": (io.BytesIO(EXE), "申请表.pdf")})
    assert refused.status_code == 415 and "文件类型不受支持" in refused.text
    assert 'id="f-file-error"' in refused.text and "请上传 PDF、JPEG、PNG 或 OFD 文件" in refused.text
    no_token = owner.post(f"/projects/{project}/materials", {"stage": STAGE1, "file": (io.BytesIO(PDF), "a.pdf")},
                          csrf=False)
    assert no_token.status_code == 400 and "CSRF令牌" in no_token.text
    assert stored(step) == before
    done = owner.post(f"/projects/{project}/materials", {"stage": STAGE1, "next": apply_page,
                                                         "file": (io.BytesIO(PDF), "选址意见书.pdf")})
    assert done.status_code == 302 and done.headers["Location"] == apply_page + "#mat-h"
    page = owner.get(apply_page).text
    assert "选址意见书.pdf" in page and "SHA-256" not in page  # owners are not shown digests
