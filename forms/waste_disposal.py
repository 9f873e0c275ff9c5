"""Forms of 建筑垃圾处置核准 (construction waste disposal e-licence, REQ-S3-06): the one application (what is
carried, how much, by whom, on which route, in which vehicles, to which disposal site, over which days) and a
department's review of its part.

Which departments review which category, the disposal sites and the three-month limit are the engine's rules
(they change without a form change); these schemas check the shape of what a person entered.
"""

from __future__ import annotations

import re
from typing import Any

from marshmallow import validates_schema

from forms.base import FormSchema, raise_field_errors
from forms.fields import Choice, Count, Flag, IsoDate, MaterialList, Text
from forms.night_work import CreditCode

WASTE_REVIEW_DECISIONS = {"approve": "同意", "refuse": "不同意"}
CATEGORY_FIELDS = ("muck", "mud", "demolition", "decoration")
#: 机动车号牌 (GA 36): a province's abbreviation, the issuing office's letter, then five or six characters.
_PLATE = re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][A-HJ-NP-Z0-9]{5,6}")


class PlateList(MaterialList):
    """Number plates of the vehicles, one per line: each a plate as printed (鄂A12345 or 鄂AD12345), none twice."""

    default_error_messages = {  # noqa: RUF012
        "type": "类型不正确，应为车牌号列表",
        "duplicate": "第{index}项与第{first}项重复：{name}",
        "too_many": "最多填写{max_items}辆车",
        "plate": "第{index}项“{name}”不是有效的车牌号，例如 鄂A12345",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_items=50, item_length=10, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[str | None]:
        plates = [p.upper() if isinstance(p, str) else p for p in super()._deserialize(value, attr, data, **kwargs)]
        for index, plate in enumerate(plates, start=1):
            if not _PLATE.fullmatch(plate or ""):
                raise self.make_error("plate", index=index, name=plate)
        return plates


class WasteDisposalApplication(FormSchema):
    """建筑垃圾处置核准申请表（一表申请，各部门分类审批）."""

    title = "建筑垃圾处置核准申请表"

    transport_company = Text(required=True, max_length=100, label="运输单位")
    transport_credit_code = CreditCode(required=True, label="运输单位统一社会信用代码")
    muck = Flag(load_default=None, label="工程渣土")
    mud = Flag(load_default=None, label="工程泥浆")
    demolition = Flag(load_default=None, label="拆除垃圾")
    decoration = Flag(load_default=None, label="装修垃圾")
    volume_m3 = Count(required=True, minimum=1, maximum=5_000_000, label="预计处置量（立方米）")
    route = Text(required=True, max_length=500, multiline=True, label="运输路线")
    vehicle_plates = PlateList(required=True, label="运输车辆（车牌号）")
    disposal_site = Text(required=True, max_length=20, label="消纳场所")
    first_day = IsoDate(required=True, label="处置起始日期")
    last_day = IsoDate(required=True, label="处置截止日期")
    sealed_transport = Flag(required=True, label="运输车辆均已安装密闭装置和卫星定位装置")

    @validates_schema(skip_on_field_errors=True)
    def _coherent(self, data: dict[str, Any], **kwargs: Any) -> None:
        errors: dict[str, list[str]] = {}
        if not any(data[name] for name in CATEGORY_FIELDS):
            errors["muck"] = ["请至少勾选一类建筑垃圾"]
        if data["first_day"] > data["last_day"]:
            errors["last_day"] = ["截止日期不得早于起始日期"]
        if not data["sealed_transport"]:
            errors["sealed_transport"] = ["运输建筑垃圾的车辆须密闭运输并安装卫星定位装置，确认后方可申请"]
        raise_field_errors(errors)


class WasteDisposalReview(FormSchema):
    """A department's review of its part of the application; a refusal says why."""

    title = "建筑垃圾处置核准审查意见"

    decision = Choice(WASTE_REVIEW_DECISIONS, required=True, label="审查结论")
    opinion = Text(max_length=500, multiline=True, load_default=None, label="审查意见")

    @validates_schema(skip_on_field_errors=True)
    def _refusal_says_why(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data["decision"] == "refuse" and not data["opinion"]:
            raise_field_errors({"opinion": ["不同意的，请写明理由，申请人将看到这段话"]})
