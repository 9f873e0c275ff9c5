"""What every form schema and every field share: Chinese messages, and strictness about input.

Unknown keys are refused, not dropped: task data flows into the workflow, and a stray key such as
``typename`` breaks SpiffWorkflow's serializer, while a dropped typo would silently lose what someone entered.
Fields get their Chinese defaults from a base class of ours rather than by patching marshmallow's `Field`,
which the web app's API schemas share.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from marshmallow import RAISE, Schema, ValidationError, fields


def is_blank(value: Any) -> bool:
    """An empty or all-whitespace string: what an HTML form sends for an input left empty."""
    return isinstance(value, str) and not value.strip()


class ChineseField(fields.Field[Any]):
    """Base of every field here: Chinese default messages, blank-as-missing, and a ``label``."""

    default_error_messages = {  # noqa: RUF012 - marshmallow merges this class attribute along the MRO
        "required": "该字段为必填项",
        "null": "请填写此项",  # say what to do (a blank required field)
        "invalid": "格式不正确",
        "type": "类型不正确",
        "validator_failed": "取值无效",
        # marshmallow keys our fields do not raise today, translated so no English can ever leak out.
        "format": "格式不正确",
        "invalid_utf8": "格式不正确",
        "invalid_awareness": "格式不正确",
        "special": "格式不正确",
        "too_large": "数值过大",
    }

    def __init__(self, *args: Any, label: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.metadata = {**self.metadata, "label": label}

    def deserialize(self, value: Any, attr: str | None = None, data: Any = None, **kwargs: Any) -> Any:
        """Treat ``""`` like ``None``: refused (请填写此项) when required, ``None`` when optional."""
        return super().deserialize(None if is_blank(value) else value, attr, data, **kwargs)


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
