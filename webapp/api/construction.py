"""Construction-stage additions: 分阶段施工许可, the 建筑工程综合许可证 (自选下单), 多测合一, the joint
acceptance timetable and the 竣工验收备案 deadline.

The comprehensive permit's window acceptance, 联合踏勘, department reviews and issuance are ordinary
work items, completed through the work-item endpoints like every other task.
"""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, Page

import engine
from forms import keys

from .. import auth, db
from .certificates import CertificateOut
from .documented import SurveyCommissionIn, SurveyResultIn, doc_only, form_body
from .schemas import LIST_PAGE, ClockOut, FormData

blp = Blueprint("api-construction", __name__, url_prefix="/api",
                description="分阶段施工许可、建筑工程综合许可证（自选下单）、多测合一")


class PhaseApplicationOut(ma.Schema):
    id = ma.fields.Integer()
    project_code = ma.fields.String()
    phase = ma.fields.String()
    status = ma.fields.String(metadata={"description": "awaiting_commitment / submitted / issued"})
    materials_from_id = ma.fields.Integer(allow_none=True)
    main_number = ma.fields.String(allow_none=True)
    submitted_at = ma.fields.DateTime()
    commitment_confirmed_at = ma.fields.DateTime(allow_none=True)
    issued_at = ma.fields.DateTime(allow_none=True)


class OrderOut(ma.Schema):
    id = ma.fields.Integer()
    project_code = ma.fields.String()
    instance_id = ma.fields.Integer()
    licences = ma.fields.List(ma.fields.String())
    submitted_at = ma.fields.DateTime()


class LicenceOut(ma.Schema):
    licence = ma.fields.String()
    number = ma.fields.String()
    department_code = ma.fields.String()
    scope = ma.fields.String()
    valid_from = ma.fields.Date()
    valid_until = ma.fields.Date()
    conditions = ma.fields.String()


class MenuOut(ma.Schema):
    code = ma.fields.String()
    name = ma.fields.String()
    department = ma.fields.String()
    committed_days = ma.fields.Integer()
    needs = ma.fields.List(ma.fields.String())


class SurveyPartOut(ma.Schema):
    code = ma.fields.Function(lambda part: part[0])
    name = ma.fields.Function(lambda part: part[1])
    figures = ma.fields.Function(lambda part: part[2])


class SurveyOut(ma.Schema):
    result_id = ma.fields.Integer()
    number = ma.fields.String()
    firm_name = ma.fields.String()
    surveyor = ma.fields.String()
    uploaded_at = ma.fields.DateTime()
    surveys = ma.fields.List(ma.fields.Nested(SurveyPartOut))
    cited_by = ma.fields.List(ma.fields.String())


class CommissionOut(ma.Schema):
    id = ma.fields.Integer()
    project_code = ma.fields.String()
    surveys = ma.fields.List(ma.fields.String())
    status = ma.fields.String()


class ResultOut(ma.Schema):
    id = ma.fields.Integer()
    number = ma.fields.String()
    project_code = ma.fields.String()


class TimetableOut(ma.Schema):
    name = ma.fields.String()
    limit_days = ma.fields.Integer()
    used_days = ma.fields.Integer()
    remaining_days = ma.fields.Integer()
    deadline = ma.fields.Date()
    state = ma.fields.String(metadata={"description": "正常 / 预警 / 逾期"})
    running = ma.fields.Boolean()


class FilingOut(ma.Schema):
    project_code = ma.fields.String()
    project_name = ma.fields.String()
    opinion_number = ma.fields.String()
    opinion_issued_on = ma.fields.Date()
    due_on = ma.fields.Date()
    days_left = ma.fields.Integer()
    state = ma.fields.String(metadata={"description": "待备案 / 即将到期 / 已逾期 / 已备案 / 逾期备案"})
    filed_on = ma.fields.Date(allow_none=True)


@blp.route("/projects/<string:code>/phase-permits")
class PhasePermits(MethodView):
    @blp.response(200, PhaseApplicationOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, code: str) -> list:
        """本项目的分阶段施工许可申请（按阶段顺序）"""
        return engine.phase_applications(db.session(), auth.require_actor(), code, runtime=db.runtime())

    @blp.arguments(FormData)
    @form_body("phase_permit_application")
    @blp.response(201, PhaseApplicationOut)
    def post(self, data: dict, code: str) -> object:
        """申请分阶段施工许可：phase；首个阶段填写施工总承包单位、中标通知书编号等材料，后续阶段沿用；
        quality_safety_commitment 须由建设单位本人勾选"""
        return engine.apply_for_phase_permit(db.session(), db.runtime(), auth.require_actor(), code, data)


@blp.route("/phase-permits/<int:application_id>/commitment")
class PhaseCommitment(MethodView):
    @blp.response(200, PhaseApplicationOut)
    def post(self, application_id: int) -> object:
        """建设单位确认代办员所报申请的质量安全承诺"""
        return engine.confirm_phase_commitment(db.session(), db.runtime(), auth.require_actor(), application_id)


