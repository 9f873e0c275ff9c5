"""The four stage application forms (一张表单 per stage, REFERENCE §1), filled in by the 建设单位.

Each stage's form asks for what that stage's departments examine together, so one submission serves
every department of the stage and nobody is asked twice.
"""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, validate, validates, validates_schema

from forms.base import FormSchema, raise_field_errors
from forms.fields import (
    Area,
    Choice,
    Count,
    Flag,
    IsoDate,
    Length,
    Money,
    Phone,
    ProjectCode,
    Text,
    china_today,
)

#: Project categories (docs/modelling.md); they decide the time limits and which stages apply.
CATEGORIES = {
    "government_investment_project": "政府投资项目",
    "social_investment_project": "社会投资一般项目",
    "land_sold_with_scheme": "带方案出让土地项目",
    "low_risk_social_project": "社会投资小型/低风险项目",
    "small_industrial_project": "小型工业项目",
}

#: How the owner obtains the land (供地方式); 出让 and 划拨 follow different orders of items in stage 1.
LAND_ROUTES = {
    "allocation": "划拨",
    "transfer": "出让",
    "transfer_with_scheme": "带方案出让",
    "existing_land": "既有用地",
}

#: 土地用途 as the 建设用地规划许可证 prints it: the first-level classes of GB/T 21010 (土地利用现状分类).
LAND_USES = {
    "commercial_service": "商服用地",
    "industrial_storage": "工矿仓储用地",
    "residential": "住宅用地",
    "public_service": "公共管理与公共服务用地",
    "special": "特殊用地",
    "transport": "交通运输用地",
    "water_facilities": "水域及水利设施用地",
}


def _contact_person() -> Text:
    """Every application names the person a department calls about it; these two fields end each form."""
    return Text(required=True, max_length=50, label="联系人")


def _contact_phone() -> Phone:
    return Phone(required=True, label="联系电话")


class Stage1Application(FormSchema):
    """立项用地规划许可: the project's identity, site, land and investment."""

    title = "立项用地规划许可阶段申请表"

    project_code = ProjectCode(required=True, label="项目代码")
    project_name = Text(required=True, max_length=100, label="项目名称")
    category = Choice(CATEGORIES, required=True, label="项目类别")
    site_address = Text(required=True, max_length=200, label="建设地点")
    land_area = Area(required=True, label="用地面积（m²）")
    building_area = Area(required=True, label="建筑面积（m²）")
    total_investment = Money(required=True, label="总投资（万元）")
    land_route = Choice(LAND_ROUTES, required=True, label="供地方式")
    land_use = Choice(LAND_USES, required=True, label="土地用途")
    land_approval_no = Text(required=True, max_length=64, label="批准用地文号")
    owner_name = Text(required=True, max_length=100, label="建设单位")
    contact_person = _contact_person()
    contact_phone = _contact_phone()
    description = Text(max_length=2000, multiline=True, load_default=None, label="项目概况")

    @validates_schema(skip_on_field_errors=False)
    def _land_route_fits_category(self, data: dict[str, Any], **kwargs: Any) -> None:
        """A 带方案出让 project is defined by its land being sold with the scheme; anything else is a slip."""
        if data.get("category") == "land_sold_with_scheme" and data.get("land_route") not in {
            None,
            "transfer_with_scheme",
        }:
            raise_field_errors({"land_route": ["带方案出让土地项目的供地方式应为带方案出让"]})


