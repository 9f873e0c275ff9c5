"""Field types shared by every form, with messages in Simplified Chinese.

Why our own fields: marshmallow's defaults speak English and accept things a government form must not —
markup in free text, ``3.5`` floors silently truncated to 3, money silently rounded. Two rules hold for every
field here: a blank string counts as no value (HTML forms send ``""`` for an empty input), and a value of the
wrong Python type gives a message starting with 类型不正确 while a badly written one gives 格式不正确.
Every field takes an optional ``label`` (its Chinese name), kept in ``metadata["label"]`` for pages
(see `forms.base.ChineseField`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from marshmallow import ValidationError, fields, utils, validate

from forms.base import ChineseField, is_blank

#: Applicants and examiners live on Beijing time; servers usually run on UTC.
CHINA_TZ = dt.timezone(dt.timedelta(hours=8))

#: Assumed earliest year in a 项目代码: the national platform went into service around 2015. Lower it if
#: genuine older codes turn up; until then an earlier year is far more likely a typo.
FIRST_PROJECT_CODE_YEAR = 2015

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_MULTILINE_WHITESPACE = frozenset("\n\r\t")
_PROJECT_CODE = re.compile(r"([0-9]{4})-[0-9]{6}-[0-9]{2}-[0-9]{2}-[0-9]{6}")
_PHONE = re.compile(r"1[3-9][0-9]{9}|0[0-9]{2,3}-?[2-9][0-9]{6,7}(?:-[0-9]{1,6})?")
_INTEGER = re.compile(r"[+-]?[0-9]{1,9}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TWO_PLACES = Decimal("0.01")


def china_today() -> dt.date:
    """Today's date in Beijing, so "not in the future" checks do not refuse a Chinese morning's date."""
    return dt.datetime.now(CHINA_TZ).date()


def _is_control(char: str) -> bool:
    """Control characters, lone surrogates and bidi overrides: invisible, and used to disguise text."""
    return unicodedata.category(char) in {"Cc", "Cs"} or char in _BIDI_CONTROLS


class Text(ChineseField, fields.String):
    """Free text, stripped, without markup or control characters, of bounded length.

    Angle brackets are refused outright instead of escaped: the text ends up in certificates, PDFs and
    other departments' systems, and we cannot vouch that each of them escapes it.
    """

    default_error_messages = {  # noqa: RUF012
        "type": "类型不正确，应为文本",
        "markup": "不得包含尖括号等标记字符",
        "control": "不得包含控制字符",
        "too_long": "不得超过{max_length}个字符",
    }

    def __init__(self, *, max_length: int = 200, multiline: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_length = max_length
        self.multiline = multiline

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        if not isinstance(value, str):
            raise self.make_error("type")
        text = value.strip()
        if "<" in text or ">" in text:
            raise self.make_error("markup")
        allowed = _MULTILINE_WHITESPACE if self.multiline else frozenset()
        if any(_is_control(char) and char not in allowed for char in text):
            raise self.make_error("control")
        if len(text) > self.max_length:
            raise self.make_error("too_long", max_length=self.max_length)
        return text


class ProjectCode(Text):
    """项目代码 of the national 投资项目在线审批监管平台 (GB/T 40058), e.g. ``2026-420104-47-03-000123``.

    Checks shape and year only: whether the code was really issued is for the platform to say.
    """

    default_error_messages = {  # noqa: RUF012
        "invalid": "格式不正确，应为 YYYY-XXXXXX-XX-XX-XXXXXX（如 2026-420104-47-03-000123）",
        "year": "项目代码中的年份 {year} 不合理",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=64, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        code = super()._deserialize(value, attr, data, **kwargs)
        match = _PROJECT_CODE.fullmatch(code)
        if match is None:
            raise self.make_error("invalid")
        year = int(match.group(1))
        if not FIRST_PROJECT_CODE_YEAR <= year <= china_today().year:
            raise self.make_error("year", year=year)
        return code


class Phone(Text):
    """A mainland mobile number, or a landline with its area code (and optionally an extension)."""

    default_error_messages = {"invalid": "格式不正确，应为11位手机号码或带区号的固定电话（如 027-88886666）"}  # noqa: RUF012

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=32, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        number = super()._deserialize(value, attr, data, **kwargs)
        if _PHONE.fullmatch(number) is None:
            raise self.make_error("invalid")
        return number


class Choice(Text):
    """One code out of a fixed set; ``choices`` maps each code to its Chinese label, shown in the message."""

    def __init__(self, choices: Mapping[str, str], **kwargs: Any) -> None:
        self.choices = dict(choices)
        listing = "、".join(f"{code}（{name}）" for code, name in self.choices.items())
        one_of = validate.OneOf(list(self.choices), error=f"取值无效，应为以下之一：{listing}")
        super().__init__(max_length=64, validate=one_of, **kwargs)
        self.error_messages = {**self.error_messages, "null": "请选择一项"}


class MaterialList(ChineseField, fields.List[str]):
    """Names of application materials: each a non-empty `Text`, no name twice.

    ``None`` or a blank string count as an empty list, which a required list refuses (请至少选择一项). Item
    errors come back as flat messages (第2项：请填写此项) so every field's errors are a list of strings.
    """

    default_error_messages = {  # noqa: RUF012
        "type": "类型不正确，应为材料名称列表",
        "duplicate": "第{index}项与第{first}项重复：{name}",
        "too_many": "最多填写{max_items}项",
        "null": "请至少选择一项",
    }

    def __init__(self, *, max_items: int = 50, item_length: int = 100, **kwargs: Any) -> None:
        super().__init__(Text(max_length=item_length), **kwargs)
        self.max_items = max_items

    def deserialize(self, value: Any, attr: str | None = None, data: Any = None, **kwargs: Any) -> Any:
        empty = value is None or is_blank(value)
        return super().deserialize([] if empty else value, attr, data, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[str | None]:
        if not utils.is_collection(value):
            raise self.make_error("type")
        try:
            names = super()._deserialize(value, attr, data, **kwargs)
        except ValidationError as error:
            raise ValidationError(_numbered(error.messages)) from error
        if not names and self.required:
            raise self.make_error("null")
        if len(names) > self.max_items:
            raise self.make_error("too_many", max_items=self.max_items)
        self._refuse_duplicates(names)
        return names

    def _refuse_duplicates(self, names: list[str | None]) -> None:
        first_seen: dict[str | None, int] = {}
        for index, name in enumerate(names, start=1):
            if name in first_seen:
                raise self.make_error("duplicate", index=index, first=first_seen[name], name=name)
            first_seen[name] = index


def _numbered(messages: Any) -> list[str]:
    """``{1: ["请填写此项"]}`` → ``["第2项：请填写此项"]``: item positions as a person counts them."""
    return [f"第{index + 1}项：{text}" for index, texts in sorted(messages.items()) for text in texts]


class _Quantity(ChineseField, fields.Decimal):
    """A non-negative Decimal with at most two decimal places, never rounded behind the user's back."""

    MAXIMUM = Decimal("9999999999.99")  # fits NUMERIC(12, 2)
    default_error_messages = {  # noqa: RUF012
        "type": "类型不正确，应为数字",
        "invalid": "格式不正确，应为数字",
        "special": "格式不正确，应为有限的数字",
        "places": "最多保留两位小数",
        "negative": "不得为负数",
        "not_positive": "必须大于0",
        "too_large": "数值过大",
    }

    allow_zero = False

    def __init__(self, *, allow_zero: bool | None = None, **kwargs: Any) -> None:
        super().__init__(places=None, **kwargs)
        if allow_zero is not None:
            self.allow_zero = allow_zero

    def _validated(self, value: Any) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise self.make_error("type")
        number: Decimal = super()._validated(value.strip() if isinstance(value, str) else value)
        if abs(number) > self.MAXIMUM:
            raise self.make_error("too_large")
        if number != number.quantize(_TWO_PLACES):
            raise self.make_error("places")
        if number < 0 or (number == 0 and not self.allow_zero):
            raise self.make_error("negative" if self.allow_zero else "not_positive")
        return abs(number).quantize(_TWO_PLACES)  # abs: no "-0.00"


