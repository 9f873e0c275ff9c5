"""帮办代办: owners grant and revoke authorisations; agents list their delegated projects.

Agents act on the owner's tasks through the ordinary endpoints (work items, completion, supplement,
progress, audit trail): the engine finds the grant in force and records "agent X for owner Y".
"""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, Page

import engine

from .. import auth, db
from .schemas import LIST_PAGE, FormData

blp = Blueprint("api-agency", __name__, url_prefix="/api", description="帮办代办授权")


class GrantOut(ma.Schema):
    """An authorisation as its owner granted it (the answer to granting or revoking)."""

    id = ma.fields.Integer()
    project_code = ma.fields.String()
    stages = ma.fields.List(ma.fields.Integer())
    acts = ma.fields.List(ma.fields.String())
    valid_from = ma.fields.DateTime()
    valid_to = ma.fields.DateTime()
    status = ma.fields.String(metadata={"description": "granted 已授权 / revoked 已撤销"})
    granted_at = ma.fields.DateTime()
    revoked_at = ma.fields.DateTime(allow_none=True)
    revoke_reason = ma.fields.String(allow_none=True)


class AuthorisationOut(GrantOut):
    """An authorisation in a list: the grant with the names a person reads, and its state right now."""

    project_name = ma.fields.String()
    owner_name = ma.fields.String()
    agent_username = ma.fields.String()
    agent_name = ma.fields.String()
    stage_names = ma.fields.List(ma.fields.String())
    act_names = ma.fields.List(ma.fields.String())
    state = ma.fields.String(metadata={"description": "此刻：有效 / 未生效 / 已过期 / 已撤销"})


class DelegatedProjectOut(ma.Schema):
    project_code = ma.fields.String()
    project_name = ma.fields.String()
    owner_name = ma.fields.String()
    authorisations = ma.fields.List(ma.fields.Nested(AuthorisationOut))


@blp.route("/projects/<string:code>/authorisations")
class ProjectAuthorisations(MethodView):
    @blp.response(200, AuthorisationOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, code: str) -> list:
        """本项目的代办授权（建设单位）"""
        return engine.project_authorisations(db.session(), auth.require_actor(), code, runtime=db.runtime())

    @blp.arguments(FormData)
    @blp.response(201, GrantOut)
    def post(self, data: dict, code: str) -> object:
        """授权帮办代办员：agent_username、stages（1–4）、acts（apply 申报、supplement 补正、resubmit 退回后处理/撤回、
        view 查看）、valid_from、valid_to（带时区的日期时间）"""
        return engine.grant_authorisation(db.session(), db.runtime(), auth.require_actor(), code, data)


@blp.route("/authorisations/<int:authorisation_id>/revocation")
class Revocation(MethodView):
    @blp.arguments(FormData)
    @blp.response(200, GrantOut)
    def post(self, data: dict, authorisation_id: int) -> object:
        """撤销代办授权（可填 reason）；撤销后代办员的任何请求都被拒绝"""
        return engine.revoke_authorisation(db.session(), db.runtime(), auth.require_actor(), authorisation_id, data)


@blp.route("/agent/projects")
class AgentProjects(MethodView):
    @blp.response(200, DelegatedProjectOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> list:
        """我代办的项目（帮办代办员）：此刻有效的授权"""
        return engine.delegated_projects(db.session(), auth.require_actor(), runtime=db.runtime())


@blp.route("/agent/authorisations")
class AgentAuthorisations(MethodView):
    @blp.response(200, AuthorisationOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> list:
        """我收到的全部代办授权（含已撤销、已过期）"""
        return engine.agent_authorisations(db.session(), auth.require_actor(), runtime=db.runtime())
