"""Forms of engine use cases that no BPMN task names: 好差评 and its follow-up, the supervisors' filter, the
grant (the named user must be an agent: the engine passes that check in) and the revocation of an agent's
authorisation, the rows changed when a certificate is reissued. Same rules and error shape as every other form
(``{field: [msg]}``, unknown keys refused); where the valid values are engine data (stages, levels,
categories) the caller passes them when it builds the schema, so this package still imports nothing of ours.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping
from typing import Any

from marshmallow import INCLUDE, ValidationError, fields, validates, validates_schema

from forms.base import ChineseField, FormSchema, raise_field_errors
from forms.fields import Text


class Comment(ChineseField, fields.String):
    """A person's own words kept verbatim as text (markup included: pages escape it, no document embeds it),
    stripped, of bounded length."""

    default_error_messages = {"too_long": "不得超过{max_length}字"}  # noqa: RUF012

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_length = max_length

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if not isinstance(value, str):
            raise self.make_error("type")
        if len(value) > self.max_length:
            raise self.make_error("too_long", max_length=self.max_length)
        return value.strip()


class ServiceRating(FormSchema):
    """好差评: one of the owner's issued stages, one of the five levels, an optional comment."""

    title = "服务评价"

    stage = Text(required=True, max_length=64, error_messages={"required": "请选择要评价的审批阶段",
                                                                "null": "请选择要评价的审批阶段"})
    level = Text(required=True, max_length=64)
    comment = Comment(load_default="", allow_none=True, max_length=500)  # a blank comment is no comment

    def __init__(self, *, stages: Collection[str], levels: Mapping[str, str], comment_max: int) -> None:
        super().__init__()
        self.stages, self.levels, self.comment_max = stages, levels, comment_max
        level_message = f"请选择评价等级（{'、'.join(levels.values())}）"
        self.fields["level"].error_messages = {**self.fields["level"].error_messages,
                                               "required": level_message, "null": level_message}
        self.fields["comment"].max_length = comment_max  # type: ignore[attr-defined]

    @validates("stage")
    def _known_stage(self, value: str, **_: Any) -> None:
        if value not in self.stages:
            raise ValidationError("请选择要评价的审批阶段")

    @validates("level")
    def _known_level(self, value: str, **_: Any) -> None:
        if value not in self.levels:
            raise ValidationError(f"请选择评价等级（{'、'.join(self.levels.values())}）")


class FollowUpClosure(FormSchema):
    """整改回访: the department lead's reply that closes a bad rating's follow-up."""

    title = "整改回访"

    reply = Comment(required=True, max_length=1000,
                    error_messages={"required": "请填写整改情况和回访结果", "null": "请填写整改情况和回访结果"})

    def __init__(self, *, reply_max: int) -> None:
        super().__init__()
        self.fields["reply"].max_length = reply_max  # type: ignore[attr-defined]


class SupervisionFilter(FormSchema):
    """电子监察 statistics filter: a period (either end optional) and a project category; blanks mean "any"."""

    title = "统计筛选"

    date_from = Text(load_default=None, max_length=10)
    date_to = Text(load_default=None, max_length=10)
    category = Text(load_default=None, max_length=64)

    def __init__(self, *, categories: Collection[str]) -> None:
        super().__init__()
        self.categories = categories

    @validates("date_from", "date_to")
    def _iso_date(self, value: str | None, **_: Any) -> None:
        if value is not None:
            _parse_date(value)

    @validates("category")
    def _known_category(self, value: str | None, **_: Any) -> None:
        if value is not None and value not in self.categories:
            raise ValidationError("没有这个项目类别")

    @validates_schema(skip_on_field_errors=True)
    def _in_order(self, data: dict[str, Any], **_: Any) -> None:
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and _parse_date(end) < _parse_date(start):
            raise ValidationError("结束日期不能早于开始日期", "date_to")


class AgencyRevocation(FormSchema):
    """The owner revokes an agent's authorisation, with an optional reason."""

    title = "撤销帮办代办授权"

    reason = Comment(load_default="", allow_none=True, max_length=500)

    def __init__(self, *, reason_max: int) -> None:
        super().__init__()
        self.fields["reason"].max_length = reason_max  # type: ignore[attr-defined]


