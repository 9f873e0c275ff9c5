"""The decision forms: 受理, 审查, 核发, and the owner's answers after a return or a 补正 notice.

The routing values (``decision``) are the contract with the BPMN models (docs/modelling.md); the
cross-field rules make each decision carry what the applicant needs to act on it — a reason for a refusal,
and for a 补正 the complete list of missing materials, told once (一次性告知).
"""

from __future__ import annotations

from typing import Any

from marshmallow import validates_schema

from forms.base import FormSchema, raise_field_errors
from forms.fields import Choice, Count, MaterialList, Text

ACCEPTANCE_DECISIONS = {"accept": "受理", "reject": "不予受理", "supplement": "补正"}
REVIEW_DECISIONS = {"approve": "同意", "reject": "不同意", "supplement": "补正"}
RESUBMISSION_DECISIONS = {"resubmit": "重新提交", "withdraw": "撤回申请"}

#: The only decision that asks the applicant for more materials.
SUPPLEMENT = "supplement"


def _opinion_errors(data: dict[str, Any], needs_opinion: set[str]) -> dict[str, list[str]]:
    """A refusal or a 补正 must say why: the applicant cannot correct what nobody explained."""
    decision = data.get("decision")
    if decision in needs_opinion and "opinion" in data and data["opinion"] is None:
        return {"opinion": ["不予受理、不同意或要求补正时必须填写意见"]}
    return {}


#: The applicant's 补正 period when the notice sets none: 唐山's 联合审图 allows corrections within 10 working days
#: (REFERENCE §1.3), the longest period the sources name; joint acceptance's 3 days are set on its notice.
DEFAULT_SUPPLEMENT_DAYS = 10


def _period_errors(data: dict[str, Any]) -> dict[str, list[str]]:
    """A 补正 period belongs to a 补正 notice only."""
    if data.get("supplement_days") is not None and data.get("decision") not in {None, SUPPLEMENT}:
        return {"supplement_days": ["仅在要求补正时填写补正期限"]}
    return {}


def _materials_errors(data: dict[str, Any]) -> dict[str, list[str]]:
    """Missing materials belong to a 补正 and to nothing else, and a 补正 must list them all."""
    decision, materials = data.get("decision"), data.get("missing_materials")
    if decision is None or materials is None:
        return {}
    if decision == SUPPLEMENT and not materials:
        return {"missing_materials": ["要求补正时必须列明所缺材料"]}
    if decision != SUPPLEMENT and materials:
        return {"missing_materials": ["仅在要求补正时填写所缺材料"]}
    return {}


class AcceptanceDecision(FormSchema):
    """综合窗口 decides whether the stage application is complete enough to accept."""

    title = "综合窗口受理"

    decision = Choice(ACCEPTANCE_DECISIONS, required=True, label="受理结论")
    opinion = Text(max_length=2000, multiline=True, load_default=None, label="受理意见")
    missing_materials = MaterialList(load_default=list, label="需补正材料")
    supplement_days = Count(minimum=1, maximum=30, load_default=None, label="补正期限（工作日）")

    @validates_schema(skip_on_field_errors=False)
    def _decision_is_explained(self, data: dict[str, Any], **kwargs: Any) -> None:
        raise_field_errors(_opinion_errors(data, {"reject", SUPPLEMENT}) | _materials_errors(data)
                           | _period_errors(data))


class ReviewDecision(FormSchema):
    """A department examiner's conclusion on one item (审查意见)."""

    title = "部门审查意见"

    decision = Choice(REVIEW_DECISIONS, required=True, label="审查结论")
    opinion = Text(max_length=2000, multiline=True, load_default=None, label="审查意见")
    missing_materials = MaterialList(load_default=list, label="需补正材料")
    supplement_days = Count(minimum=1, maximum=30, load_default=None, label="补正期限（工作日）")
    conditions = Text(max_length=2000, multiline=True, load_default=None, label="审查附加条件")

    @validates_schema(skip_on_field_errors=False)
    def _decision_is_explained(self, data: dict[str, Any], **kwargs: Any) -> None:
        errors = _opinion_errors(data, {"reject", SUPPLEMENT}) | _materials_errors(data) | _period_errors(data)
        # Conditions attach to an approval; on a refusal they would bind nobody and mislead the applicant.
        if data.get("decision") not in {None, "approve"} and data.get("conditions") is not None:
            errors["conditions"] = ["审查附加条件仅在审查同意时填写"]
        raise_field_errors(errors)


class Issuance(FormSchema):
    """The lead department issues the stage's certificate (核发)."""

    title = "核发"

    certificate_remarks = Text(max_length=500, multiline=True, load_default=None, label="证照备注")
    validity_months = Count(minimum=1, maximum=36, load_default=None, label="有效期（月）")


class ResubmissionDecision(FormSchema):
    """After a stage was returned, the owner resubmits or withdraws (退回后处理)."""

    title = "退回后处理"

    decision = Choice(RESUBMISSION_DECISIONS, required=True, label="处理方式")
    note = Text(max_length=2000, multiline=True, load_default=None, label="说明")


class SupplementSubmission(FormSchema):
    """The owner answers a 补正 notice by naming the materials now supplied."""

    title = "补正材料提交"

    materials = MaterialList(required=True, label="补正材料")
    note = Text(max_length=2000, multiline=True, load_default=None, label="说明")