@blp.route("/phase-permits/<int:application_id>/issuance")
class PhaseIssuance(MethodView):
    @blp.arguments(FormData)
    @form_body("phase_permit_issuance")
    @blp.response(201, CertificateOut)
    def post(self, data: dict, application_id: int) -> object:
        """住房和城乡建设局核发分阶段施工许可证（可填 remarks）"""
        return engine.issue_phase_permit(db.session(), db.runtime(), auth.require_actor(), application_id, data)


@blp.route("/comprehensive-permit/menu")
class Menu(MethodView):
    @blp.response(200, MenuOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> list:
        """自选下单清单：可选许可、审批部门、承诺时限和各项须填写的内容"""
        auth.require_actor()
        return list(engine.LICENCES)


@blp.route("/projects/<string:code>/comprehensive-orders")
class Orders(MethodView):
    @blp.response(200, OrderOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, code: str) -> list:
        """本项目的综合许可申请"""
        return engine.project_orders(db.session(), auth.require_actor(), code, runtime=db.runtime())

    @blp.arguments(FormData)
    @form_body("comprehensive_permit_application")
    @blp.response(201, OrderOut)
    def post(self, data: dict, code: str) -> object:
        """一表申请建筑工程综合许可证：licences（自选）及各项许可所需内容；首次申请含建筑工程施工许可"""
        return engine.order_comprehensive_permit(db.session(), db.runtime(), auth.require_actor(), code, data)


@blp.route("/projects/<string:code>/comprehensive-licences")
class Licences(MethodView):
    @blp.response(200, LicenceOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, code: str) -> list:
        """本项目已取得的各项许可（各自的编号、范围、有效期限和条件）"""
        return engine.project_licences(db.session(), auth.require_actor(), code, runtime=db.runtime())


@blp.route("/projects/<string:code>/survey-commission")
class Commission(MethodView):
    @blp.arguments(FormData)
    @doc_only(SurveyCommissionIn, "SurveyCommissionIn")
    @blp.response(201, CommissionOut)
    def post(self, data: dict, code: str) -> object:
        """建设单位委托测绘单位（firm_username），多测合一只委托一次"""
        return engine.commission_survey(db.session(), db.runtime(), auth.require_actor(), code, data)


@blp.route("/projects/<string:code>/survey-result")
class Result(MethodView):
    @blp.response(200, SurveyOut)
    def get(self, code: str) -> object:
        """多测合一成果（全部测绘项目及引用部门）"""
        return engine.project_survey(db.session(), auth.require_actor(), code, runtime=db.runtime())

    @blp.arguments(FormData)
    @doc_only(SurveyResultIn, "SurveyResultIn")
    @blp.response(201, ResultOut)
    def post(self, data: dict, code: str) -> object:
        """测绘单位提交多测合一成果：figures（测绘项目 → 指标 → 数值）、surveyor（注册测绘师）"""
        return engine.upload_survey_result(db.session(), db.runtime(), auth.require_actor(), code, data)


@blp.route("/projects/<string:code>/survey-result/citations")
class Citations(MethodView):
    @blp.response(200, SurveyOut)
    def post(self, code: str) -> object:
        """验收部门引用多测合一成果（引用同一成果，不另存副本），返回本部门使用的测绘数据"""
        return engine.cite_survey_result(db.session(), db.runtime(), auth.require_actor(), code)


@blp.route("/projects/<string:code>/joint-acceptance/timetable")
class Timetable(MethodView):
    @blp.response(200, TimetableOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, code: str) -> list:
        """竣工联合验收时间表（统一受理1、资料审核4、联合现场验收3、出具意见1个工作日；整改期不计入）"""
        return engine.acceptance_timetable(db.session(), db.runtime(), auth.require_actor(), code)


@blp.route("/projects/<string:code>/joint-acceptance/document-check")
class DocumentCheck(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.DOCUMENT_CHECK_COMPLETION)
    @blp.response(201, ClockOut)
    def post(self, data: dict, code: str) -> object:
        """住房和城乡建设局记录资料审核完成并安排联合现场验收：资料审核（4个工作日）停止计时，联合现场验收（3个工作日）开始计时"""
        return engine.finish_document_check(db.session(), db.runtime(), auth.require_actor(), code, data)


@blp.route("/projects/<string:code>/completion-filing")
class Filing(MethodView):
    @blp.response(200, FilingOut)
    def get(self, code: str) -> object:
        """竣工验收备案期限（竣工联合验收意见书出具后15日内）"""
        return engine.project_filing(db.session(), db.runtime(), auth.require_actor(), code)

    @blp.response(200, FilingOut)
    def post(self, code: str) -> object:
        """建设单位办理竣工验收备案"""
        return engine.file_completion(db.session(), db.runtime(), auth.require_actor(), code)


@blp.route("/completion-filings")
class OpenFilings(MethodView):
    @blp.response(200, FilingOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> list:
        """尚未办理的竣工验收备案，按到期日排列（电子监察）"""
        return engine.open_filings(db.session(), db.runtime(), auth.require_actor())
