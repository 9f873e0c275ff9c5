"""夜间施工审批: apply (a repeat application within the rules is approved at once), the reviewing department's
decision, the supervising department's list and the public notices."""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, Page

import engine
from forms import keys

from .. import auth, db
from .documented import form_body
from .schemas import LIST_PAGE, FormData

blp = Blueprint("api-night-work", __name__, url_prefix="/api", description="夜间施工审批")


class NightWorkOut(ma.Schema):
    id = ma.fields.Integer()
    project_code = ma.fields.String()
    general_contractor = ma.fields.String()
    contractor_credit_code = ma.fields.String()
    works = ma.fields.String()
    reason = ma.fields.String()
    first_night = ma.fields.Date()
    last_night = ma.fields.Date()
    nights = ma.fields.Integer()
    start_time = ma.fields.String()
    end_time = ma.fields.String()
    noise_measures = ma.fields.String()
    status = ma.fields.String(metadata={"description": "pending 审查中 / approved 已准予 / refused 不予准许"})
    status_name = ma.fields.String()
    basis = ma.fields.String(allow_none=True, metadata={"description": "review 部门审查 / repeat_rule 按规则即时核准"})
    basis_name = ma.fields.String()
    opinion = ma.fields.String()
    certificate_number = ma.fields.String(allow_none=True)
    submitted_at = ma.fields.DateTime()
    decided_at = ma.fields.DateTime(allow_none=True)


class NightWorkRowOut(ma.Schema):
    permit = ma.fields.Nested(NightWorkOut)
    project_name = ma.fields.String()
    site_address = ma.fields.String()


@blp.route("/projects/<string:code>/night-work")
class ProjectNightWork(MethodView):
    @blp.response(200, NightWorkOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, code: str) -> object:
        """本项目的夜间施工申请（新的在前）"""
        return engine.night_work_for_project(db.session(), db.runtime(), auth.require_actor(), code)

    @blp.arguments(FormData)
    @form_body(keys.NIGHT_WORK_APPLICATION)
    @blp.response(201, NightWorkOut)
    def post(self, data: dict, code: str) -> object:
        """申请夜间施工（表单 night_work_application：general_contractor、contractor_credit_code、works、reason、
        first_night、last_night、start_time、end_time（22:00至次日06:00之内）、resident_agreement、noise_measures）；
        同一工地同一施工单位的重复申请按规则即时核准"""
        return engine.apply_night_work(db.session(), db.runtime(), auth.require_actor(), code, data)


@blp.route("/night-work/<int:permit_id>/decision")
class Decision(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.NIGHT_WORK_DECISION)
    @blp.response(200, NightWorkOut)
    def post(self, data: dict, permit_id: int) -> object:
        """审查部门作出决定（表单 night_work_decision：decision approve/refuse、opinion，不予准许须写明理由）"""
        return engine.decide_night_work(db.session(), db.runtime(), auth.require_actor(), permit_id, data)


@blp.route("/night-work/reviews")
class Reviews(MethodView):
    @blp.response(200, NightWorkRowOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> object:
        """待审查的夜间施工申请（审查部门）"""
        return engine.review_queue(db.session(), auth.require_actor())


@blp.route("/supervision/night-work")
class Supervision(MethodView):
    @blp.response(200, NightWorkRowOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> object:
        """已准予、尚未结束的夜间施工（推送监管部门）"""
        return engine.supervision_list(db.session(), db.runtime(), auth.require_actor())


@blp.route("/night-work/notices")
class Notices(MethodView):
    @blp.response(200, NightWorkRowOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> object:
        """夜间施工公示（无需登录）"""
        return engine.public_night_work_notices(db.session(), db.runtime())
