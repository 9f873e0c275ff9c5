"""好差评: the owner rates an issued stage; departments and supervisors follow up bad ratings (整改回访)."""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, Page

import engine

from .. import auth, db
from .documented import FollowUpClosureIn, RatingIn, doc_only
from .schemas import LIST_PAGE, FormData

blp = Blueprint("api-ratings", __name__, url_prefix="/api", description="好差评与整改回访")


class FollowUpOut(ma.Schema):
    id = ma.fields.Integer()
    project_code = ma.fields.String()
    project_name = ma.fields.String()
    stage = ma.fields.String()
    stage_name = ma.fields.String()
    department_code = ma.fields.String()
    department_name = ma.fields.String()
    level = ma.fields.String()
    level_name = ma.fields.String()
    comment = ma.fields.String()
    status = ma.fields.String(metadata={"description": "open 整改中 / closed 已办结"})
    opened_at = ma.fields.DateTime()
    due_on = ma.fields.Date(metadata={"description": "整改期限（15个工作日）"})
    reply = ma.fields.String(allow_none=True)
    closed_at = ma.fields.DateTime(allow_none=True)


class StageRatingOut(ma.Schema):
    number = ma.fields.Integer()
    stage = ma.fields.String()
    name = ma.fields.String()
    issued = ma.fields.Boolean()
    may_rate = ma.fields.Boolean()
    level = ma.fields.String(allow_none=True)
    level_name = ma.fields.String(allow_none=True)
    comment = ma.fields.String()
    rated_at = ma.fields.DateTime(allow_none=True)
    follow_up = ma.fields.Nested(FollowUpOut, allow_none=True)


class RatingOut(ma.Schema):
    id = ma.fields.Integer()
    project_code = ma.fields.String()
    stage = ma.fields.String()
    level = ma.fields.String()
    comment = ma.fields.String()
    rated_at = ma.fields.DateTime()


class ClosedOut(ma.Schema):
    id = ma.fields.Integer()
    project_code = ma.fields.String()
    stage = ma.fields.String()
    status = ma.fields.String()
    reply = ma.fields.String()
    closed_at = ma.fields.DateTime()


class FollowUpArgs(ma.Schema):
    open_only = ma.fields.Boolean(load_default=False)


@blp.route("/projects/<string:code>/ratings")
class Ratings(MethodView):
    @blp.response(200, StageRatingOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, code: str) -> list:
        """各阶段的服务评价及整改回访（回复）"""
        return engine.project_ratings(db.session(), db.runtime(), auth.require_actor(), code)

    @blp.arguments(FormData)
    @doc_only(RatingIn, "RatingIn")
    @blp.response(201, RatingOut)
    def post(self, data: dict, code: str) -> object:
        """评价已办结阶段的服务（建设单位本人）：stage、level（very_satisfied 非常满意、satisfied 满意、
        basically_satisfied 基本满意、dissatisfied 不满意、very_dissatisfied 非常不满意）、comment（可选）"""
        return engine.rate_service(db.session(), db.runtime(), auth.require_actor(), code, data)


@blp.route("/follow-ups")
class FollowUps(MethodView):
    @blp.arguments(FollowUpArgs, location="query")
    @blp.response(200, FollowUpOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, args: dict) -> list:
        """整改回访：本部门的（审批人员、部门负责人）或全部的（电子监察）"""
        return engine.follow_ups(db.session(), auth.require_actor(), open_only=args["open_only"])


@blp.route("/follow-ups/<int:follow_up_id>/closure")
class Closure(MethodView):
    @blp.arguments(FormData)
    @doc_only(FollowUpClosureIn, "FollowUpClosureIn")
    @blp.response(200, ClosedOut)
    def post(self, data: dict, follow_up_id: int) -> object:
        """办结整改回访（牵头部门负责人）：reply 整改情况和回访结果，建设单位可见"""
        return engine.close_follow_up(db.session(), db.runtime(), auth.require_actor(), follow_up_id, data)
