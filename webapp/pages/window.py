"""综合窗口 (comprehensive window): the intake queue and the acceptance form — accept, ask once for
every missing material (补正: picked from the stage's checklist, with a numbered 一次性告知书 in PDF), or refuse
with reasons."""

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
