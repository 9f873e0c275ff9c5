"""账号管理: a new account and a new password, as an administrator enters them (page or ``approval users``).

Which roles need a department and how long a password must be are the engine's settings: the caller passes
them when it builds the schema. Values arrive as the engine's ``NewAccount`` holds them and are checked,
never converted (the engine strips the names itself when it stores them).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from marshmallow import EXCLUDE, fields, validates_schema

from forms.base import FormSchema, raise_field_errors


def _value() -> fields.Raw:
    return fields.Raw(load_default=None, allow_none=True)


class NewPassword(FormSchema):
    """A password of at least ``minimum`` characters."""

    title = "设置密码"

    password = _value()

    def __init__(self, *, minimum: int) -> None:
        super().__init__()
        self.minimum = minimum

    @validates_schema
    def _check(self, data: dict[str, Any], **_: Any) -> None:
        raise_field_errors(self._password_errors(data))

    def _password_errors(self, data: dict[str, Any]) -> dict[str, list[str]]:
        password = data.get("password")
        if not isinstance(password, str) or len(password) < self.minimum:
            return {"password": [f"密码至少{self.minimum}个字符"]}
        return {}


class NewAccount(NewPassword):
    """An account: a password long enough, names not blank, a department for the roles that act in one."""

    title = "新建账号"

    class Meta(FormSchema.Meta):
        unknown = EXCLUDE  # the organisation is free text, stored as entered

    username = _value()
    display_name = _value()
    role = _value()
    department_code = _value()

    def __init__(self, *, minimum: int, department_roles: Collection[str]) -> None:
        super().__init__(minimum=minimum)
        self.department_roles = department_roles

    @validates_schema
    def _check(self, data: dict[str, Any], **_: Any) -> None:
        errors = self._password_errors(data)
        if data.get("role") in self.department_roles and not data.get("department_code"):
            errors["department_code"] = ["审批人员和部门负责人须指定所属部门"]
        username, display_name = (str(data.get(name) or "").strip() for name in ("username", "display_name"))
        if not username or not display_name:
            errors["username" if not username else "display_name"] = ["请填写此项"]
        raise_field_errors(errors)
