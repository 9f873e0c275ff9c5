"""审批部门 as an administrator adds or renames one. Whether a code or name is already taken is the engine's
to check (it reads the table); these schemas check the shape of what was typed."""

from __future__ import annotations

import re
from typing import Any

from marshmallow import validates_schema

from forms.base import FormSchema, raise_field_errors
from forms.fields import Text

#: Work items, catalogue rules and accounts refer to the code: ASCII lower snake_case, stable forever.
CODE_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
CODE_MAX, NAME_MIN, NAME_MAX = 40, 2, 40


class DepartmentRename(FormSchema):
    """A department's new name (2–40 characters; Chinese is what offices use)."""

    title = "重命名审批部门"

    name = Text(max_length=NAME_MAX, required=True, label="部门名称",
                error_messages={"required": "请填写部门名称", "null": "请填写部门名称"})

    @validates_schema(skip_on_field_errors=False)  # every field's message at once
    def _name_long_enough(self, data: dict[str, Any], **_: Any) -> None:
        if "name" in data and len(data["name"]) < NAME_MIN:
            raise_field_errors({"name": [f"部门名称至少{NAME_MIN}个字"]})


class NewDepartment(DepartmentRename):
    """A department: its code (never changes) and its name."""

    title = "新增审批部门"

    code = Text(max_length=CODE_MAX, required=True, label="部门代码",
                error_messages={"required": "请填写部门代码", "null": "请填写部门代码"})

    @validates_schema(skip_on_field_errors=False)
    def _code_shape(self, data: dict[str, Any], **_: Any) -> None:
        if "code" in data and CODE_PATTERN.fullmatch(data["code"]) is None:
            raise_field_errors({"code": ["部门代码请用小写英文字母、数字和下划线，以字母开头，如 market_regulation"]})
