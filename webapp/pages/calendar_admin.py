"""节假日安排 (administrators): load the State Council's schedule for a year — upload, preview what moves, confirm.

The preview writes nothing; the confirmation posts the same file text back and loads it in one transaction
(every open clock's deadline and pending deadline timer recomputed, audited, people told).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine
from engine.clocks import OverrideFileError

from .. import db
from .common import audience

bp = Blueprint("calendar_admin", __name__, url_prefix="/admin/calendar")
MAX_FILE_CHARS = 20_000  # a year's notice is a few dozen lines


@bp.get("/")
@audience(engine.ADMINISTRATOR)
def index(actor: engine.Actor) -> str:
    return render_template("admin/calendar.html", status=engine.calendar_status(db.session(), db.runtime()))


@bp.post("/preview")
@audience(engine.ADMINISTRATOR)
def preview(actor: engine.Actor) -> Any:
    upload = request.files.get("schedule")
    source = (upload.filename if upload else "") or "上传的文件"
    try:
        text = (upload.read(MAX_FILE_CHARS + 1) if upload else b"").decode("utf-8")
    except UnicodeDecodeError:
        return _refused("文件不是 UTF-8 编码的文本，请另存为 UTF-8 的 CSV 文件后重新上传")
    if not text.strip() or len(text) > MAX_FILE_CHARS:
        return _refused("请选择节假日安排文件（每行 日期,类型,说明，如 2027-02-06,holiday,春节）")
    try:
        found = engine.schedule_preview(db.session(), db.runtime(), actor, text)
    except OverrideFileError as exc:
        return _refused(_file_error(exc))
    return render_template("admin/calendar_preview.html", preview=found, text=text, source=source[:200])


@bp.post("/load")
@audience(engine.ADMINISTRATOR)
def load(actor: engine.Actor) -> Any:
    text, source = request.form.get("text", ""), request.form.get("source", "上传的文件")[:200]
    try:
        loaded = engine.load_schedule_file(db.session(), db.runtime(), actor, text, source)
    except OverrideFileError as exc:
        return _refused(_file_error(exc))
    if loaded.preview.unchanged:
        flash(f"{loaded.year} 年节假日安排与已载入的相同，没有改变。")
    else:
        flash(f"已载入 {loaded.year} 年节假日安排：调整办理期限 {len(loaded.changes)} 项，"
              f"定时提醒 {loaded.preview.moved_timers} 个，已通知相关部门和建设单位。")
    return redirect(url_for("calendar_admin.index"))


def _refused(message: str) -> Any:
    status = engine.calendar_status(db.session(), db.runtime())
    return render_template("admin/calendar.html", status=status, error=message), 422


def _file_error(exc: OverrideFileError) -> str:
    where = f"第 {exc.line} 行：" if exc.line is not None else ""
    return f"文件有误，未载入，什么都没有改变。{where}{str(exc).removeprefix(f'line {exc.line}: ')}"