class Money(_Quantity):
    """An amount in 万元 (ten thousand yuan), as every 工改 form states money; zero is allowed."""

    allow_zero = True


class Area(_Quantity):
    """An area in m², greater than zero unless ``allow_zero=True`` (an underground area may be none)."""


class Length(_Quantity):
    """A length in metres (a building's height), greater than zero."""


class Count(ChineseField, fields.Integer):
    """A whole number within a range. ``3.5`` is refused rather than truncated, ``True`` is not 1."""

    default_error_messages = {  # noqa: RUF012
        "type": "类型不正确，应为整数",
        "invalid": "格式不正确，应为整数",
        "below": "不得小于{minimum}",
        "above": "不得大于{maximum}",
    }

    def __init__(self, *, minimum: int, maximum: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.minimum = minimum
        self.maximum = maximum

    def _validated(self, value: Any) -> int:
        number = self._whole_number(value)
        if number < self.minimum:
            raise self.make_error("below", minimum=self.minimum)
        if number > self.maximum:
            raise self.make_error("above", maximum=self.maximum)
        return number

    def _whole_number(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            raise self.make_error("type")
        if isinstance(value, str) and _INTEGER.fullmatch(value.strip()) is None:
            raise self.make_error("invalid")
        number = Decimal(value.strip() if isinstance(value, str) else value)  # exact, even for floats
        if not number.is_finite() or number != number.to_integral_value():
            raise self.make_error("invalid")
        return int(number)


class Flag(ChineseField, fields.Boolean):
    """Yes or no; accepts JSON booleans and the usual form spellings (true/false, 1/0, on/off)."""

    default_error_messages = {"invalid": "类型不正确，应为是或否", "null": "请选择是或否"}  # noqa: RUF012


class IsoDate(ChineseField, fields.Date):
    """A calendar date written ``YYYY-MM-DD`` (or a `datetime.date`); a datetime is not a date here."""

    default_error_messages = {  # noqa: RUF012
        "type": "类型不正确，应为日期",
        "invalid": "格式不正确，应为 YYYY-MM-DD 格式的日期",
        "null": "请填写日期（YYYY-MM-DD）",
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dt.date:
        if isinstance(value, dt.datetime) or not isinstance(value, str | dt.date):
            raise self.make_error("type")
        if isinstance(value, dt.date):
            return value
        text = value.strip()
        if _ISO_DATE.fullmatch(text) is None:
            raise self.make_error("invalid")
        try:
            return dt.date.fromisoformat(text)
        except ValueError as error:
            raise self.make_error("invalid") from error
