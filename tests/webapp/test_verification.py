"""Public certificate verification (一码查询) and certificate downloads through the web application."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from engine import reissue_certificate, revoke_certificate
from engine.issuance import Certificate
from tests.support.office import Office

NOT_FOUND_BODY = {"code": "not_found", "message": "未找到该证照", "errors": {}, "context": {}}


@pytest.fixture(autouse=True)
def _default_settings(monkeypatch):
    monkeypatch.delenv("APPROVAL_PUBLIC_BASE_URL", raising=False)
    monkeypatch.delenv("APPROVAL_AREA_CODE", raising=False)




@pytest.fixture
def anonymous(app):
    return app.test_client()


def signed_in(app, username: str):
    client = app.test_client()
    response = client.post("/api/session", json={"username": username, "password": "demo-2026"})
    assert response.status_code == 200, response.json
    client.environ_base["HTTP_X_CSRF_TOKEN"] = response.json["csrf_token"]
    return client


@pytest.fixture
def land_permit(office: Office, step, scene) -> dict:
    """A project through stage 1: its 建设用地规划许可证 is issued."""
    return scene("stage 1 issued: the land permit", lambda: _issue_land_permit(office, step))


def _issue_land_permit(office: Office, step) -> dict:
    code, _ = office.new_project()
    office.finish_stage(code)
    with step(write=False) as s:
        cert = s.scalar(select(Certificate).where(Certificate.project_code == code))
        return {"code": code, "number": cert.number, "sha256": cert.sha256}


def test_a_valid_certificate_is_shown_without_login(anonymous, land_permit):
    page = anonymous.get(f"/verify/{land_permit['number']}")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    for text in ("有效", f"地字第{land_permit['number']}号", "建设用地规划许可证", "示例置业有限公司",
                 "汉江湾示范住宅小区", "武汉市硚口区自然资源和规划局", "2026年11月2日", land_permit["sha256"]):
        assert text in html, text
    assert "13800138000" not in html  # the application's contact data is not public

    answer = anonymous.get(f"/api/certificates/{land_permit['number']}/verification")
    assert answer.status_code == 200
    body = answer.json
    assert (body["status"], body["status_name"], body["kind"]) == ("valid", "有效", "land_use_planning_permit")
    assert (body["holder"], body["issue_date"], body["sha256"]) == ("示例置业有限公司", "2026-11-02",
                                                                     land_permit["sha256"])
    assert {"label": "用地项目名称", "value": "汉江湾示范住宅小区"} in body["fields"]
    assert body["successor_number"] is None


def test_a_superseded_certificate_links_its_successor(anonymous, land_permit, office: Office, step, runtime):
    with step() as s:
        new = reissue_certificate(s, runtime, office.actor(s, "exam_natural_resources"), land_permit["number"],
                                  {"用地面积": "26000.00平方米"}).number
    html = anonymous.get(f"/verify/{land_permit['number']}").get_data(as_text=True)
    assert "已被替代" in html and f'href="/verify/{new}"' in html
    body = anonymous.get(f"/api/certificates/{land_permit['number']}/verification").json
    assert (body["status"], body["successor_number"]) == ("superseded", new)
    successor = anonymous.get(f"/api/certificates/{new}/verification").json
    assert (successor["status_name"], successor["predecessor_number"]) == ("有效", land_permit["number"])


def test_a_revoked_certificate_says_so_with_the_reason(anonymous, land_permit, office: Office, step, runtime):
    reason = "用地手续经核查不实"
    with step() as s:
        revoke_certificate(s, runtime, office.actor(s, "exam_natural_resources"), land_permit["number"], reason)
    html = anonymous.get(f"/verify/{land_permit['number']}").get_data(as_text=True)
    assert "已撤销" in html and reason in html
    body = anonymous.get(f"/api/certificates/{land_permit['number']}/verification").json
    assert (body["status"], body["revocation_reason"]) == ("revoked", reason)


def test_an_unknown_or_forged_number_answers_404_with_no_details(anonymous, land_permit):
    number = land_permit["number"]
    forged = number[:-1] + str((int(number[-1]) + 1) % 10)
    bodies = []
    for candidate in (forged, "420104202699999", "LY42010420269999", "no-such-thing"):
        answer = anonymous.get(f"/api/certificates/{candidate}/verification")
        assert answer.status_code == 404
        bodies.append(answer.json)
        page = anonymous.get(f"/verify/{candidate}")
        html = page.get_data(as_text=True)
        assert page.status_code == 404 and "未找到该证照" in html
        assert candidate not in html and "示例置业" not in html
    assert bodies == [NOT_FOUND_BODY] * 4


def test_the_owner_downloads_the_pdf_and_others_find_nothing(app, anonymous, land_permit):
    owner = signed_in(app, "owner")
    listed = owner.get(f"/api/projects/{land_permit['code']}/certificates")
    assert listed.status_code == 200
    assert [(c["number"], c["status_name"], c["title"]) for c in listed.json] == [
        (land_permit["number"], "有效", "建设用地规划许可证")]
    download = owner.get(f"/api/certificates/{land_permit['number']}/pdf")
    assert download.status_code == 200 and download.mimetype == "application/pdf"
    assert hashlib.sha256(download.data).hexdigest() == land_permit["sha256"]
    assert f'filename="{land_permit["number"]}.pdf"' in download.headers["Content-Disposition"]

    assert signed_in(app, "window").get(f"/api/certificates/{land_permit['number']}/pdf").status_code == 200
    stranger = signed_in(app, "exam_traffic_police")
    refused = stranger.get(f"/api/certificates/{land_permit['number']}/pdf")
    unknown = stranger.get("/api/certificates/420104202699999/pdf")
    assert (refused.status_code, refused.json) == (404, NOT_FOUND_BODY) == (unknown.status_code, unknown.json)
    assert anonymous.get(f"/api/certificates/{land_permit['number']}/pdf").status_code == 401


def test_the_issuing_department_revokes_through_the_api(app, anonymous, land_permit):
    url = f"/api/certificates/{land_permit['number']}/revocation"
    assert signed_in(app, "owner").post(url, json={"reason": "不想要了"}).status_code == 403
    examiner = signed_in(app, "exam_natural_resources")
    assert examiner.post(url, json={}).status_code == 422
    revoked = examiner.post(url, json={"reason": "用地手续经核查不实"})
    assert (revoked.status_code, revoked.json["status"]) == (200, "revoked")
    assert anonymous.get(f"/api/certificates/{land_permit['number']}/verification").json["status_name"] == "已撤销"
