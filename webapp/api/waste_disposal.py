"""建筑垃圾处置核准 e-licence: one application, each department's review of its part, the district list of
licences that end at its disposal sites, and the list of disposal sites."""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, Page

from engine import waste_disposal
from forms import keys

from .. import auth, db
from .documented import form_body
from .schemas import LIST_PAGE, FormData

blp = Blueprint("api-waste-disposal", __name__, url_prefix="/api", description="建筑垃圾处置核准（电子证照）")


class WasteReviewOut(ma.Schema):
    id = ma.fields.Integer()
    department_code = ma.fields.String()
    aspect = ma.fields.String(metadata={"description": "该部门审查的内容"})
    status = ma.fields.String(metadata={"description": "pending 待审查 / approved 同意 / refused 不同意"})
    status_name = ma.fields.String()
    opinion = ma.fields.String()
    decided_at = ma.fields.DateTime(allow_none=True)


class WasteLicenceOut(ma.Schema):
    id = ma.fields.Integer()
    project_code = ma.fields.String()
    transport_company = ma.fields.String()
    transport_credit_code = ma.fields.String()
    category_codes = ma.fields.List(ma.fields.String(), metadata={"description": "muck/mud/demolition/decoration"})
    volume_m3 = ma.fields.Integer()
    route = ma.fields.String()
    plates = ma.fields.List(ma.fields.String())
    disposal_site = ma.fields.String()
    disposal_district = ma.fields.String()
    first_day = ma.fields.Date()
    last_day = ma.fields.Date()
    status = ma.fields.String(metadata={"description": "pending 审查中 / approved 已核准 / refused 不予核准"})
    status_name = ma.fields.String()
    certificate_number = ma.fields.String(allow_none=True)
    submitted_at = ma.fields.DateTime()
    decided_at = ma.fields.DateTime(allow_none=True)
    reviews = ma.fields.List(ma.fields.Nested(WasteReviewOut))


class WasteReviewRowOut(ma.Schema):
    review = ma.fields.Nested(WasteReviewOut)
    licence = ma.fields.Nested(WasteLicenceOut)
    project_name = ma.fields.String()
    site_address = ma.fields.String()


class WasteDistrictRowOut(ma.Schema):
    licence = ma.fields.Nested(WasteLicenceOut)
    project_name = ma.fields.String()
    origin_area = ma.fields.String(metadata={"description": "产生地（项目所在区）行政区划代码"})
    from_elsewhere = ma.fields.Boolean(metadata={"description": "是否来自其他区（跨区域监管）"})


class DisposalSiteOut(ma.Schema):
    code = ma.fields.String()
    name = ma.fields.String()
    district_code = ma.fields.String()
    district_name = ma.fields.String()
    address = ma.fields.String()
    accepts = ma.fields.List(ma.fields.String())


class WasteDistrictQuery(ma.Schema):
    district = ma.fields.String(required=True, metadata={"description": "消纳场所所在区的行政区划代码，如 420112"})


@blp.route("/projects/<string:code>/waste-disposal")
class ProjectLicences(MethodView):
    @blp.response(200, WasteLicenceOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, code: str) -> object:
        """本项目的建筑垃圾处置核准申请及各部门审查情况（新的在前）"""
        return waste_disposal.waste_disposal_for_project(db.session(), db.runtime(), auth.require_actor(), code)

    @blp.arguments(FormData)
    @form_body(keys.WASTE_DISPOSAL_APPLICATION)
    @blp.response(201, WasteLicenceOut)
    def post(self, data: dict, code: str) -> object:
        """一表申请建筑垃圾处置核准（表单 waste_disposal_application：transport_company、transport_credit_code、
        muck/mud/demolition/decoration 至少勾选一类、volume_m3、route、vehicle_plates 车牌号列表、
        disposal_site 消纳场所编码（见 /api/waste-disposal/sites）、first_day、last_day（最长三个月）、
        sealed_transport）；各部门按类别分别审查"""
        return waste_disposal.apply_waste_disposal(db.session(), db.runtime(), auth.require_actor(), code, data)


@blp.route("/waste-disposal/reviews")
class Reviews(MethodView):
    @blp.response(200, WasteReviewRowOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> object:
        """本部门待审查的建筑垃圾处置核准事项"""
        return waste_disposal.waste_review_queue(db.session(), auth.require_actor())


@blp.route("/waste-disposal/reviews/<int:review_id>/decision")
class Decision(MethodView):
    @blp.arguments(FormData)
    @form_body(keys.WASTE_DISPOSAL_REVIEW)
    @blp.response(200, WasteLicenceOut)
    def post(self, data: dict, review_id: int) -> object:
        """部门审查意见（表单 waste_disposal_review：decision approve/refuse、opinion，不同意须写明理由）；
        最后一个部门同意后，由行政审批局核发电子核准证"""
        return waste_disposal.decide_waste_review(db.session(), db.runtime(), auth.require_actor(), review_id, data)


@blp.route("/supervision/waste-disposal")
class District(MethodView):
    @blp.arguments(WasteDistrictQuery, location="query")
    @blp.response(200, WasteDistrictRowOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, query: dict) -> object:
        """运往本区消纳场所、尚在有效期内的核准（跨区域审管联动）"""
        return waste_disposal.district_licences(db.session(), db.runtime(), auth.require_actor(), query["district"])


@blp.route("/waste-disposal/sites")
class Sites(MethodView):
    @blp.response(200, DisposalSiteOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> object:
        """消纳场所名录"""
        return [{**vars(site), "accepts": sorted(site.accepts)} for site in waste_disposal.disposal_sites().values()]
