"""The OpenAPI document tells an integrator every request body: each form's real fields, which form a work
item expects and where its schema is, the departments and the catalogue; every error status is documented.
One request is built from the document alone and succeeds."""

from __future__ import annotations

from openapi_spec_validator import validate

import forms
from engine import DEMO_PASSWORD

METHODS = {"get", "post", "put", "patch", "delete"}


def operations(spec: dict):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def document(app) -> dict:
    spec = app.test_client().get("/api/openapi.json").json
    validate(spec)
    return spec


def test_no_body_is_a_generic_object_and_every_form_is_named(app) -> None:
    spec = document(app)
    schemas = spec["components"]["schemas"]
    assert "FormData" not in schemas
    for key in forms.FORM_KEYS:
        fields = set(schemas[f"Form_{key}"]["properties"])
        assert fields == {name for name, f in forms.schema_for(key).fields.items() if not f.dump_only}, key
    for path, method, operation in operations(spec):
        for media in operation.get("requestBody", {}).get("content", {}).values():
            schema = media["schema"]
            assert "$ref" in schema or "oneOf" in schema or "properties" in schema, (method, path)


def test_every_operation_documents_its_errors_in_the_one_shape(app) -> None:
    spec = document(app)
    for path, method, operation in operations(spec):
        assert {"400", "401", "403", "404", "409", "422"} <= set(operation["responses"]), (method, path)
    error = spec["components"]["responses"]["NOT_FOUND"]["content"]["application/json"]["schema"]["$ref"]
    assert error.endswith("/ErrorOut")


def _example(spec: dict, ref: str, project_code: str, category: str) -> dict:
    """A body built only from the document: required fields, with values chosen from the types,
    formats and enums it gives (the project code pattern is the national 项目代码)."""
    schema = spec["components"]["schemas"][ref.rsplit("/", 1)[1]]
    values = {"project_code": project_code, "category": category}
    body = {}
    for name in schema["required"]:
        prop = schema["properties"][name]
        body[name] = values.get(name) or (prop.get("enum") or [None])[0] or "测试" * max(1, prop.get("minLength", 1))
    return body


def test_a_registration_built_only_from_the_document_is_accepted(app, office) -> None:
    client = app.test_client()
    spec = document(app)
    category = client.get("/api/categories").json[0]["code"]
    operation = spec["paths"]["/api/projects"]["post"]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    body = _example(spec, ref, "2026-420104-70-03-555555", category)
    csrf = client.post("/api/session", json={"username": "owner", "password": DEMO_PASSWORD}).json["csrf_token"]
    response = client.post("/api/projects", json=body, headers={"X-CSRF-Token": csrf})
    assert response.status_code == 201, (body, response.json)


def test_departments_and_the_catalogue_are_readable(app, office) -> None:
    client = app.test_client()
    departments = client.get("/api/departments").json
    assert {"code": "natural_resources", "name": "自然资源和规划局"} in departments
    items = client.get("/api/categories/social_investment_project/catalogue").json
    assert items and {"code", "department_code", "committed_days", "materials"} <= set(items[0])
    missing = client.get("/api/categories/nowhere/catalogue")
    assert missing.status_code == 404 and missing.json["code"] == "not_found"


def test_a_work_item_names_its_form_and_where_its_schema_is(app, office) -> None:
    office.new_project()
    client = app.test_client()
    client.post("/api/session", json={"username": "owner", "password": DEMO_PASSWORD})
    (item,) = client.get("/api/work-items").json
    assert item["form_key"] == "stage_1_application"
    pointer = item["form_schema"]
    assert pointer == "#/components/schemas/Form_stage_1_application"
    assert pointer.rsplit("/", 1)[1] in document(app)["components"]["schemas"]
