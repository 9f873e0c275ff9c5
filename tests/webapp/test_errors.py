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
