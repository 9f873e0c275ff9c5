"""办件提醒 forms: which channels a person wants (and their e-mail address and mobile number), and the
contact details an administrator sets on an account."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import ValidationError, validates_schema

from forms.base import FormSchema, is_blank
from forms.fields import Flag, Text

_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")


class Email(Text):
    """An e-mail address (one, no display name): what an SMTP ``RCPT TO`` takes."""

    default_error_messages = {"invalid": "格式不正确，应为电子邮件地址（如 zhang@example.gov.cn）"}  # noqa: RUF012

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=254, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        address = super()._deserialize(value, attr, data, **kwargs)
        if _EMAIL.fullmatch(address) is None:
            raise self.make_error("invalid")
        return address


class Mobile(Text):
    """A mainland mobile number (11 digits): SMS cannot reach a landline."""

    default_error_messages = {"invalid": "格式不正确，应为11位手机号码"}  # noqa: RUF012

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=11, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        number = super()._deserialize(value, attr, data, **kwargs)
        if _MOBILE.fullmatch(number) is None:
            raise self.make_error("invalid")
        return number


class ContactDetails(FormSchema):
    """An account's e-mail address and mobile number; empty removes one."""

    title = "联系方式"

    email = Email(load_default=None, allow_none=True, label="电子邮箱")
    phone = Mobile(load_default=None, allow_none=True, label="手机号码")


class NotificationPreferences(ContactDetails):
    """A person's own choice: e-mail and/or SMS besides the message centre, with where to send them."""

    title = "消息提醒设置"

    by_email = Flag(load_default=False, label="邮件提醒")
    by_sms = Flag(load_default=False, label="短信提醒")

    @validates_schema(skip_on_field_errors=False, pass_original=True)
    def _address_for_channel(self, data: dict[str, Any], original: Any, **_: Any) -> None:
        """Every mistake at once: a channel chosen without its address is said even when another field is
        wrong too (an address given but malformed has its own message already)."""
        given = original if isinstance(original, dict) else {}
        errors = {}
        if data.get("by_email") and _blank(given.get("email")):
            errors["email"] = ["选择邮件提醒须填写电子邮箱"]
        if data.get("by_sms") and _blank(given.get("phone")):
            errors["phone"] = ["选择短信提醒须填写手机号码"]
        if errors:
            raise ValidationError(errors)


def _blank(value: Any) -> bool:
    return value is None or is_blank(value)
