"""Department examiners (审批人员): the department's inbox, claim/release, the review or issuance form, and the
item's time limit — start and end a 特别程序, request a 延期. Department leads (部门负责人) also decide the
department's pending extension requests here.

Only the examiner's own department's items are found: the engine scopes the inbox and the task page,
so another department's item answers 404 even when its id is known."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine
from forms.time_limits import EXTENSION_DECISIONS, SPECIAL_PROCEDURE_KINDS

from .. import db
from . import desk
from .common import audience

bp = Blueprint("examiner", __name__, url_prefix="/examiner")
STAFF = (engine.EXAMINER, engine.DEPARTMENT_LEAD)
_FIELDS = {"procedure": ("kind", "reason", "limit_days"), "result": ("result",), "extension": ("days", "reason")}


def _time_limit_panel(actor: engine.Actor, ctx: engine.TaskContext) -> dict[str, Any]:
    adjustments = engine.time_adjustments(db.session(), db.runtime(), actor, ctx.project.code, ctx.item.task_id)
    return {"adjustments": adjustments, "procedure_kinds": SPECIAL_PROCEDURE_KINDS, "sent": {},
            "actor_department": engine.DEPARTMENTS.get(actor.department_code or "")}


desk.add_routes(bp, *STAFF, extra=_time_limit_panel)


def _acted(actor: engine.Actor, task_id: str, which: str, use_case: Any, done: str) -> Any:
    """Run one time-limit use case with the posted form; refill the task page on a form error."""
    data = {name: request.form.get(name, "") for name in _FIELDS[which]}
    try:
        use_case(db.session(), db.runtime(), actor, task_id, data)
    except engine.FormRejected as exc:
        return desk.task_page(bp.name, actor, task_id, sent={which: (data, exc.field_errors)}), 422
    flash(done)
    return redirect(url_for("examiner.task", task_id=task_id))


@bp.post("/tasks/<task_id>/special-procedure")
@audience(*STAFF)
def start_procedure(actor: engine.Actor, task_id: str) -> Any:
    return _acted(actor, task_id, "procedure", engine.start_special_procedure,
                  "特别程序已启动，期间该事项的办理时限暂停计算。")


@bp.post("/tasks/<task_id>/special-procedure/result")
@audience(*STAFF)
def end_procedure(actor: engine.Actor, task_id: str) -> Any:
    return _acted(actor, task_id, "result", engine.end_special_procedure,
                  "特别程序结果已记录，该事项的办理时限恢复计算。")


@bp.post("/tasks/<task_id>/extension-request")
@audience(*STAFF)
def request_extension(actor: engine.Actor, task_id: str) -> Any:
    return _acted(actor, task_id, "extension", engine.request_extension,
                  "延期申请已提交部门负责人审批；批准前办理期限不变。")


@bp.post("/tasks/<task_id>/document-check")
@audience(*STAFF)
def finish_document_check(actor: engine.Actor, task_id: str) -> Any:
    """竣工联合验收: 住房和城乡建设局 records 资料审核 complete and the joint site visit's date."""
    data = {name: request.form.get(name, "") for name in ("site_visit_date", "note")}
    try:
        engine.finish_document_check(db.session(), db.runtime(), actor, request.form.get("project_code", ""), data)
    except engine.FormRejected as exc:
        return desk.task_page(bp.name, actor, task_id, sent={"document_check": (data, exc.field_errors)}), 422
    flash("资料审核已完成，联合现场验收开始计时（3个工作日）。")
    return redirect(url_for("examiner.task", task_id=task_id))


@bp.get("/extensions")
@audience(engine.DEPARTMENT_LEAD)
def extensions(actor: engine.Actor) -> str:
    return _extensions_page(actor, {})


@bp.post("/extensions/<int:extension_id>/decision")
@audience(engine.DEPARTMENT_LEAD)
def decide_extension(actor: engine.Actor, extension_id: int) -> Any:
    data = {name: request.form.get(name, "") for name in ("decision", "note")}
    try:
        decided = engine.decide_extension(db.session(), db.runtime(), actor, extension_id, data)
    except engine.FormRejected as exc:
        return _extensions_page(actor, {extension_id: (data, exc.field_errors)}), 422
    flash(f"已{EXTENSION_DECISIONS[data['decision']]}：“{decided.task_name}”延期{decided.days}个工作日。")
    return redirect(url_for("examiner.extensions"))


def _extensions_page(actor: engine.Actor, sent: dict[int, tuple[dict[str, str], dict[str, list[str]]]]) -> str:
    rows = engine.pending_extensions(db.session(), actor)
    return render_template("examiner/extensions.html", rows=rows, sent=sent, decisions=EXTENSION_DECISIONS)
