"""The base class of every form schema.

Unknown keys are refused, not dropped: task data flows into the workflow, and a stray key such as
``typename`` breaks SpiffWorkflow's serializer, while a dropped typo would silently lose what someone entered.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from marshmallow import RAISE, Schema, ValidationError


class FormSchema(Schema):
    """A form a person fills in. ``title`` is its Chinese name, shown on the page and in the audit trail."""

    title: ClassVar[str] = ""

    class Meta:
        unknown = RAISE

    error_messages = {  # noqa: RUF012 - marshmallow merges it with Schema.default_error_messages
        "unknown": "未知字段",
        "type": "类型不正确，表单数据应为键值对象",
    }


def raise_field_errors(errors: Mapping[str, Sequence[str]]) -> None:
    """End a cross-field check: report every broken rule at once, each under the field to correct."""
    if errors:
        raise ValidationError({name: list(messages) for name, messages in errors.items()})
