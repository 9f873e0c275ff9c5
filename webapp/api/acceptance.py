"""Acceptance modes: the published 容缺 and 告知承诺 lists (no sign-in), 容缺受理 (owner's commitment, window's
acceptance, supply, check), 告知承诺 (owner's commitment, examiner's verification), 先建后验 pre-permits."""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, Page

import engine
from forms import keys

from .. import auth, db
from .documented import form_body
from .schemas import LIST_PAGE, FormData

blp = Blueprint("api-acceptance", __name__, url_prefix="/api", description="容缺受理、告知承诺制与先建后验")


class ToleranceEntryOut(ma.Schema):
    item, name, department_name = ma.fields.String(), ma.fields.String(), ma.fields.String()
    main_materials = ma.fields.List(ma.fields.String())
    tolerable_materials = ma.fields.List(ma.fields.String())
    supplement_days = ma.fields.Integer(metadata={"description": "补正时限（工作日），不超过事项承诺时限"})
    committed_days = ma.fields.Integer()
    method, consequence = ma.fields.String(), ma.fields.String()


class CommitmentEntryOut(ma.Schema):
    item, name, department_name = ma.fields.String(), ma.fields.String(), ma.fields.String()
    conditions, commitment_text = ma.fields.String(), ma.fields.String()
    verification_days = ma.fields.Integer()


class ToleranceCaseOut(ma.Schema):
    id = ma.fields.Integer()
    item, status, status_name = ma.fields.String(), ma.fields.String(), ma.fields.String()
    item_name = ma.fields.String()
    missing_materials = ma.fields.List(ma.fields.String())
    notice_number = ma.fields.String(allow_none=True)
    supplement_days, days_used, days_left = ma.fields.Integer(), ma.fields.Integer(), ma.fields.Integer()
    supplement_due = ma.fields.DateTime(allow_none=True)
    grace_due = ma.fields.DateTime(allow_none=True)


class CommitmentCaseOut(ma.Schema):
    id = ma.fields.Integer()
    item, status, status_name = ma.fields.String(), ma.fields.String(), ma.fields.String()
    item_name = ma.fields.String()
    certificate_number = ma.fields.String()
    verification_due = ma.fields.DateTime()
    findings = ma.fields.String(allow_none=True)


class PrePermitOut(ma.Schema):
    id = ma.fields.Integer()
    project_code, scope, status, status_name = ma.fields.String(), ma.fields.String(), ma.fields.String(), \
        ma.fields.String()
    valid_until = ma.fields.Date()
    certificate_number = ma.fields.String()
    permit_number = ma.fields.String(allow_none=True)
    works_flagged = ma.fields.Boolean()


class OverviewOut(ma.Schema):
    tolerance = ma.fields.List(ma.fields.Nested(ToleranceCaseOut))
    commitments = ma.fields.List(ma.fields.Nested(CommitmentCaseOut))
    pre_permits = ma.fields.List(ma.fields.Nested(PrePermitOut))


class ToleranceAcceptedOut(ma.Schema):
    instance_id = ma.fields.Integer()
    task_name, instance_status = ma.fields.String(), ma.fields.String()
    outcome = ma.fields.String(allow_none=True)


class CreditOut(ma.Schema):
    id = ma.fields.Integer()
    owner_name, reason = ma.fields.String(), ma.fields.String()


