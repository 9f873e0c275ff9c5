"""Forms of the office's own rules, filled in by an administrator: an item of the catalogue and a category's
time-limit rule. The valid values (departments, categories and the stages each runs) are engine data, so the
caller passes them when it builds the schema (as in ``forms.engine_forms``); values arrive already typed
(an ``ItemEntry``, days as numbers) and are checked, never converted.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from marshmallow import fields, validates_schema

from forms.base import FormSchema, raise_field_errors

REVIEW, ISSUE = "review", "issue"
MAX_COMMITTED_DAYS = 60


def _value() -> fields.Raw:
    return fields.Raw(required=True, allow_none=True)


class CatalogueItem(FormSchema):
    """审批事项: what a new catalogue entry must satisfy before it counts for new approvals."""

    title = "审批事项"

    code = _value()
    name = _value()
    department_code = _value()
    category = _value()
    stage = _value()
    committed_days = _value()
    role = _value()

    def __init__(self, *, departments: Collection[str], stages_by_category: Mapping[str, Collection[int]]) -> None:
        super().__init__()
        self.departments, self.stages_by_category = departments, stages_by_category

    @validates_schema
    def _check(self, data: dict[str, Any], **_: Any) -> None:
        errors: dict[str, list[str]] = {}
        code = data["code"]
        if not isinstance(code, str) or not code.isidentifier() or not code.isascii() or not code.islower():
            errors["code"] = ["事项代码只能由小写英文字母、数字和下划线组成"]
        if not isinstance(data["name"], str) or not data["name"].strip():
            errors["name"] = ["请填写事项名称"]
        if data["department_code"] not in self.departments:
            errors["department_code"] = ["未知的审批部门"]
        if data["category"] not in self.stages_by_category:
            errors["category"] = ["未知的项目类别"]
        elif data["stage"] not in self.stages_by_category[data["category"]]:
            errors["stage"] = ["该类别项目不经过此审批阶段"]
        if not _whole(data["committed_days"]) or not 1 <= data["committed_days"] <= MAX_COMMITTED_DAYS:
            errors["committed_days"] = [f"承诺时限应为1至{MAX_COMMITTED_DAYS}个工作日"]
        if data["role"] not in (REVIEW, ISSUE):
            errors["role"] = ["事项角色只能是审查（review）或核发（issue）"]
        raise_field_errors(errors)


class TimeLimitRule(FormSchema):
    """审批时限规则: a category's total limit and one limit per stage it runs, in working days."""

    title = "审批时限规则"

    category = _value()
    total_days = _value()
    stage_days = _value()

    def __init__(self, *, stages_by_category: Mapping[str, Sequence[str]]) -> None:
        super().__init__()
        self.stages_by_category = stages_by_category

    @validates_schema
    def _check(self, data: dict[str, Any], **_: Any) -> None:
        stages = self.stages_by_category.get(data["category"]) if isinstance(data["category"], str) else None
        if stages is None:
            raise_field_errors({"category": ["未知的项目类别"]})  # nothing else can be judged without it
            return
        errors: dict[str, list[str]] = {}
        stage_days, total_days = data["stage_days"], data["total_days"]
        if not isinstance(stage_days, Mapping) or set(stage_days) != set(stages):
            errors["stage_days"] = [f"应逐一列出该类别的审批阶段：{'、'.join(stages)}"]
        elif not all(map(_whole, stage_days.values())) or any(days <= 0 for days in stage_days.values()) \
                or not _whole(total_days) or sum(stage_days.values()) > total_days:
            errors["stage_days"] = ["各阶段时限应为正数，且合计不超过总时限"]
        if not _whole(total_days) or total_days <= 0:
            errors["total_days"] = ["总时限应为正数"]
        raise_field_errors(errors)


def _whole(value: Any) -> bool:
    """A whole number as the engine's callers pass it (``True`` is not 1)."""
    return isinstance(value, int) and not isinstance(value, bool)
