"""No 5xx from any request: each class of bad input gets a 4xx in the one error shape and changes nothing."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from engine import DEMO_PASSWORD
from engine.audit.models import AuditEvent
from engine.processes.models import ProcessInstance
from engine.projects.models import Project

SHAPE = {"code", "message", "errors", "context"}
REGISTRATION = {"project_code": "2026-420104-70-03-000777", "project_name": "并发登记项目",
                "category": "social_investment_project", "owner_name": "示例置业有限公司", "site_address": "武汉市"}


def signed_in(app, username: str = "owner"):
    client = app.test_client()
    body = client.post("/api/session", json={"username": username, "password": DEMO_PASSWORD}).json
    return client, {"X-CSRF-Token": body["csrf_token"]}


def totals(step) -> tuple[int, int, int]:
    with step(write=False) as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Project, ProcessInstance, AuditEvent))


BAD_BODIES = [
    pytest.param(b'{"username":', id="truncated-json"),
    pytest.param(b'{"username": "\xff\xfe"}', id="invalid-utf8"),
    pytest.param(b"[" * 50_000 + b"]" * 50_000, id="deep-nesting"),
    pytest.param(b'{"project_code": ' + b"9" * 5000 + b"}", id="5000-digit-number"),
    pytest.param(b'["a", "list"]', id="not-an-object"),
]


@pytest.mark.parametrize("body", BAD_BODIES)
def test_a_bad_body_is_a_400_in_the_error_shape_also_anonymously(app, office, step, body) -> None:
    before = totals(step)
    anonymous = app.test_client().post("/api/session", data=body, content_type="application/json")
    assert anonymous.status_code in {400, 422} and set(anonymous.json) == SHAPE, anonymous.text
    client, csrf = signed_in(app)
    registered = client.post("/api/projects", data=body, content_type="application/json", headers=csrf)
    assert registered.status_code in {400, 422} and set(registered.json) == SHAPE, registered.text
    assert totals(step) == before


@pytest.mark.parametrize("url", ["/api/instances/2147483648/tasks/x/completion",
                                 "/api/instances/99999999999999999999/tasks/x/supplement",
                                 "/api/tolerance-cases/0/supply"])
def test_an_id_beyond_the_database_range_is_404(app, office, step, url) -> None:
    before = totals(step)
    client, csrf = signed_in(app, "window")
    response = client.post(url, json={"decision": "accept"}, headers=csrf)
    assert response.status_code == 404 and set(response.json) == SHAPE
    assert totals(step) == before


def test_an_id_beyond_the_range_in_a_page_path_is_404(person, office) -> None:
    code, _ = office.new_project()
    response = person("owner").get(f"/projects/{code}/materials/99999999999")
    assert response.status_code == 404


@pytest.mark.parametrize("url", ["/api/work-items?stage=%00", "/api/projects/a%00b/progress",
                                 "/api/projects?page=99999999999999999999", "/api/projects?page=" + "9" * 5000])
def test_nul_bytes_and_out_of_range_query_values_are_422(app, office, url) -> None:
    client, _ = signed_in(app)
    response = client.get(url)
    assert response.status_code == 422 and set(response.json) == SHAPE, response.text


def test_a_nul_in_a_json_string_is_422_and_signs_nobody_in(app, office) -> None:
    client = app.test_client()
    response = client.post("/api/session", json={"username": "owner\u0000", "password": DEMO_PASSWORD})
    assert response.status_code == 422 and response.json["message"].startswith("请求中含有不允许的空字符")
    assert client.get("/api/projects").status_code == 401


def _race(app, n: int, send) -> list[int]:
    clients = [signed_in(app) for _ in range(n)]
    barrier, statuses = threading.Barrier(n), []

    def run(client, csrf) -> None:
        barrier.wait()
        statuses.append(send(client, csrf).status_code)

    threads = [threading.Thread(target=run, args=pair) for pair in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(statuses)


def test_concurrent_identical_registrations_give_one_201_and_409s(app, office, step) -> None:
    statuses = _race(app, 8, lambda c, h: c.post("/api/projects", json=REGISTRATION, headers=h))
    assert statuses == [201] + [409] * 7
    with step(write=False) as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 1


def test_concurrent_approval_starts_give_one_201_and_409s(app, office, step) -> None:
    client, csrf = signed_in(app)
    assert client.post("/api/projects", json=REGISTRATION, headers=csrf).status_code == 201
    url = f"/api/projects/{REGISTRATION['project_code']}/approval"
    statuses = _race(app, 8, lambda c, h: c.post(url, headers=h))
    assert statuses == [201] + [409] * 7
    with step(write=False) as s:
        assert s.scalar(select(func.count()).select_from(ProcessInstance)) == 1
