"""Request guards: what no database may see, refused before any view runs.

Ids in paths are bounded to the database's integer range (an id beyond it cannot exist: 404, never a
database error); NUL characters in paths, query values and JSON strings are refused (PostgreSQL cannot
store them: 422); a JSON body that does not parse is a 400; ``page`` and ``page_size`` beyond any real
list are refused (422). Form fields refuse control characters themselves (``forms``), with a field-level
message.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Flask, request
from werkzeug.exceptions import BadRequest, UnprocessableEntity
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # INTEGER on both databases
MAX_PAGE = 1_000_000
NUL_REFUSED = "请求中含有不允许的空字符（\\0）"
PAGE_REFUSED = "页码超出范围"
BAD_JSON = "请求内容不是有效的JSON（须为UTF-8编码，嵌套不可过深，数字不可过长）"


class IdConverter(IntegerConverter):
    """``<int:…>`` in every route: a positive id within the database's range, else the route does not match."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def install_converters(app: Flask) -> None:
    """Before any route is added: ``int`` converters are bounded ids."""
    app.url_map.converters["int"] = IdConverter


def init_app(app: Flask) -> None:
    app.before_request(refuse_unstorable_input)


def refuse_unstorable_input() -> None:
    if "\x00" in request.path or any("\x00" in k or "\x00" in v for k, v in request.args.items(multi=True)):
        raise UnprocessableEntity(description=NUL_REFUSED)
    for name in ("page", "page_size"):
        value = request.args.get(name, "")
        digits = value.strip().lstrip("+")
        if digits.isdigit() and (len(digits) > len(str(MAX_PAGE)) or int(digits) > MAX_PAGE):
            raise UnprocessableEntity(description=PAGE_REFUSED)
    if request.is_json and _has_nul(_json_body()):
        raise UnprocessableEntity(description=NUL_REFUSED)


def _json_body() -> Any:
    """The JSON body, parsed once here so that no view's parser meets a body it cannot handle (webargs
    lets a RecursionError from deep nesting through). An empty body is left to the view."""
    data = request.get_data(cache=True)
    if not data.strip():
        return None
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        raise BadRequest(description=BAD_JSON) from None


def _has_nul(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False
