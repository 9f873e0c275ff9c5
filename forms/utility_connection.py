"""Forms of 水电气联动报装 (joint utility connection): the one application for every utility, the window's
acceptance, the joint site survey (联合踏勘), each utility's 受理勘查 and 验收开通, and the verification of an
off-site works permit granted under 告知承诺.

Which services are offered and their limits are the engine's table (``engine/utility_connection/services.tsv``);
these schemas check the shape of what a person entered (one field per utility kind).
"""

from __future__ import annotations

from typing import Any

from marshmallow import validates_schema

from forms.base import FormSchema, raise_field_errors
from forms.fields import Choice, Flag, IsoDate, Phone, Text

NONE = "none"
_APPLY = {NONE: "不申请", "apply": "申请"}
POWER_OPTIONS = {NONE: "不申请", "low_voltage": "低压供电", "high_voltage_single": "高压单电源",
                 "high_voltage_dual": "高压双电源"}
UTILITY_FIELDS = ("water", "power", "gas", "heat", "telecom")
ACCEPTANCE_DECISIONS = {"accept": "受理", "return": "退回"}
VERIFICATION_RESULTS = {"kept": "已履行承诺", "breached": "未履行承诺"}


class UtilityConnectionApplication(FormSchema):
    """水电气联动报装申请表: one form for every utility (一表申请), off-site works under 告知承诺."""

    title = "水电气联动报装申请表"

    water = Choice(_APPLY, load_default=None, label="用水报装")
    power = Choice(POWER_OPTIONS, load_default=None, label="用电报装")
    gas = Choice(_APPLY, load_default=None, label="用气报装")
    heat = Choice(_APPLY, load_default=None, label="用热报装")
    telecom = Choice(_APPLY, load_default=None, label="通信报装")
    contact_person = Text(required=True, max_length=50, label="联系人")
    contact_phone = Phone(required=True, label="联系电话")
    demand = Text(required=True, max_length=500, multiline=True, label="用水量、用电容量、用气量等需求")
    road_works = Flag(load_default=None, label="外线工程需占用、挖掘城市道路")
    green_works = Flag(load_default=None, label="外线工程需临时占用城市绿地")
    commitment = Flag(load_default=None, label="承诺外线工程符合占道、掘路、占绿条件，接受事后核查（告知承诺）")

    @validates_schema(skip_on_field_errors=True)
    def _something_and_committed(self, data: dict[str, Any], **kwargs: Any) -> None:
        errors: dict[str, list[str]] = {}
        if all(data[name] in (None, NONE) for name in UTILITY_FIELDS):  # left empty = not applying
            errors["water"] = ["请至少选择一项报装（用水、用电、用气等）"]
        if (data["road_works"] or data["green_works"]) and not data["commitment"]:
            errors["commitment"] = ["外线工程许可按告知承诺办理，须勾选承诺"]
        raise_field_errors(errors)


class UtilityConnectionAcceptance(FormSchema):
    """综合窗口受理: accept (and fix the joint survey's date) or return with a reason."""

    title = "水电气联动报装受理"

    decision = Choice(ACCEPTANCE_DECISIONS, required=True, label="受理结论")
    survey_date = IsoDate(load_default=None, label="联合踏勘日期")
    opinion = Text(max_length=500, multiline=True, load_default=None, label="受理意见")

    @validates_schema(skip_on_field_errors=True)
    def _complete(self, data: dict[str, Any], **kwargs: Any) -> None:
        errors: dict[str, list[str]] = {}
        if data["decision"] == "accept" and data["survey_date"] is None:
            errors["survey_date"] = ["受理时请确定联合踏勘日期"]
        if data["decision"] == "return" and not data["opinion"]:
            errors["opinion"] = ["退回的，请写明理由，申请人将看到这段话"]
        raise_field_errors(errors)


class UtilityJointSurvey(FormSchema):
    """联合踏勘记录: one visit with every utility company, recorded once for all of them."""

    title = "联合踏勘记录"

    participants = Text(required=True, max_length=300, label="参加单位及人员")
    findings = Text(required=True, max_length=1000, multiline=True, label="踏勘情况")


class UtilityServiceSurvey(FormSchema):
    """受理勘查: the company accepts its part and gives the connection plan (接入方案)."""

    title = "受理勘查"

    connection_plan = Text(required=True, max_length=1000, multiline=True, label="接入方案")


class UtilityServiceConnection(FormSchema):
    """验收开通: the company checks the works and connects; the customer number is the result."""

    title = "验收开通"

    account_number = Text(required=True, max_length=40, label="用户编号")
    opinion = Text(max_length=500, multiline=True, load_default=None, label="验收意见")


class OffsitePermitVerification(FormSchema):
    """告知承诺事后核查 of an off-site works permit: the commitment kept, or breached (the permit is revoked)."""

    title = "外线工程许可核查"

    result = Choice(VERIFICATION_RESULTS, required=True, label="核查结论")
    opinion = Text(max_length=500, multiline=True, load_default=None, label="核查意见")

    @validates_schema(skip_on_field_errors=True)
    def _breach_says_why(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data["result"] == "breached" and not data["opinion"]:
            raise_field_errors({"opinion": ["未履行承诺的，请写明核查发现的问题"]})
