"""Projects: register, list, start the approval, progress, audit trail, open supplement requests."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, Page

import engine
from forms import keys

from .. import auth, db
from .documented import form_body
from .schemas import LIST_PAGE, AuditEventOut, ClockOut, FormData, InstanceOut, ProgressOut, ProjectOut, SupplementOut

blp = Blueprint("api-projects", __name__, url_prefix="/api/projects", description="项目与办件")


@blp.route("")
class Projects(MethodView):
    @blp.response(200, ProjectOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> list:
        """我的项目（建设单位）"""
        return engine.owned_projects(db.session(), auth.require_actor())

    @blp.arguments(FormData)
    @form_body(keys.PROJECT_REGISTRATION)
    @blp.response(201, ProjectOut)
    def post(self, data: dict) -> object:
        """登记项目（项目代码、名称、类别、建设单位、建设地点）"""
        return engine.register_project(db.session(), db.runtime(), auth.require_actor(), data)


@blp.route("/<string:code>/approval")
class Approval(MethodView):
    @blp.response(201, InstanceOut)
    def post(self, code: str) -> object:
        """启动审批（进入立项用地规划许可阶段）"""
        return engine.start_approval(db.session(), db.runtime(), auth.require_actor(), code)


@blp.route("/<string:code>/progress")
class Progress(MethodView):
    @blp.response(200, ProgressOut)
    def get(self, code: str) -> object:
        """四个阶段的办理进度"""
        return engine.progress(db.session(), auth.require_actor(), code, runtime=db.runtime())


@blp.route("/<string:code>/audit-trail")
class AuditTrail(MethodView):
    @blp.response(200, AuditEventOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, code: str) -> list:
        """办件全过程留痕（按时间顺序，哈希链）"""
        return engine.visible_trail(db.session(), auth.require_actor(), code, runtime=db.runtime())


@blp.route("/<string:code>/supplement-requests")
class SupplementRequests(MethodView):
    @blp.response(200, SupplementOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, code: str) -> list:
        """待补正材料（一次性告知）"""
        return engine.open_supplements(db.session(), auth.require_actor(), code, runtime=db.runtime())


@blp.route("/<string:code>/clocks")
class Clocks(MethodView):
    @blp.response(200, ClockOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, code: str) -> list:
        """各阶段与各事项的办理时限：已用、剩余工作日，暂停原因（补正、特别程序不计入时限）"""
        return engine.project_clocks(db.session(), db.runtime(), auth.require_actor(), code)
