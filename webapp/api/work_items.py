"""Work items: inbox, claim/release, complete with a form, answer a supplement request."""

from __future__ import annotations

from typing import Any

from flask import request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from flask_smorest.pagination import PaginationParameters

import engine

from .. import auth, db
from .documented import TASK_FORMS, form_body
from .schemas import CompletedOut, FormData, InboxArgs, SupplementOut, WorkItemOut

blp = Blueprint("api-work-items", __name__, url_prefix="/api", description="待办事项与审批决定")


@blp.route("/work-items")
class Inbox(MethodView):
    @blp.arguments(InboxArgs, location="query")
    @blp.response(200, WorkItemOut(many=True))
    @blp.paginate()
    def get(self, args: dict,
            pagination_parameters: PaginationParameters) -> tuple[list[engine.InboxRow], int, dict[str, str]]:
        """我的待办：当前用户可以办理的事项（按到达时间或办理期限排序，分页）

        翻页请用响应 Link 头中 rel="next" 的地址（按位置翻页，速度与待办总数无关）；总数超过 1000 件时
        X-Pagination 的 total 为 1000，并带 X-Total-Capped: true 头。
        """
        after = args.pop("after")
        page_size = pagination_parameters.page_size
        found = engine.inbox_page(db.session(), auth.require_actor(), engine.InboxFilter(**args), after=after,
                                  page=pagination_parameters.page, per_page=page_size, runtime=db.runtime())
        pagination_parameters.item_count = found.total
        headers = {"X-Total-Capped": "true"} if found.more else {}
        if found.next_after:
            query: dict[str, Any] = {**request.args.to_dict(), "after": found.next_after}
            following = url_for(request.endpoint or "", **query)
            headers["Link"] = f'<{following}>; rel="next"'
        return found.rows, 200, headers


@blp.route("/work-items/<string:task_id>/claim")
class Claim(MethodView):
    @blp.response(200, WorkItemOut)
    def post(self, task_id: str) -> object:
        """签收待办"""
        return engine.claim(db.session(), db.runtime(), auth.require_actor(), task_id)


@blp.route("/work-items/<string:task_id>/release")
class Release(MethodView):
    @blp.response(200, WorkItemOut)
    def post(self, task_id: str) -> object:
        """退回待办池"""
        return engine.release(db.session(), db.runtime(), auth.require_actor(), task_id)


@blp.route("/instances/<int:instance_id>/tasks/<string:task_id>/completion")
class Completion(MethodView):
    @blp.arguments(FormData)
    @form_body(*TASK_FORMS)
    @blp.response(200, CompletedOut)
    def post(self, form: dict, instance_id: int, task_id: str) -> object:
        """办理事项：提交该事项的表单（申请表、受理、审查意见、核发、退回后处理）"""
        return engine.complete_task(db.session(), db.runtime(), auth.require_actor(), instance_id, task_id, form)


@blp.route("/instances/<int:instance_id>/tasks/<string:task_id>/supplement")
class Supplement(MethodView):
    @blp.arguments(FormData)
    @form_body("supplement_submission")
    @blp.response(200, SupplementOut)
    def post(self, form: dict, instance_id: int, task_id: str) -> object:
        """补正材料：回应一次性告知"""
        return engine.submit_supplement(db.session(), db.runtime(), auth.require_actor(), instance_id, task_id, form)
