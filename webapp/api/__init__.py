"""The JSON API (flask-smorest): the same use cases as the pages, OpenAPI served at /api/openapi.json."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api
from flask_smorest.spec.plugins import integerconverter2paramschema

from ..guards import IdConverter
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
        documented,
        materials,
        night_work,
        notifications,
        organisation,
        projects,
        ratings,
        session,
        supervision,
        time_limits,
        utility_connection,
        waste_disposal,
        work_items,
    )

    api = ApprovalApi(app, spec_kwargs={"info": {"description": "工程建设项目审批：项目、办件、待办与审批决定"},
                                        "extra_plugins": [documented.ErrorResponses()]})
    documented.register_forms(api)
    api.register_converter(IdConverter, integerconverter2paramschema)
    for module in (session, organisation, projects, work_items, agency, certificates, supervision, materials, ratings,
                   acceptance, construction, night_work, time_limits, waste_disposal, notifications,
                   utility_connection):
        api.register_blueprint(module.blp)
    documented.register_doc_only(api)