@blp.route("/public/tolerance-list")
class ToleranceList(MethodView):
    @blp.response(200, ToleranceEntryOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> object:
        """容缺受理清单（公开，无需登录）"""
        return list(engine.tolerance_list())


@blp.route("/public/commitment-list")
class CommitmentList(MethodView):
    @blp.response(200, CommitmentEntryOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> object:
        """告知承诺事项清单（公开，无需登录）"""
        return list(engine.commitment_list())


@blp.route("/instances/<int:instance_id>/tolerance-commitments")
class ToleranceCommitments(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.TOLERANCE_COMMITMENT)
    @blp.response(201, ToleranceCaseOut)
    def post(self, data: dict, instance_id: int) -> object:
        """建设单位签署容缺受理承诺书：item、missing_materials、confirmed"""
        return engine.sign_tolerance_commitment(db.session(), db.runtime(), auth.require_actor(), instance_id, data)


@blp.route("/instances/<int:instance_id>/tasks/<string:task_id>/tolerance-acceptance")
class ToleranceAcceptance(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.TOLERANCE_ACCEPTANCE)
    @blp.response(200, ToleranceAcceptedOut)
    def post(self, data: dict, instance_id: int, task_id: str) -> object:
        """综合窗口容缺受理：item、present_materials、opinion"""
        return engine.accept_with_tolerance(db.session(), db.runtime(), auth.require_actor(), instance_id, task_id,
                                            data)


@blp.route("/tolerance-cases/<int:case_id>/supply")
class ToleranceSupply(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.TOLERANCE_SUPPLY)
    @blp.response(200, ToleranceCaseOut)
    def post(self, data: dict, case_id: int) -> object:
        """补正容缺材料：materials"""
        return engine.supply_tolerance_materials(db.session(), db.runtime(), auth.require_actor(), case_id, data)


@blp.route("/tolerance-cases/<int:case_id>/check")
class ToleranceCheck(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.TOLERANCE_CHECK)
    @blp.response(200, ToleranceCaseOut)
    def post(self, data: dict, case_id: int) -> object:
        """综合窗口核验补正材料：decision（pass/fail）、opinion"""
        return engine.check_tolerance_supply(db.session(), db.runtime(), auth.require_actor(), case_id, data)


@blp.route("/projects/<string:code>/acceptance-modes")
class Overview(MethodView):
    @blp.response(200, OverviewOut)
    def get(self, code: str) -> object:
        """本项目的容缺事项（补正期限已用/剩余工作日）、告知承诺事项和预许可"""
        return engine.acceptance_overview(db.session(), db.runtime(), auth.require_actor(), code)


@blp.route("/projects/<string:code>/commitments")
class Commitments(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.COMMITMENT_APPLICATION)
    @blp.response(201, CommitmentCaseOut)
    def post(self, data: dict, code: str) -> object:
        """建设单位确认告知承诺：item、confirmed；当场作出审批决定"""
        return engine.apply_with_commitment(db.session(), db.runtime(), auth.require_actor(), code, data)


@blp.route("/commitments/<int:case_id>/verification")
class Verification(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.COMMITMENT_VERIFICATION)
    @blp.response(200, CommitmentCaseOut)
    def post(self, data: dict, case_id: int) -> object:
        """告知承诺事后核查：decision（pass/breach）、site_visit、findings、ban"""
        return engine.verify_commitment(db.session(), db.runtime(), auth.require_actor(), case_id, data)


@blp.route("/projects/<string:code>/pre-permits")
class PrePermits(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.PRE_PERMIT_APPLICATION)
    @blp.response(201, PrePermitOut)
    def post(self, data: dict, code: str) -> object:
        """申请施工预许可（先建后验，告知承诺）"""
        return engine.issue_pre_permit(db.session(), db.runtime(), auth.require_actor(), code, data)


@blp.route("/pre-permits/<int:permit_id>/conversion")
class Conversion(MethodView):
    @blp.response(200, PrePermitOut)
    def post(self, permit_id: int) -> object:
        """预许可转为正式施工许可（沿用申请材料）"""
        return engine.convert_pre_permit(db.session(), db.runtime(), auth.require_actor(), permit_id)


@blp.route("/supervision/pre-permits")
class FlaggedPrePermits(MethodView):
    @blp.response(200, PrePermitOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> object:
        """已过期的预许可（继续施工须查处）"""
        return engine.flagged_pre_permits(db.session(), auth.require_actor())


class CreditRecordIn(ma.Schema):
    case_id = ma.fields.Integer(required=True, validate=ma.validate.Range(min=1, max=2**31 - 1),
                                metadata={"description": "核查认定未履行承诺的告知承诺事项编号"})
    reason = ma.fields.String(required=True, validate=ma.validate.Length(max=500), metadata={"description": "失信原因"})


@blp.route("/credit-records")
class CreditRecords(MethodView):
    @blp.arguments(CreditRecordIn)
    @blp.response(201, CreditOut)
    def post(self, data: dict) -> object:
        """记录失信信息：仅限核查认定未履行承诺的审批部门，针对该告知承诺事项"""
        return engine.report_bad_credit(db.session(), db.runtime(), auth.require_actor(), data["case_id"],
                                        data["reason"])
