"""综合窗口 (comprehensive window): the intake queue and the acceptance form — accept, ask once for
every missing material (补正: picked from the stage's checklist, with a numbered 一次性告知书 in PDF), or refuse
with reasons; 容缺受理; 统一出件; and 窗口收件 — a walk-in applicant's stage application entered on its behalf."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

import engine
from forms import keys

from .. import db
from . import desk, formview
from .common import audience, posted_instance_id

bp = Blueprint("window", __name__, url_prefix="/window")
desk.add_routes(bp, engine.WINDOW_CLERK)


@bp.get("/notices/<number>.pdf")
@audience(engine.WINDOW_CLERK)
def notice(actor: engine.Actor, number: str) -> Response:
    """A notice the window issued (一次性告知书), opened in the browser to print or hand over."""
    cert = engine.certificate_pdf(db.session(), actor, number, runtime=db.runtime())
    response = Response(cert.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{cert.number}.pdf"'
    return response


@bp.post("/tasks/<task_id>/tolerance")
@audience(engine.WINDOW_CLERK)
def accept_with_tolerance(actor: engine.Actor, task_id: str) -> Any:
    """容缺受理: the main materials of the signed item are all present; the rest follow by the deadline."""
    data = formview.parse(keys.TOLERANCE_ACCEPTANCE, request.form)
    try:
        engine.accept_with_tolerance(db.session(), db.runtime(), actor, posted_instance_id(), task_id, data)
    except engine.FormRejected as exc:
        return desk.task_page("window", actor, task_id, tolerance_sent=data, tolerance_errors=exc.field_errors), 422
    flash("已容缺受理，并向申请人出具容缺受理通知书；所缺材料补齐并核验前不出具审批结果。")
    return redirect(url_for("window.inbox"))


@bp.get("/results")
@audience(engine.WINDOW_CLERK)
def results(actor: engine.Actor) -> str:
    """统一出件: finished stages whose certificates wait to be handed out."""
    return _results_page(engine.waiting_results(db.session(), actor), None, {}, {})


@bp.post("/results/<code>/<stage>")
@audience(engine.WINDOW_CLERK)
def hand_out(actor: engine.Actor, code: str, stage: str) -> Any:
    sent = request.form.to_dict()
    try:
        done = engine.hand_out_results(db.session(), db.runtime(), actor, code, stage, sent)
    except engine.FormRejected as exc:
        waiting = engine.waiting_results(db.session(), actor)
        return _results_page(waiting, (code, stage), sent, exc.field_errors), 422
    how = engine.HANDOVER_METHODS[done.method]
    flash(f"已统一出件：{len(done.numbers)} 份证照交{done.received_by}（{how}），已记录。")
    return redirect(url_for("window.results"))


def _results_page(waiting: list[engine.StageResults], wrong: tuple[str, str] | None, sent: dict[str, str],
                  errors: dict[str, list[str]]) -> str:
    return render_template("window/results.html", waiting=waiting, wrong=wrong, sent=sent, errors=errors,
                           methods=engine.HANDOVER_METHODS)


@bp.get("/intake")
@audience(engine.WINDOW_CLERK)
def intake(actor: engine.Actor) -> Any:
    """窗口收件: find the applicant's project by its code; its open stage applications may be entered here."""
    sent = {"project_code": request.args.get("project_code", "")}
    if "project_code" not in request.args:
        return render_template("window/intake.html", found=None, sent=sent, errors={})
    try:
        found = engine.window_intake(db.session(), actor, sent)
    except engine.FormRejected as exc:
        return render_template("window/intake.html", found=None, sent=sent, errors=exc.field_errors), 422
    return render_template("window/intake.html", found=found, sent=sent, errors={})


@bp.get("/intake/tasks/<task_id>")
@audience(engine.WINDOW_CLERK)
def intake_form(actor: engine.Actor, task_id: str) -> str:
    task = engine.intake_task(db.session(), actor, task_id)
    return _intake_page(task, _prefill(task), {})


@bp.post("/intake/tasks/<task_id>")
@audience(engine.WINDOW_CLERK)
def intake_submit(actor: engine.Actor, task_id: str) -> Any:
    """Submit the stage application for the applicant (窗口代录): it joins the acceptance queue like any other."""
    form_key = request.form.get("form_key", "")
    data = formview.parse(form_key, request.form) if form_key in keys.STAGE_APPLICATION_FORMS else {}
    try:
        engine.complete_task(db.session(), db.runtime(), actor, posted_instance_id(), task_id, data)
    except engine.FormRejected as exc:
        return _intake_page(engine.intake_task(db.session(), actor, task_id), data, exc.field_errors), 422
    except engine.InvalidState as exc:  # e.g. stage 4 before the 多测合一 result: say why, keep what was typed
        return _intake_page(engine.intake_task(db.session(), actor, task_id), data, {"": [exc.message]}), exc.status
    flash("已代录并提交阶段申请（窗口代录），申请已进入受理待办，与网上申报同等受理。")
    return redirect(url_for("window.inbox"))


def _prefill(task: engine.IntakeTask) -> dict[str, Any]:
    """As the owner's own form starts: from the stage's last application, stage 1 from the registration."""
    if task.application is not None and task.application.form_key == task.item.form_key:
        return dict(task.application.data)
    if task.item.form_key == keys.STAGE_1_APPLICATION:
        p = task.project
        return {"project_code": p.code, "project_name": p.name, "category": p.category, "owner_name": p.owner_name,
                "site_address": p.site_address}
    return {}


def _intake_page(task: engine.IntakeTask, values: dict[str, Any], errors: dict[str, list[str]]) -> str:
    key = task.item.form_key
    return render_template("window/intake_task.html", task=task, form_title=formview.title(key), form_key=key,
                           fields=formview.field_views(key, values, errors),
                           other_errors=formview.other_errors(key, errors))