class Stage2Application(FormSchema):
    """工程建设许可: the design scheme that the planning permit will fix."""

    title = "工程建设许可阶段申请表"

    design_unit = Text(required=True, max_length=100, label="设计单位")
    scheme_summary = Text(required=True, max_length=2000, multiline=True, label="设计方案概述")
    above_ground_area = Area(required=True, label="地上建筑面积（m²）")
    underground_area = Area(required=True, allow_zero=True, label="地下建筑面积（m²）")
    building_height = Length(required=True, label="建筑高度（m）")
    floors_above = Count(required=True, minimum=1, maximum=200, label="地上层数")
    floors_below = Count(required=True, minimum=0, maximum=20, label="地下层数")
    civil_defence_basement_required = Flag(required=True, label="是否应建防空地下室")
    contact_person = _contact_person()
    contact_phone = _contact_phone()

    @validates_schema(skip_on_field_errors=False)
    def _basement_is_consistent(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Underground floors, underground area and the 人防 basement must describe the same building."""
        errors: dict[str, list[str]] = {}
        floors, area = data.get("floors_below"), data.get("underground_area")
        if floors is not None and area is not None and (floors == 0) != (area == 0):
            message = "无地下层时地下建筑面积应为0" if floors == 0 else "有地下层时地下建筑面积应大于0"
            errors["underground_area"] = [message]
        if data.get("civil_defence_basement_required") and floors == 0:
            errors["floors_below"] = ["应建防空地下室的项目地下层数不得为0"]
        raise_field_errors(errors)


class ConstructionParties(FormSchema):
    """The parties and the contract of the works: shared by the 施工许可 application and the 施工预许可
    application, whose materials carry over to the formal permit."""

    general_contractor = Text(required=True, max_length=100, label="施工总承包单位")
    supervision_unit = Text(required=True, max_length=100, label="监理单位")
    survey_unit = Text(required=True, max_length=100, label="勘察单位")
    design_unit = Text(required=True, max_length=100, label="设计单位")
    contract_price = Money(required=True, label="合同价格（万元）")
    contract_duration_days = Count(required=True, minimum=1, maximum=3650, label="合同工期（日历天）")
    construction_scale = Text(required=True, max_length=500, multiline=True, label="建设规模")
    project_manager = Text(required=True, max_length=50, label="项目经理")
    chief_supervisor = Text(required=True, max_length=50, label="总监理工程师")


class Stage3Application(ConstructionParties):
    """施工许可: the parties, the reviewed drawings, the contract and the funds (施工许可管理办法 art. 4)."""

    title = "施工许可阶段申请表"

    drawing_review_certificate_no = Text(required=True, max_length=64, label="施工图审查合格书编号")
    # Since 2021 a signed commitment replaces the proof of funds; without it no permit can be issued.
    funds_commitment = Flag(
        required=True,
        validate=validate.Equal(True, error="必须承诺建设资金已落实"),
        label="建设资金已落实承诺",
    )
    contact_person = _contact_person()
    contact_phone = _contact_phone()


class Stage23Application(Stage3Application, Stage2Application):
    """工程建设许可和施工许可合并为一个阶段 (带方案出让土地、小型/低风险、小型工业项目, REFERENCE §1.2): one form
    carrying both stages' fields, so the planning permit and the construction permit are examined together."""

    title = "工程建设许可（含施工许可）阶段申请表"


class Stage4Application(FormSchema):
    """竣工验收: the finished works, the 质监 report and the 多测合一 survey result."""

    title = "竣工验收阶段申请表"

    construction_start_date = IsoDate(required=True, label="开工日期")
    completion_date = IsoDate(required=True, label="竣工日期")
    structure_type = Text(required=True, max_length=50, label="结构类型")
    floors = Count(required=True, minimum=1, maximum=300, label="层数")
    total_floor_area = Area(required=True, label="总建筑面积（m²）")
    quality_report_no = Text(required=True, max_length=64, label="质量监督报告编号")
    survey_result_ref = Text(max_length=64, load_default=None, label="多测合一成果编号")
    contact_person = _contact_person()
    contact_phone = _contact_phone()

    @validates("completion_date")
    def _completion_not_in_future(self, value: Any, data_key: str, **kwargs: Any) -> None:
        """Acceptance is applied for after the works are finished, so the date cannot lie ahead."""
        if value > china_today():
            raise ValidationError("竣工日期不得晚于今天")

    @validates_schema(skip_on_field_errors=False)
    def _started_before_completed(self, data: dict[str, Any], **kwargs: Any) -> None:
        start, end = data.get("construction_start_date"), data.get("completion_date")
        if start is not None and end is not None and start > end:
            raise_field_errors({"construction_start_date": ["开工日期不得晚于竣工日期"]})
