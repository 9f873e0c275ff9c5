"""节假日安排 (administrators): load the State Council's schedule for a year — upload, preview what moves, confirm.

The preview writes nothing; the confirmation posts the same file text back and loads it in one transaction
(every open clock's deadline and pending deadline timer recomputed, audited, people told).
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine
from engine.clocks import OverrideFileError

from .. import db
from .common import audience

bp = Blueprint("calendar_admin", __name__, url_prefix="/admin/calendar")
MAX_FILE_CHARS = 20_000  # a year's notice is a few dozen lines
#: The parser's messages (shared with the CLI, in English) said in Chinese on the page; others pass unchanged.
_SAID = [(re.compile(pattern), said) for pattern, said in (
    (r"the file lists no dates.*", "文件中没有日期，应为每行“日期,类型,说明”，如 2027-02-06,holiday,春节"),
    (r"expected `date,kind,note` separated by ASCII commas, got (.*)",
     r"应为“日期,类型,说明”，用英文逗号分隔，实际为 \1"),
    (r"date must be written YYYY-MM-DD, got (.*)", r"日期应写作 YYYY-MM-DD，实际为 \1"),
    (r"no such date: (.*)", r"日历上没有这一天：\1"),
    (r"kind must be `holiday` or `workday`, got (.*)", r"类型应为 holiday（放假）或 workday（调休上班），实际为 \1"),
    (r"(\S+) is in (\d+) but the file is for (\d+) \(line (\d+)\).*",
     r"\1 属于 \2 年，但文件是 \3 年的（见第 \4 行）；一个文件只写一年"),
    (r"(\S+) is listed twice \(first on line (\d+)\)", r"\1 重复列出（首次在第 \2 行）"))]


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
        return _refused("文件不是 UTF-8 编码的文本，请另存为 UTF-8 的 CSV 文件后重新上传", source)
    if not text.strip() or len(text) > MAX_FILE_CHARS:
        return _refused("请选择节假日安排文件（每行 日期,类型,说明，如 2027-02-06,holiday,春节）", source)
    try:
        found = engine.schedule_preview(db.session(), db.runtime(), actor, text)
    except OverrideFileError as exc:
        return _refused(_file_error(exc), source)
    return render_template("admin/calendar_preview.html", preview=found, text=text, source=source[:200])


@bp.post("/load")
@audience(engine.ADMINISTRATOR)
def load(actor: engine.Actor) -> Any:
    text, source = request.form.get("text", ""), request.form.get("source", "上传的文件")[:200]
    try:
        loaded = engine.load_schedule_file(db.session(), db.runtime(), actor, text, source)
    except OverrideFileError as exc:
        return _refused(_file_error(exc), source)
    if loaded.preview.unchanged:
        flash(f"{loaded.year} 年节假日安排与已载入的相同，没有改变。")
    else:
        flash(f"已载入 {loaded.year} 年节假日安排：调整办理期限 {len(loaded.changes)} 项，"
              f"定时提醒 {loaded.preview.moved_timers} 个，已通知相关部门和建设单位。")
    return redirect(url_for("calendar_admin.index"))


def _refused(message: str, source: str) -> Any:
    """The page again with the message beside the file field; a browser never refills a file input, so the
    name of the file that was refused is shown instead."""
    status = engine.calendar_status(db.session(), db.runtime())
    sent = "" if source == "上传的文件" else source
    return render_template("admin/calendar.html", status=status, error=message, source=sent), 422


def _file_error(exc: OverrideFileError) -> str:
    where = f"第 {exc.line} 行：" if exc.line is not None else ""
    message = str(exc).removeprefix(f"line {exc.line}: ")
    for pattern, said in _SAID:
        if pattern.fullmatch(message):
            message = pattern.sub(said, message)
            break
    return f"文件有误，未载入，什么都没有改变。{where}{message}"
