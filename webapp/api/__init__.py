"""The JSON API (flask-smorest): the same use cases as the pages, OpenAPI served at /api/openapi.json."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

from .schemas import ErrorOut


class ApprovalApi(Api):
    """Documents the one error shape (code, message, errors, context) every error answer has."""

    ERROR_SCHEMA = ErrorOut


def init_app(app: Flask) -> None:
    from . import (
        acceptance,
        agency,
        certificates,
        construction,
        materials,
        night_work,
        projects,
        ratings,
        session,
        supervision,
        time_limits,
        work_items,
    )

    api = ApprovalApi(app, spec_kwargs={"info": {"description": "工程建设项目审批：项目、办件、待办与审批决定"}})
    for module in (session, projects, work_items, agency, certificates, supervision, materials, ratings, acceptance,
                   construction, night_work, time_limits):
        api.register_blueprint(module.blp)
