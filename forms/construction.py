"""Forms of the construction-stage additions: 分阶段施工许可, the 建筑工程综合许可证 (自选下单) with its
联合踏勘 and issuance,.

Which licences and phases exist is data owned by the engine (menus can change without a form change);
these schemas check the shape of what a person entered, and the engine checks it against the menu and
asks, per selected licence, for the fields that licence needs.
"""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validates_schema

from forms.base import ChineseField, FormSchema, raise_field_errors
from forms.fields import Area, Count, Flag, IsoDate, Money, Text


class CodeList(ChineseField, fields.List[str]):
    """Codes picked from a menu the engine owns (e.g. licence codes), each a short `Text`, none twice."""

    default_error_messages = {  # noqa: RUF012
        "invalid": "类型不正确，应为列表",
        "duplicate": "不得重复选择同一项",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(Text(max_length=60), **kwargs)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> list[str | None]:
        codes = super()._deserialize(value, attr, data, **kwargs)
        if len(set(codes)) != len(codes):
            raise self.make_error("duplicate")
        return codes


class PhasePermitApplication(FormSchema):
    """分阶段施工许可申请. The parties and contract are entered once, by the first phase's application;
    a later phase reuses them, so they are optional here and required by the engine only the first time."""

    title = "分阶段施工许可申请表"

    phase = Text(required=True, max_length=40, label="施工阶段")
    general_contractor = Text(max_length=100, load_default=None, label="施工总承包单位")
    bid_notice_no = Text(max_length=64, load_default=None, label="中标通知书编号")
    survey_unit = Text(max_length=100, load_default=None, label="勘察单位")
    design_unit = Text(max_length=100, load_default=None, label="设计单位")
    supervision_unit = Text(max_length=100, load_default=None, label="监理单位")
    contract_price = Money(load_default=None, label="合同价格（万元）")
    contract_duration_days = Count(minimum=1, maximum=3650, load_default=None, label="合同工期（日历天）")
    construction_scale = Text(max_length=500, load_default=None, label="建设规模")
    project_manager = Text(max_length=50, load_default=None, label="施工单位项目负责人")
    chief_supervisor = Text(max_length=50, load_default=None, label="总监理工程师")
    quality_safety_commitment = Flag(load_default=None, label="工程质量安全可控承诺")


class PhaseIssuance(FormSchema):
    """The housing department issues a phase permit."""

    title = "分阶段施工许可核发"

    remarks = Text(max_length=500, load_default=None, label="备注")


class ComprehensivePermitApplication(FormSchema):
    """建筑工程综合许可证申请（一表申请）: the header of the certificate plus each picked licence's facts."""

    title = "建筑工程综合许可证申请表"

    licences = CodeList(required=True, label="自选许可事项")
    construction_scale = Text(required=True, max_length=500, label="建设规模")
    contract_price = Money(required=True, label="合同价格（万元）")
    general_contractor = Text(required=True, max_length=100, label="施工单位")
    supervision_unit = Text(required=True, max_length=100, label="监理单位")
    contract_duration_days = Count(required=True, minimum=1, maximum=3650, label="合同工期（日历天）")
    start_date = IsoDate(load_default=None, label="计划开工日期")
    night_work_from = IsoDate(load_default=None, label="夜间施工起始日期")
    night_work_to = IsoDate(load_default=None, label="夜间施工截止日期")
    night_work_hours = Text(max_length=40, load_default=None, label="夜间施工时段")
    night_work_reason = Text(max_length=200, load_default=None, label="夜间施工原因")
    spoil_route = Text(max_length=200, load_default=None, label="建筑垃圾运输路线")
    disposal_site = Text(max_length=100, load_default=None, label="建筑垃圾消纳场所")
    spoil_volume = Area(load_default=None, label="建筑垃圾处置量（立方米）")
    spoil_vehicles = Count(minimum=1, maximum=500, load_default=None, label="运输车辆数")
    road_location = Text(max_length=200, load_default=None, label="占用（挖掘）道路位置")
    road_area = Area(load_default=None, label="占用（挖掘）道路面积（平方米）")
    occupation_from = IsoDate(load_default=None, label="占用起始日期")
    occupation_to = IsoDate(load_default=None, label="占用截止日期")
    traffic_measures = Text(max_length=300, load_default=None, label="交通组织措施")
    greenland_location = Text(max_length=200, load_default=None, label="占用绿地位置")
    greenland_area = Area(load_default=None, label="占用绿地面积（平方米）")
    trees_moved = Count(minimum=0, maximum=10000, load_default=None, label="迁移树木（株）")
    sewage_outlet = Text(max_length=200, load_default=None, label="排水接入点")
    sewage_volume = Area(load_default=None, label="日排水量（立方米）")
    civil_defence_area = Area(load_default=None, label="防空地下室面积（平方米）")

    @validates_schema(skip_on_field_errors=False)
    def _periods_in_order(self, data: dict[str, Any], **kwargs: Any) -> None:
        errors: dict[str, list[str]] = {}
        for start, end in (("night_work_from", "night_work_to"), ("occupation_from", "occupation_to")):
            if data.get(start) and data.get(end) and data[start] > data[end]:
                errors[end] = ["截止日期不得早于起始日期"]
        raise_field_errors(errors)


class JointSiteInspection(FormSchema):
    """联合踏勘: one visit by every selected licence's department, recorded once."""

    title = "联合踏勘记录"

    inspection_date = IsoDate(required=True, label="踏勘日期")
    findings = Text(required=True, max_length=2000, label="踏勘意见")


class ComprehensiveIssuance(FormSchema):
    """The administrative approval bureau issues the one comprehensive certificate."""

    title = "建筑工程综合许可证核发"

    certificate_remarks = Text(max_length=500, load_default=None, label="备注")
