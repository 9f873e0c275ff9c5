"""Special procedures (特别程序) and extensions (延期) of an item's time limit."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint, Page

import engine

from .. import auth, db
from .schemas import (
    LIST_PAGE,
    ExtensionDecisionIn,
    ExtensionLineOut,
    ExtensionOut,
    ExtensionRequestIn,
    ProcedureOut,
    SpecialProcedureIn,
    SpecialProcedureResultIn,
    TimeAdjustmentsOut,
)

blp = Blueprint("api-time-limits", __name__, url_prefix="/api", description="特别程序与延期")


@blp.route("/work-items/<string:task_id>/special-procedures")
class SpecialProcedures(MethodView):
    @blp.arguments(SpecialProcedureIn)
    @blp.response(201, ProcedureOut)
    def post(self, data: dict, task_id: str) -> object:
        """启动特别程序：事项时限暂停，特别程序按自身时限计时"""
        return engine.start_special_procedure(db.session(), db.runtime(), auth.require_actor(), task_id, data)


@blp.route("/work-items/<string:task_id>/special-procedure-result")
class SpecialProcedureResult(MethodView):
    @blp.arguments(SpecialProcedureResultIn)
    @blp.response(200, ProcedureOut)
    def post(self, data: dict, task_id: str) -> object:
        """记录特别程序结果：特别程序结束，事项时限恢复计算"""
        return engine.end_special_procedure(db.session(), db.runtime(), auth.require_actor(), task_id, data)


@blp.route("/work-items/<string:task_id>/extension-requests")
class ExtensionRequests(MethodView):
    @blp.arguments(ExtensionRequestIn)
    @blp.response(201, ExtensionOut)
    def post(self, data: dict, task_id: str) -> object:
        """申请延期：须经部门负责人批准后才改变办理期限"""
        return engine.request_extension(db.session(), db.runtime(), auth.require_actor(), task_id, data)


@blp.route("/extension-requests")
class PendingExtensions(MethodView):
    @blp.response(200, ExtensionLineOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> list:
        """本部门待审批的延期申请（部门负责人）"""
        return engine.pending_extensions(db.session(), auth.require_actor())


@blp.route("/extension-requests/<int:extension_id>/decision")
class ExtensionDecision(MethodView):
    @blp.arguments(ExtensionDecisionIn)
    @blp.response(200, ExtensionOut)
    def post(self, data: dict, extension_id: int) -> object:
        """审批延期申请（部门负责人）：批准后办理期限顺延，时限提醒随之调整"""
        return engine.decide_extension(db.session(), db.runtime(), auth.require_actor(), extension_id, data)


@blp.route("/projects/<string:code>/time-adjustments")
class TimeAdjustments(MethodView):
    @blp.response(200, TimeAdjustmentsOut)
    def get(self, code: str) -> object:
        """项目的特别程序（含各自的时限状态）与延期"""
        return engine.time_adjustments(db.session(), db.runtime(), auth.require_actor(), code)
