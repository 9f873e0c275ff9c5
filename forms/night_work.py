"""Forms of 夜间施工审批 (night construction approval, REQ-S3-07): the application with the 硚口 fields and the
reviewing department's decision.

The night window itself (22:00–06:00) and how many nights one application may ask for are the engine's
rules (they can change without a form change); these schemas check the shape of what a person entered.
"""

from __future__ import annotations

import re
from typing import Any

from marshmallow import validates_schema

from forms.base import FormSchema, raise_field_errors
from forms.fields import Choice, Flag, IsoDate, Text

_CLOCK_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
#: 统一社会信用代码 (GB 32100-2015): 18 characters from digits and capital letters without I, O, S, V, Z.
_CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}")
NIGHT_WORK_DECISIONS = {"approve": "准予夜间施工", "refuse": "不予准许"}


class ClockTime(Text):
    """A time of day written ``HH:MM`` (24-hour clock)."""

    default_error_messages = {"time": "请按 HH:MM 填写24小时制时间，例如 22:00"}  # noqa: RUF012

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=5, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if not _CLOCK_TIME.fullmatch(text):
            raise self.make_error("time")
        return text


class CreditCode(Text):
    """A 统一社会信用代码 of 18 characters."""

    default_error_messages = {"credit_code": "请填写18位统一社会信用代码（数字和大写字母）"}  # noqa: RUF012

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=18, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs).upper()
        if not _CREDIT_CODE.fullmatch(text):
            raise self.make_error("credit_code")
        return text


class NightWorkApplication(FormSchema):
    """夜间施工申请表: who works, why, on which nights and hours, and how residents are protected."""

    title = "夜间施工申请表"

    general_contractor = Text(required=True, max_length=100, label="施工单位")
    contractor_credit_code = CreditCode(required=True, label="施工单位统一社会信用代码")
    works = Text(required=True, max_length=200, label="夜间施工内容")
    reason = Text(required=True, max_length=300, multiline=True, label="夜间施工原因")
    first_night = IsoDate(required=True, label="起始日期")
    last_night = IsoDate(required=True, label="截止日期")
    start_time = ClockTime(required=True, label="每晚开始时间")
    end_time = ClockTime(required=True, label="次日结束时间")
    resident_agreement = Flag(required=True, label="已与周边居民签订谅解协议")
    noise_measures = Text(required=True, max_length=500, multiline=True, label="噪声防治措施")

    @validates_schema(skip_on_field_errors=True)
    def _nights_in_order(self, data: dict[str, Any], **kwargs: Any) -> None:
        errors: dict[str, list[str]] = {}
        if data["first_night"] > data["last_night"]:
            errors["last_night"] = ["截止日期不得早于起始日期"]
        if not data["resident_agreement"]:
            errors["resident_agreement"] = ["夜间施工须先与周边居民签订谅解协议，并在申请时确认"]
        raise_field_errors(errors)


class NightWorkDecision(FormSchema):
    """The reviewing department approves or refuses; a refusal says why."""

    title = "夜间施工审查意见"

    decision = Choice(NIGHT_WORK_DECISIONS, required=True, label="审查结论")
    opinion = Text(max_length=500, multiline=True, load_default=None, label="审查意见")

    @validates_schema(skip_on_field_errors=True)
    def _refusal_says_why(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data["decision"] == "refuse" and not data["opinion"]:
            raise_field_errors({"opinion": ["不予准许的，请写明理由，申请人将看到这段话"]})
