"""多测合一成果: the commissioned firm's one result set, figures for every survey, signed by its surveyor.

The surveys and their indicators are engine data (``engine.surveys.results.SURVEYS``): the caller passes
them when it builds the schema. Errors are keyed by survey code (``{"green_space": ["绿地：绿地率应为非负数"]}``)
so the firm sees, per survey, every indicator still to correct.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from marshmallow import EXCLUDE, fields, post_load, validates_schema

from forms.base import FormSchema, raise_field_errors

#: code, name, indicators of one survey
SurveySpec = tuple[str, str, Sequence[str]]


class SurveyResult(FormSchema):
    """Every indicator of every survey as a non-negative number, and the registered surveyor's name."""

    title = "多测合一成果"

    class Meta(FormSchema.Meta):
        unknown = EXCLUDE  # only the figures and the signature are read; anything else was never kept

    surveyor = fields.Raw(load_default=None, allow_none=True)
    figures = fields.Raw(load_default=None, allow_none=True)

    def __init__(self, *, surveys: Sequence[SurveySpec]) -> None:
        super().__init__()
        self.surveys = surveys

    @validates_schema
    def _check(self, data: dict[str, Any], **_: Any) -> None:
        errors: dict[str, list[str]] = {}
        if not _surveyor(data):
            errors["surveyor"] = ["须由注册测绘师签署"]
        given = _given(data)
        for code, name, indicators in self.surveys:
            values = _values(given, code)
            missing = [indicator for indicator in indicators if non_negative(values.get(indicator)) is None]
            if missing:
                errors[code] = [f"{name}：{'、'.join(missing)}应为非负数"]
        unknown = sorted(set(given) - {code for code, _, _ in self.surveys})
        if unknown:
            errors["figures"] = [f"未委托的测绘项目：{'、'.join(unknown)}"]
        raise_field_errors(errors)

    @post_load
    def _clean(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        """``figures``: survey code → indicator → the number as text; ``surveyor`` stripped."""
        given = _given(data)
        figures = {code: {indicator: str(non_negative(_values(given, code).get(indicator)))
                          for indicator in indicators}
                   for code, _, indicators in self.surveys}
        return {"figures": figures, "surveyor": _surveyor(data)}


def non_negative(value: Any) -> Decimal | None:
    """The value as a finite non-negative number, or None (a flag is not a number)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() and number >= 0 else None


def _surveyor(data: Mapping[str, Any]) -> str:
    return str(data.get("surveyor") or "").strip()


def _given(data: Mapping[str, Any]) -> Mapping[str, Any]:
    figures = data.get("figures")
    return figures if isinstance(figures, dict) else {}


def _values(given: Mapping[str, Any], code: str) -> Mapping[str, Any]:
    raw = given.get(code)
    return raw if isinstance(raw, dict) else {}
