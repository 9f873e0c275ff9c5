"""Forms about an item's time limit: a 特别程序 (started and ended by the examiner) and a 延期 (requested by the
examiner, decided by the department lead).

The procedure kinds are the clock's pause reasons for 特别程序 (``engine.clocks.PauseReason``); a procedure has
its own limit in working days, an extension adds working days to the item's limit. Both must say why: the owner
reads the reason beside the new deadline.
"""

from __future__ import annotations

from typing import Any

from marshmallow import validates_schema

from forms.base import FormSchema, raise_field_errors
from forms.fields import Choice, Count, IsoDate, Text

SPECIAL_PROCEDURE_KINDS = {"expert_review": "专家评审", "hearing": "听证", "public_notice": "公示",
                           "site_inspection": "现场踏勘/勘验", "technical_review": "技术审查"}
EXTENSION_DECISIONS = {"approve": "批准延期", "refuse": "不予延期"}
#: Upper bounds that catch a typo (300 for 30) rather than set policy: the lead still decides every extension.
PROCEDURE_MAX_DAYS, EXTENSION_MAX_DAYS = 60, 30


class SpecialProcedureStart(FormSchema):
    """The examiner holding a review starts a 特别程序; the item's clock pauses while it runs."""

    title = "启动特别程序"

    kind = Choice(SPECIAL_PROCEDURE_KINDS, required=True, label="特别程序类型")
    reason = Text(max_length=500, multiline=True, required=True, label="启动理由")
    limit_days = Count(minimum=1, maximum=PROCEDURE_MAX_DAYS, required=True, label="特别程序时限（工作日）")


class SpecialProcedureEnd(FormSchema):
    """The examiner records the procedure's result; the item's clock runs again."""

    title = "记录特别程序结果"

    result = Text(max_length=2000, multiline=True, required=True, label="特别程序结果")


class ExtensionRequest(FormSchema):
    """The examiner asks the department lead for more working days on an item."""

    title = "申请延期"

    days = Count(minimum=1, maximum=EXTENSION_MAX_DAYS, required=True, label="延长工作日数")
    reason = Text(max_length=500, multiline=True, required=True, label="延期理由")


class ExtensionDecision(FormSchema):
    """The department lead approves or refuses an extension request; a refusal says why."""

    title = "延期审批"

    decision = Choice(EXTENSION_DECISIONS, required=True, label="审批结论")
    note = Text(max_length=500, multiline=True, load_default=None, label="审批意见")

    @validates_schema(skip_on_field_errors=False)
    def _refusal_is_explained(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("decision") == "refuse" and "note" in data and data["note"] is None:
            raise_field_errors({"note": ["不予延期时必须填写审批意见"]})


class DocumentCheckCompletion(FormSchema):
    """住房和城乡建设局 records that the joint acceptance's document check (资料审核) is complete and when the joint
    site visit (联合现场验收) takes place: the 4-day step stops and the 3-day step starts."""

    title = "资料审核完成，组织联合现场验收"

    site_visit_date = IsoDate(required=True, label="联合现场验收日期")
    note = Text(max_length=500, multiline=True, load_default=None, label="说明")
