"""HTML forms from the ``forms`` schemas: which widget for which field, what the person sent, and how
stored form data reads on a page. Labels come from each field's ``metadata["label"]``.

No JavaScript: conditional fields (the materials of a 补正) are always shown, with a hint saying when
they apply; the engine's validation says the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict

import forms
from forms import fields as kinds

_QUANTITIES = (kinds.Area, kinds.Money, kinds.Length)
_HINTS = {
    kinds.ProjectCode: "格式：YYYY-XXXXXX-XX-XX-XXXXXX，如 2026-420104-47-03-000123",
    kinds.Phone: "11位手机号码，或带区号的固定电话（如 027-88886666）",
    kinds.MaterialList: "每行填写一项材料名称",
    kinds.IsoDate: "格式：YYYY-MM-DD",
}
_FIELD_HINTS = {
    "missing_materials": "仅在结论为“补正”时填写；一次列明全部所缺材料，每行一项",
    "opinion": "结论为不予受理、不同意或补正时必须填写意见，写明理由",
    "conditions": "仅在审查同意时填写",
    "supplement_days": "仅在结论为“补正”时填写；不填则为10个工作日，申请人逾期未补正的，系统记录并告知办理部门",
    "land_approval_no": "用地批准文件或国有建设用地使用权出让合同的编号，如 武政土〔2026〕15号",
}
RADIO_LIMIT = 3  # up to three choices as radio buttons (all visible at once), more as a drop-down list


@dataclass
class FieldView:
    """One input as the template draws it."""

    name: str
    label: str
    widget: str  # text | tel | date | number | decimal | textarea | select | radio | flag | lines | checks
    required: bool
    value: str = ""
    errors: list[str] = field(default_factory=list)
    hint: str = ""
    choices: list[tuple[str, str]] = field(default_factory=list)
    max_length: int | None = None

    @property
    def input_id(self) -> str:
        return f"f-{self.name}"

    @property
    def described_by(self) -> str:
        ids = ([f"{self.input_id}-hint"] if self.hint else []) + ([f"{self.input_id}-error"] if self.errors else [])
        return " ".join(ids)


def title(form_key: str) -> str:
    return forms.title_for(form_key)


def field_views(form_key: str, values: dict[str, Any] | None = None,
                errors: dict[str, list[str]] | None = None) -> list[FieldView]:
    """Every field of the form in declaration order, filled with ``values`` and their messages."""
    values, errors = values or {}, errors or {}
    views = []
    for name, f in forms.schema_for(form_key).fields.items():
        view = FieldView(name, f.metadata.get("label", name), _widget(f), f.required, _shown(values.get(name)),
                         list(errors.get(name, [])), _FIELD_HINTS.get(name) or _hint(f))
        view.choices = list(getattr(f, "choices", {}).items())
        view.max_length = getattr(f, "max_length", None) if view.widget in {"text", "tel", "textarea"} else None
        if view.widget == "select" and len(view.choices) <= RADIO_LIMIT:
            view.widget = "radio"
        views.append(view)
    return views


def other_errors(form_key: str, errors: dict[str, list[str]]) -> list[str]:
    """Messages not attached to one of the form's fields (whole-form rules, unknown keys)."""
    names = set(forms.schema_for(form_key).fields)
    return [m for key, messages in errors.items() if key not in names for m in messages]


def parse(form_key: str, sent: MultiDict) -> dict[str, Any]:
    """The form's own fields from a posted HTML form (the CSRF token and anything else are left out).

    Material lists come one per line; a flag left unanswered is left out (the schema says if it is needed).
    """
    data: dict[str, Any] = {}
    for name, f in forms.schema_for(form_key).fields.items():
        if name not in sent:
            continue
        if isinstance(f, kinds.MaterialList):  # lines of a textarea, or the ticked boxes of a checklist
            data[name] = [line.strip() for value in sent.getlist(name) for line in value.splitlines() if line.strip()]
        else:
            data[name] = sent.get(name, "")
    return data


def describe(form_key: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """Stored form data as (label, readable value) pairs, in the form's order."""
    schema = forms.schema_for(form_key)
    return [(f.metadata.get("label", name), _readable(f, data.get(name))) for name, f in schema.fields.items()
            if name in data]


def readable(form_key: str, name: str, value: Any) -> str:
    """One stored answer as people read it (a choice's label, 是/否, a list joined)."""
    return _readable(forms.schema_for(form_key).fields[name], value)


def _widget(f: Any) -> str:
    for kind, widget in ((kinds.MaterialList, "lines"), (kinds.Choice, "select"), (kinds.Flag, "flag"),
                         (kinds.IsoDate, "date"), (kinds.Count, "number"), (_QUANTITIES, "decimal"),
                         (kinds.Phone, "tel")):
        if isinstance(f, kind):
            return widget
    return "textarea" if getattr(f, "multiline", False) else "text"


def _hint(f: Any) -> str:
    return next((text for kind, text in _HINTS.items() if isinstance(f, kind)), "")


def _shown(value: Any) -> str:
    """A value as the input shows it again (what was sent, or what is stored)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "\n".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _readable(f: Any, value: Any) -> str:
    if value is None or value in ("", []):
        return "—"
    if isinstance(f, kinds.Choice):
        return f.choices.get(value, str(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


def as_checklist(views: list[FieldView], name: str, materials: list[str], hint: str) -> None:
    """Draw the material list ``name`` as one checkbox per material of the stage's checklist (picked, not typed)."""
    for view in views:
        if view.name == name and materials:
            view.widget, view.hint = "checks", hint
            view.choices = [(m, m) for m in dict.fromkeys(materials)]
