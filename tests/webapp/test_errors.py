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


def test_a_deadline_in_a_year_without_a_holiday_schedule_is_served_provisionally(app, office, clock) -> None:
    """Accepting a stage on 2027-06-01, before anyone loaded the 2027 schedule, works; the API flags the deadline."""
    from datetime import UTC, datetime

    code, _ = office.new_project()
    office.act(code, "apply")
    clock.value = datetime(2027, 6, 1, 1, 30, tzinfo=UTC)
    window = app.test_client()
    signed_in = window.post("/api/session", json={"username": "window", "password": "demo-2026"}).json
    accept = office.item(code, "accept")
    response = window.post(f"/api/instances/{accept.instance_id}/tasks/{accept.task_id}/completion",
                           json={"decision": "accept"}, headers={"X-CSRF-Token": signed_in["csrf_token"]})
    assert response.status_code == 200
    clocks = window.get(f"/api/projects/{code}/clocks").json
    stage = next(c for c in clocks if c["label"] == "立项用地规划许可")
    assert stage["provisional"] is True and stage["deadline"].startswith("2027-06")
    page = window.get("/healthz").json
    assert page["status"] == "ok" and page["calendar"]["year"] == 2027 and page["calendar"]["year_official"] is False
