"""The JSON API (flask-smorest): the same use cases as the pages, OpenAPI served at /api/openapi.json."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api


def init_app(app: Flask) -> None:
    from . import agency, certificates, construction, projects, session, work_items

    api = Api(app, spec_kwargs={"info": {"description": "工程建设项目审批：项目、办件、待办与审批决定"}})
    for module in (session, projects, work_items, agency, certificates, construction):
        api.register_blueprint(module.blp)
