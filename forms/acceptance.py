"""Forms of the acceptance modes (issue #4): 容缺受理, 告知承诺制 and the 先建后验 pre-permit.

Commitment forms must be confirmed explicitly (``confirmed`` true): a commitment nobody ticked is not one.
"""

from __future__ import annotations

from typing import Any

from marshmallow import validate, validates_schema

from forms.applications import ConstructionParties
from forms.base import FormSchema, raise_field_errors
from forms.fields import Choice, Flag, MaterialList, Text

TOLERANCE_CHECKS = {"pass": "核验通过", "fail": "核验不通过"}
VERIFICATION_OUTCOMES = {"pass": "履行承诺", "breach": "未履行承诺"}


def _confirmed(label: str) -> Flag:
    return Flag(required=True, validate=validate.Equal(True, error="必须确认承诺内容"), label=label)


class ToleranceCommitment(FormSchema):
    """容缺受理承诺书: the owner promises to supply the listed materials by the published deadline."""

    title = "容缺受理承诺书"

    item = Text(required=True, max_length=60, label="申请事项")
    missing_materials = MaterialList(required=True, label="容缺材料")
    confirmed = _confirmed("本单位承诺在补正期限内补齐上述材料")


class ToleranceAcceptance(FormSchema):
    """The window accepts a stage application with secondary materials missing (容缺受理)."""

    title = "容缺受理"

    item = Text(required=True, max_length=60, label="申请事项")
    present_materials = MaterialList(required=True, label="已收取的材料")
    opinion = Text(max_length=2000, multiline=True, load_default=None, label="受理意见")


class ToleranceSupply(FormSchema):
    """The owner supplies the materials a 容缺 acceptance left missing."""

    title = "容缺材料补正"

    materials = MaterialList(required=True, label="补正材料")
    note = Text(max_length=2000, multiline=True, load_default=None, label="说明")


class ToleranceCheck(FormSchema):
    """The window checks what was supplied."""

    title = "容缺材料核验"

    decision = Choice(TOLERANCE_CHECKS, required=True, label="核验结论")
    opinion = Text(max_length=2000, multiline=True, load_default=None, label="核验意见")

    @validates_schema(skip_on_field_errors=False)
    def _fail_is_explained(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("decision") == "fail" and not data.get("opinion"):
            raise_field_errors({"opinion": ["核验不通过时必须说明理由"]})


class CommitmentApplication(FormSchema):
    """告知承诺: the owner applies for a listed item and confirms the published commitment text."""

    title = "告知承诺书"

    item = Text(required=True, max_length=60, label="申请事项")
    confirmed = _confirmed("本单位已知晓告知内容，承诺符合审批条件并承担相应法律责任")


class CommitmentVerification(FormSchema):
    """The examiner's after-the-fact check of a commitment (事后核查), possibly on site."""

    title = "告知承诺事后核查"

    decision = Choice(VERIFICATION_OUTCOMES, required=True, label="核查结论")
    site_visit = Flag(load_default=None, label="已现场核查")
    findings = Text(max_length=2000, multiline=True, load_default=None, label="核查情况")
    ban = Flag(load_default=None, label="禁止其在禁止期内适用告知承诺（默认禁止）")

    @validates_schema(skip_on_field_errors=False)
    def _breach_is_explained(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("decision") == "breach" and not data.get("findings"):
            raise_field_errors({"findings": ["认定未履行承诺时必须写明核查情况"]})


class PrePermitApplication(ConstructionParties):
    """先建后验: the owner applies for a 施工预许可 on a commitment; the materials carry over to the formal permit."""

    title = "建筑工程施工预许可申请（告知承诺）"

    confirmed = _confirmed("本单位承诺预许可有效期内取得正式施工许可，仅在许可范围内施工")
