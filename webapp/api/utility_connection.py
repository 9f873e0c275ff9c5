"""水电气联动报装: the owner's one application and its track, the window's acceptance and joint survey, each
utility company's 受理勘查 and 验收开通, and the departments' verification of off-site permits (告知承诺)."""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, Page

import engine
from forms import keys

from .. import auth, db
from .documented import form_body
from .schemas import LIST_PAGE, ClockOut, FormData

blp = Blueprint("api-utility-connection", __name__, url_prefix="/api", description="水电气联动报装")


class ServiceOut(ma.Schema):
    id = ma.fields.Integer()
    service = ma.fields.String(metadata={"description": "water / gas / power_hv_single / power_hv_dual …"})
    name = ma.fields.String()
    company_code = ma.fields.String()
    limit_days = ma.fields.Integer(metadata={"description": "受理至验收开通的办理时限（工作日）"})
    status = ma.fields.String(metadata={"description": "awaiting_survey / surveying / connecting / connected"})
    status_name = ma.fields.String()
    connection_plan = ma.fields.String()
    account_number = ma.fields.String()
    connected_at = ma.fields.DateTime(allow_none=True)


class ServiceLineOut(ma.Schema):
    service = ma.fields.Nested(ServiceOut)
    company = ma.fields.String()
    clock = ma.fields.Nested(ClockOut, allow_none=True, metadata={"description": "受理前为空"})


class PermitOut(ma.Schema):
    id = ma.fields.Integer()
    kind = ma.fields.String(metadata={"description": "road_works 占用、挖掘城市道路 / green_works 临时占用城市绿地"})
    name = ma.fields.String()
    department_code = ma.fields.String()
    status = ma.fields.String(metadata={"description": "committed 已按承诺准予 / kept 核查通过 / breached 已撤销"})
    status_name = ma.fields.String()
    verify_by = ma.fields.Date()
    opinion = ma.fields.String()


class ApplicationOut(ma.Schema):
    id = ma.fields.Integer()
    project_code = ma.fields.String()
    status = ma.fields.String(metadata={"description": "submitted / returned / accepted / surveyed / connected"})
    status_name = ma.fields.String()
    contact_person = ma.fields.String()
    contact_phone = ma.fields.String()
    demand = ma.fields.String()
    window_opinion = ma.fields.String()
    survey_date = ma.fields.Date(allow_none=True)
    survey_participants = ma.fields.String()
    survey_findings = ma.fields.String()
    submitted_at = ma.fields.DateTime()
    accepted_at = ma.fields.DateTime(allow_none=True)


class ApplicationViewOut(ma.Schema):
    application = ma.fields.Nested(ApplicationOut)
    project_name = ma.fields.String()
    services = ma.fields.Nested(ServiceLineOut, many=True)
    permits = ma.fields.Nested(PermitOut, many=True)


class InboxRowOut(ma.Schema):
    line = ma.fields.Nested(ServiceLineOut)
    project_code = ma.fields.String()
    project_name = ma.fields.String()
    site_address = ma.fields.String()
    application = ma.fields.Nested(ApplicationOut)


class PermitRowOut(ma.Schema):
    permit = ma.fields.Nested(PermitOut)
    project_name = ma.fields.String()
    site_address = ma.fields.String()


@blp.route("/projects/<string:code>/utility-connection")
class ProjectTrack(MethodView):
    @blp.response(200, ApplicationViewOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, code: str) -> object:
        """本项目的水电气联动报装：每个申请、各公用服务单位的办理状态、截止日期和剩余工作日"""
        return engine.utility_track(db.session(), db.runtime(), auth.require_actor(), code)

    @blp.arguments(FormData)
    @form_body(keys.UTILITY_APPLICATION)
    @blp.response(201, ApplicationOut)
    def post(self, data: dict, code: str) -> object:
        """一表申请水电气报装（表单 utility_connection_application：water/gas apply、power high_voltage_single/
        high_voltage_dual、contact_person、contact_phone、demand、road_works/green_works 外线工程、
        commitment 告知承诺）；工程建设许可阶段受理后方可申请"""
        return engine.apply_utility_connection(db.session(), db.runtime(), auth.require_actor(), code, data)


@blp.route("/utility-connection/<int:application_id>/acceptance")
class Acceptance(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.UTILITY_ACCEPTANCE)
    @blp.response(200, ApplicationOut)
    def post(self, data: dict, application_id: int) -> object:
        """综合窗口受理（表单 utility_connection_acceptance：decision accept/return、survey_date 联合踏勘日期、
        opinion）；受理时各公用服务单位的办理时限开始计算"""
        return engine.accept_utility_connection(db.session(), db.runtime(), auth.require_actor(), application_id,
                                                data)


@blp.route("/utility-connection/<int:application_id>/joint-survey")
class JointSurvey(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.UTILITY_JOINT_SURVEY)
    @blp.response(200, ApplicationOut)
    def post(self, data: dict, application_id: int) -> object:
        """记录联合踏勘（表单 utility_joint_survey：participants、findings），每个申请一次"""
        return engine.record_joint_survey(db.session(), db.runtime(), auth.require_actor(), application_id, data)


@blp.route("/utility-connection/window")
class WindowQueue(MethodView):
    @blp.response(200, ApplicationViewOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> object:
        """待受理、待联合踏勘的联动报装申请（综合窗口）"""
        return engine.utility_window_queue(db.session(), db.runtime(), auth.require_actor())


@blp.route("/utility-services/inbox")
class Inbox(MethodView):
    @blp.response(200, InboxRowOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> object:
        """本单位待受理勘查、待验收开通的报装（公用服务单位）"""
        return engine.utility_company_inbox(db.session(), db.runtime(), auth.require_actor())


@blp.route("/utility-services/<int:service_id>/survey")
class ServiceSurvey(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.UTILITY_SERVICE_SURVEY)
    @blp.response(200, ServiceOut)
    def post(self, data: dict, service_id: int) -> object:
        """受理勘查（表单 utility_service_survey：connection_plan 接入方案），联合踏勘后由本单位办理"""
        return engine.survey_utility_service(db.session(), db.runtime(), auth.require_actor(), service_id, data)


@blp.route("/utility-services/<int:service_id>/connection")
class ServiceConnection(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.UTILITY_SERVICE_CONNECTION)
    @blp.response(200, ServiceOut)
    def post(self, data: dict, service_id: int) -> object:
        """验收开通（表单 utility_service_connection：account_number 用户编号、opinion），计时停止"""
        return engine.connect_utility_service(db.session(), db.runtime(), auth.require_actor(), service_id, data)


@blp.route("/utility-offsite-permits")
class OffsiteQueue(MethodView):
    @blp.response(200, PermitRowOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> object:
        """本部门按告知承诺准予、待核查的外线工程许可"""
        return engine.utility_offsite_queue(db.session(), auth.require_actor())


@blp.route("/utility-offsite-permits/<int:permit_id>/verification")
class OffsiteVerification(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.UTILITY_OFFSITE_VERIFICATION)
    @blp.response(200, PermitOut)
    def post(self, data: dict, permit_id: int) -> object:
        """告知承诺事后核查（表单 utility_offsite_verification：result kept/breached、opinion）"""
        return engine.verify_offsite_permit(db.session(), db.runtime(), auth.require_actor(), permit_id, data)