class ChoiceList(ChineseField, fields.Field[list[Any]]):
    """A non-empty list of distinct values out of ``allowed``, returned in the order of ``allowed``."""

    default_error_messages = {  # noqa: RUF012
        "required": "该字段为必填项，须为非空列表",
        "null": "该字段为必填项，须为非空列表",
        "type": "该字段为必填项，须为非空列表",
        "duplicate": "不得重复",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.allowed: tuple[Any, ...] = ()

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[Any]:
        if not isinstance(value, list) or not value:
            raise self.make_error("type")
        wrong = [v for v in value if isinstance(v, bool) or v not in self.allowed]
        if wrong:
            listed = ", ".join(map(str, self.allowed))
            raise ValidationError(f"取值无效：{', '.join(map(str, wrong))}（可选：{listed}）")
        if len(set(value)) != len(value):
            raise self.make_error("duplicate")
        return [v for v in self.allowed if v in value]


class AwareMoment(ChineseField, fields.Field[dt.datetime]):
    """A moment with its offset: an aware datetime, or ISO 8601 text with an offset."""

    default_error_messages = {  # noqa: RUF012
        "invalid": "日期时间格式不正确（如 2026-11-02T09:30:00+08:00）",
        "naive": "须为带时区的日期时间（如 2026-11-02T09:30:00+08:00）",
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dt.datetime:
        if isinstance(value, str):
            try:
                value = dt.datetime.fromisoformat(value)
            except ValueError as exc:
                raise self.make_error("invalid") from exc
        if not isinstance(value, dt.datetime) or value.tzinfo is None or value.utcoffset() is None:
            raise self.make_error("naive")
        return value


class AgencyAuthorisation(FormSchema):
    """帮办代办授权: the owner names an agent, the stages and acts, and the period of the grant."""

    title = "帮办代办授权"

    agent_username = Text(required=True, max_length=64, error_messages={"null": "该字段为必填项"})
    stages = ChoiceList(required=True)
    acts = ChoiceList(required=True)
    valid_from = AwareMoment(required=True)
    valid_to = AwareMoment(required=True)

    def __init__(self, *, stages: Collection[int], acts: Collection[str], now: dt.datetime,
                 agent_problem: Callable[[str], str | None] | None = None) -> None:
        """``agent_problem``: why the named user cannot be the agent (unknown, disabled, not an agent), or
        None; the engine answers it from its accounts."""
        super().__init__()
        self.fields["stages"].allowed = tuple(stages)  # type: ignore[attr-defined]
        self.fields["acts"].allowed = tuple(acts)  # type: ignore[attr-defined]
        self.now, self.agent_problem = now, agent_problem

    @validates("agent_username")
    def _an_agent(self, value: str, **_: Any) -> None:
        problem = self.agent_problem(value) if self.agent_problem is not None else None
        if problem:
            raise ValidationError(problem)

    @validates_schema(skip_on_field_errors=False)  # with the other fields' errors, as one answer
    def _period(self, data: dict[str, Any], **_: Any) -> None:
        start, end = data.get("valid_from"), data.get("valid_to")
        if start is not None and end is not None and end <= start:
            raise ValidationError("截止时间须晚于起始时间", "valid_to")
        if end is not None and end <= self.now:
            raise ValidationError("截止时间须晚于当前时间", "valid_to")


class CertificateChanges(FormSchema):
    """换证: the rows of a certificate to change, by their label, each to a non-blank new text. Which labels
    the certificate has is the engine's (its template): the caller passes them."""

    title = "证照变更"

    class Meta(FormSchema.Meta):
        unknown = INCLUDE  # the keys are the certificate's own labels, checked below

    def __init__(self, *, labels: Collection[str]) -> None:
        super().__init__()
        self.labels = labels

    @validates_schema(pass_original=True)
    def _rows(self, data: dict[str, Any], original: Mapping[str, Any], **_: Any) -> None:
        errors: dict[str, list[str]] = {}
        if not original:
            errors["changes"] = ["请至少变更一项内容"]
        for label, value in original.items():
            if label not in self.labels:
                errors[label] = ["该证照没有此栏目"]
            elif not isinstance(value, str) or not value.strip():
                errors[label] = ["变更后的内容不能为空"]
        raise_field_errors(errors)


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ValidationError("日期格式应为 YYYY-MM-DD") from exc
