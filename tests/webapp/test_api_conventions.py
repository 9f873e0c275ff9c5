"""API conventions, checked over the whole OpenAPI document: every list paginates, every error has the
one shape (code, message, errors, context)."""

from __future__ import annotations

import json

from .support import csrf_in

ERROR_KEYS = {"code", "message", "errors", "context"}


class Api:
    """Someone using the JSON API: signed in, the CSRF token sent with every write."""

    def __init__(self, app, username: str):
        self.client = app.test_client()
        response = self.client.post("/api/session", json={"username": username, "password": "demo-2026"})
        self.csrf = response.json["csrf_token"]

    def get(self, url: str):
        return self.client.get(url)

    def post(self, url: str, json: dict):
        return self.client.post(url, json=json, headers={"X-CSRF-Token": self.csrf})


def _lists(spec: dict) -> list[tuple[str, dict]]:
    found = []
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        content = (get or {}).get("responses", {}).get("200", {}).get("content", {})
        if content.get("application/json", {}).get("schema", {}).get("type") == "array":
            found.append((path, get))
    return found


def test_every_list_of_the_api_is_paginated(app) -> None:
    lists = _lists(app.test_client().get("/api/openapi.json").json)
    assert len(lists) >= 9
    for path, get in lists:
        names = {p["name"] for p in get.get("parameters", [])}
        assert {"page", "page_size"} <= names, path
        assert "X-Pagination" in get["responses"]["200"].get("headers", {}), path


def test_a_list_answers_one_page_with_its_totals(app, office) -> None:
    office.new_project()
    client = Api(app, "owner")
    code = client.get("/api/projects").json[0]["code"]
    first = client.get(f"/api/projects/{code}/audit-trail?page=1&page_size=1")
    assert first.status_code == 200 and len(first.json) == 1
    assert json.loads(first.headers["X-Pagination"])["total"] == 2  # registered, started
    second = client.get(f"/api/projects/{code}/audit-trail?page=2&page_size=1")
    assert second.json != first.json and len(second.json) == 1


def test_every_kind_of_error_has_the_one_shape(app, office) -> None:
    anonymous = app.test_client()
    signed_in = Api(app, "owner")
    token = csrf_in(anonymous.get("/login").text)
    answers = {
        401: anonymous.get("/api/work-items"),
        403: Api(app, "window").post("/api/projects", json={}),
        404: signed_in.get("/api/projects/2026-000000-00-00-000000/progress"),
        405: signed_in.client.put("/api/work-items"),
        400: anonymous.post("/api/projects", json={}),  # no CSRF token
        422: signed_in.get("/api/work-items?page_size=100000"),
        "422 form": signed_in.post("/api/projects", json={"project_name": ""}),
        "404 path": signed_in.get("/api/no-such-thing"),
        "login 422": anonymous.post("/api/session", json={"username": ""}, headers={"X-CSRF-Token": token}),
    }
    for label, response in answers.items():
        assert response.is_json, label
        assert set(response.json) == ERROR_KEYS, (label, response.json)
        assert isinstance(response.json["code"], str) and response.json["message"], label
    assert answers["422 form"].json["errors"]["project_name"]
    assert answers[422].json["errors"]["page_size"]
