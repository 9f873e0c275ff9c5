"""What the OpenAPI document says about request bodies and errors, so that an integrator needs no guessing.

Every form of ``forms`` is a component named ``Form_<form key>`` with its real fields. An operation whose
body is a form documents that component (``form_body``); parsing stays with the engine, which validates
with the same schema (one source of truth: the document is generated from it). Operations whose engine
checks the body by hand get a small schema here (``doc_only``). Every error answer of every operation is
documented with the one error shape (``ErrorResponses``).
"""

from __future__ import annotations

from collections.abc import Callable
from http import HTTPStatus
from typing import Any

import marshmallow as ma
from apispec import BasePlugin
from flask_smorest import Api, Blueprint

import forms
from forms import keys

PREFIX = "Form_"
ERRORS = (400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503)
"""What any operation may answer besides its success: bad JSON 400, sign-in 401, not allowed 403, not
found 404, conflict 409, too large 413, wrong type 415, invalid data 422, throttled 429, 500, missing
holiday schedule 503 — always the one error shape."""
TASK_FORMS = (keys.STAGE_1_APPLICATION, keys.STAGE_2_APPLICATION, keys.STAGE_3_APPLICATION, keys.STAGE_23_APPLICATION,
              keys.STAGE_4_APPLICATION, keys.ACCEPTANCE_DECISION, keys.REVIEW_DECISION, keys.ISSUANCE,
              keys.RESUBMISSION_DECISION, keys.COMPREHENSIVE_ISSUANCE, keys.JOINT_SITE_INSPECTION)
"""The forms of work items completed through ``/api/instances/{id}/tasks/{task_id}/completion``."""


def schema_ref(form_key: str) -> str:
    return f"#/components/schemas/{PREFIX}{form_key}"


def register_forms(api: Api) -> None:
    for key in sorted(forms.FORM_KEYS):
        api.spec.components.schema(f"{PREFIX}{key}", schema=type(forms.schema_for(key)))


def form_body(*form_keys: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Document the body as the form's schema (one of them, when a work item decides which)."""
    refs = [{"$ref": schema_ref(k)} for k in form_keys]
    schema = refs[0] if len(refs) == 1 else {"oneOf": refs}
    return _body(schema, "" if len(refs) == 1 else "表单由事项决定：待办事项的 form_key 与 form_schema 指明")


def doc_only(schema: type[ma.Schema], name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return _body({"$ref": f"#/components/schemas/{name}"}, "", (name, schema))


_PENDING: list[tuple[str, type[ma.Schema]]] = []


def _body(schema: dict[str, Any], description: str,
          component: tuple[str, type[ma.Schema]] | None = None) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    if component is not None:
        _PENDING.append(component)
    body = {"required": True, "content": {"application/json": {"schema": schema}}}
    if description:
        body["description"] = description
    return Blueprint.doc(requestBody=body)


def register_doc_only(api: Api) -> None:
    for name, schema in dict(_PENDING).items():
        api.spec.components.schema(name, schema=schema)


class ErrorResponses(BasePlugin):
    """Every operation lists every error status with the one error shape (flask-smorest's response
    components, which carry the Error schema)."""

    def operation_helper(self, path: str | None = None, operations: dict[str, Any] | None = None,
                         **kwargs: Any) -> None:
        for method, operation in (operations or {}).items():
            if method in {"get", "post", "put", "patch", "delete"}:
                responses = operation.setdefault("responses", {})
                for status in ERRORS:
                    responses.setdefault(str(status), HTTPStatus(status).name)


class GrantIn(ma.Schema):
    agent_username = ma.fields.String(required=True, metadata={"description": "帮办代办员的登录名"})
    stages = ma.fields.List(ma.fields.Integer(validate=ma.validate.Range(1, 4)), required=True)
    acts = ma.fields.List(ma.fields.String(validate=ma.validate.OneOf(["apply", "supplement", "resubmit", "view"])),
                          required=True)
    valid_from = ma.fields.DateTime(required=True, metadata={"description": "带时区的日期时间"})
    valid_to = ma.fields.DateTime(required=True)


class RevocationIn(ma.Schema):
    reason = ma.fields.String(validate=ma.validate.Length(max=500))


class SurveyCommissionIn(ma.Schema):
    firm_username = ma.fields.String(required=True, metadata={"description": "测绘单位的登录名"})


class SurveyResultIn(ma.Schema):
    figures = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Dict(), required=True,
                             metadata={"description": "测绘项目 → 指标 → 数值"})
    surveyor = ma.fields.String(required=True, metadata={"description": "注册测绘师"})


class RatingIn(ma.Schema):
    stage = ma.fields.String(required=True)
    level = ma.fields.String(required=True, validate=ma.validate.OneOf(
        ["very_satisfied", "satisfied", "basically_satisfied", "dissatisfied", "very_dissatisfied"]))
    comment = ma.fields.String()


class FollowUpClosureIn(ma.Schema):
    reply = ma.fields.String(required=True)
