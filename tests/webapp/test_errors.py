"""Errors: pages get a Chinese page, the API keeps its one JSON shape."""

from __future__ import annotations


def test_pages_get_a_rendered_error_page(person, office) -> None:
    response = person("owner").get("/projects/2026-420104-70-03-999999")
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert "项目不存在" in response.text and '<html lang="zh-CN">' in response.text
    missing = person("owner").get("/no/such/page")
    assert missing.status_code == 404 and "页面或资源不存在" in missing.text


def test_the_api_keeps_its_json_shape(app) -> None:
    client = app.test_client()
    response = client.get("/api/projects")
    assert response.status_code == 401
    assert response.json == {"code": "http_401", "message": "请先登录", "errors": {}, "context": {}}
    invalid = client.post("/api/session", json={"username": "owner"})
    assert invalid.status_code == 422 and invalid.json["code"] == "http_422" and "password" in invalid.json["errors"]


def test_a_post_without_a_session_is_refused_not_redirected(app) -> None:
    response = app.test_client().post("/projects/new", data={})
    assert response.status_code == 400  # no CSRF token in a missing session


def test_a_deadline_in_a_year_without_a_holiday_schedule_is_a_clear_503_and_changes_nothing(app, office, clock):
    """Accepting a stage on 2027-06-01 needs the 2027 schedule, which nobody has loaded: no guessed deadline."""
    from datetime import UTC, datetime

    code, _ = office.new_project()
    office.act(code, "apply")
    clock.value = datetime(2027, 6, 1, 1, 30, tzinfo=UTC)
    window = app.test_client()
    signed_in = window.post("/api/session", json={"username": "window", "password": "demo-2026"}).json
    accept = office.item(code, "accept")
    before = [(i.task_id, i.status) for i in office.items(code)]
    response = window.post(f"/api/instances/{accept.instance_id}/tasks/{accept.task_id}/completion",
                           json={"decision": "accept"}, headers={"X-CSRF-Token": signed_in["csrf_token"]})
    assert response.status_code == 503
    assert response.json["code"] == "calendar_year_not_loaded" and response.json["context"] == {"year": 2027}
    assert "approval calendar load 2027" in response.json["message"]
    assert [(i.task_id, i.status) for i in office.items(code)] == before
