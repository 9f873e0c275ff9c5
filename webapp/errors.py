"""The one place where errors become HTTP responses: one JSON shape for the API, a page for people.

Shape: ``{"code": "...", "message": "中文说明", "errors": {field: [messages]}, "context": {...}}``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, make_response, redirect, render_template, request, url_for
from sqlalchemy.exc import DataError, IntegrityError
from werkzeug.exceptions import HTTPException

import engine

from . import materials

_HTTP_MESSAGES = {400: "请求有误", 401: "请先登录", 403: "无权访问", 404: "页面或资源不存在", 405: "不支持的请求方式",
                  413: "上传的文件过大",
                  415: "不支持的内容类型", 422: "提交的数据有误", 429: "请求过于频繁，请稍后再试",
                  500: "系统内部错误，请稍后再试", 503: "服务暂不可用，请稍后再试"}


CONCURRENT_DUPLICATE = "同样的内容刚刚已由另一请求提交，请刷新后查看，不要重复提交"


def init_app(app: Flask) -> None:
    app.register_error_handler(engine.EngineError, _engine_error)
    app.register_error_handler(IntegrityError, integrity_response)
    app.register_error_handler(DataError, _data_error)
    app.register_error_handler(engine.UnknownCalendarYear, _calendar_year_missing)
    app.register_error_handler(HTTPException, _http_error)


def _engine_error(exc: engine.EngineError) -> Any:
    errors = getattr(exc, "field_errors", {})
    return _respond(exc.status, exc.code, exc.message, errors, _public_context(exc))


def _calendar_year_missing(exc: engine.UnknownCalendarYear) -> Any:
    # Only a year *before* chinesecalendar's range gets here (later years are served provisionally from the
    # statutory holidays): that action is unavailable until an administrator loads that year's schedule.
    return _respond(503, "calendar_year_not_loaded", str(exc), {}, {"year": exc.year})


def _http_error(exc: HTTPException) -> Any:
    status = exc.code or 500
    if status == 401 and request.method == "GET" and not _wants_json():
        return redirect(url_for("account.login", next=request.full_path.rstrip("?")))
    errors = _smorest_errors(exc)
    # Our own 400 and 429 carry a Chinese description; werkzeug's defaults (English) never reach people.
    ours = status in {400, 422, 429} and isinstance(exc.description, str) and not errors
    message = exc.description if ours and exc.description != type(exc).description else None
    if status == 413:  # the whole request was over the limit: say what the limit is
        limit = _megabytes(materials.limits().max_bytes)
        message = f"上传的文件过大：单个文件不得超过 {limit}，请压缩或拆分后重新上传"
    response = _respond(status, f"http_{status}", message or _HTTP_MESSAGES.get(status, exc.name), errors, {})
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


def _megabytes(n: int) -> str:
    unit, size = ("MB", 1024 * 1024) if n >= 1024 * 1024 else ("KB", 1024)
    return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"


def _smorest_errors(exc: HTTPException) -> dict[str, Any]:
    """flask-smorest/webargs put field messages under data.messages.{json|query|form}; a body that is no
    JSON object at all comes as a list of messages there, kept under the key ``_body``."""
    data = getattr(exc, "data", None)
    messages = data.get("messages", {}) if isinstance(data, dict) else {}
    merged: dict[str, Any] = {}
    for location in messages.values() if isinstance(messages, dict) else []:
        if isinstance(location, dict):
            merged.update(location)
        else:
            merged.setdefault("_body", []).extend(location if isinstance(location, list) else [str(location)])
    return merged


def integrity_response(exc: IntegrityError) -> Any:
    """Two requests creating the same thing at once: the database's unique constraint refused the second
    (the engine's own check saw nothing yet). Anything else is a defect and stays a 500."""
    if not _unique_violation(exc):
        raise exc
    return _respond(409, "conflict", CONCURRENT_DUPLICATE, {}, {})


def _data_error(exc: DataError) -> Any:
    # A value the database cannot hold (a number beyond its range): the request was wrong, not the server.
    return _respond(422, "value_out_of_range", "提交的数值超出允许范围", {}, {})


def _unique_violation(exc: IntegrityError) -> bool:
    sqlstate = getattr(exc.orig, "sqlstate", None)
    return sqlstate == "23505" or "UNIQUE constraint failed" in str(exc.orig)


def _public_context(exc: engine.EngineError) -> dict[str, Any]:
    # Context helps the person fix the request; internal ids of other people's data stay out.
    return {k: v for k, v in exc.context.items() if isinstance(v, str | int | float | bool)}


def _respond(status: int, code: str, message: str, errors: dict[str, Any], context: dict[str, Any]) -> Any:
    body = {"code": code, "message": message, "errors": errors, "context": context}
    if _wants_json():
        response = jsonify(body)
    else:
        response = make_response(render_template("error.html", status=status, body=body))
    response.status_code = status
    return response


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"
