"""The OpenAPI document validates, and every documented endpoint answers as documented.

Schemathesis generates requests for every operation of ``/api/openapi.json`` and sends them to the
WSGI app, signed in as a real user (the session cookie plus the CSRF header) and anonymously; each
answer must be no 5xx, have a documented status and content type, and match the documented schema
(errors included: the one error shape). Examples per operation are capped to keep the run short.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import FailureGroup, not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .scene import build
from .support import csrf_in

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 8
SIGNS_OUT = ("DELETE", "/api/session")


def test_the_openapi_document_validates(app) -> None:
    spec = app.test_client().get("/api/openapi.json").json
    validate(spec)
    assert spec["components"]["schemas"]["ErrorOut"]["required"] == ["code", "context", "errors", "message"]


@pytest.mark.parametrize("username", ["owner", "exam_natural_resources", None])
def test_every_documented_endpoint_answers_as_documented(app, office, scene, username) -> None:
    # real projects, work items and certificates behind the generated requests
    sides = scene("two owners' sides", lambda: build(office))
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    headers = _signed_in(app, username)
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if username is not None and (operation.method.upper(), operation.path) == SIGNS_OUT:
            continue  # would end the session the rest of the run uses (tested anonymously)
        failures += _exercise(operation, headers)
        failures += _exercise_known(app, operation, headers, sides["A"])
    assert failures == [], "\n".join(failures)


def _signed_in(app, username: str | None) -> dict[str, str]:
    client = app.test_client()
    token = csrf_in(client.get("/login").text)
    if username is not None:
        response = client.post("/login", data={"username": username, "password": "demo-2026", "csrf_token": token})
        assert response.status_code == 302
    with client.session_transaction() as cookie:
        token = cookie["csrf"]
    return {"Cookie": f"session={client.get_cookie('session').value}", "X-CSRF-Token": token}


def _exercise(operation, headers: dict[str, str]) -> list[str]:
    failures: list[str] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case) -> None:
        _check(case, headers, failures)

    run()
    return failures


def _exercise_known(app, operation, headers: dict[str, str], side) -> list[str]:
    """Once more with real ids in the path, so the answers that carry data are checked too."""
    ids = side.ids
    cases = {"commitments": ids["commitment"], "tolerance-cases": ids["tolerance"]}
    known = {"code": ids["code"], "number": ids["certificate"], "instance_id": ids["instance"],
             "task_id": ids["review"], "authorisation_id": ids["grant"], "material_id": ids["material"],
             "follow_up_id": ids["follow_up"], "application_id": ids["phase"], "permit_id": ids["pre_permit"],
             "extension_id": ids["extension"], "category": "social_investment_project", "review_id": 1,
             "notification_id": 1, "service_id": 1,
             "case_id": cases.get(operation.path.split("/")[2])}
    names = [p.name for p in operation.path_parameters]
    if not names:
        return []
    failures: list[str] = []
    body = {"body": {}, "media_type": "application/json"} if list(operation.body) else {}
    case = operation.Case(path_parameters={n: known[n] for n in names}, **body)
    _check(case, headers, failures)
    return failures


def _check(case, headers: dict[str, str], failures: list[str]) -> None:
    response = case.call(headers=headers)
    try:
        case.validate_response(response, checks=CHECKS)
    except FailureGroup as exc:  # collect every operation's failures, report them together
        failures.append(f"{case.method} {case.formatted_path} → {response.status_code}: {exc}"[:600])
