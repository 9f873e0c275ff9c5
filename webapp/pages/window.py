"""综合窗口 (comprehensive window): the intake queue and the acceptance form — accept, ask once for
every missing material (补正: picked from the stage's checklist, with a numbered 一次性告知书 in PDF), or refuse
with reasons."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, flash, redirect, request, url_for

import engine

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
    data = formview.parse("tolerance_acceptance", request.form)
    try:
        engine.accept_with_tolerance(db.session(), db.runtime(), actor, posted_instance_id(), task_id, data)
    except engine.FormRejected as exc:
        ctx = engine.task_context(db.session(), actor, task_id, runtime=db.runtime())
        return desk.task_page("window", ctx, {}, {}, tolerance=(data, exc.field_errors)), 422
    flash("已容缺受理，并向申请人出具容缺受理通知书；所缺材料补齐并核验前不出具审批结果。")
    return redirect(url_for("window.inbox"))
