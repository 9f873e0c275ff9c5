"""告知承诺 post-verification (事后核查) by the item's department: its decisions (due ones first), and one
decision with the owner's commitment and the check — 履行承诺, or 未履行承诺 with findings (the decision is
revoked and a credit record written by the engine)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine
from forms import keys

from .. import db
from . import formview
from .common import audience

bp = Blueprint("commitment_checks", __name__, url_prefix="/examiner/commitments")
STAFF = (engine.EXAMINER, engine.DEPARTMENT_LEAD)


@bp.get("/")
@audience(*STAFF)
def desk(actor: engine.Actor) -> str:
    return render_template("acceptance/verification_desk.html", rows=engine.commitment_desk(db.session(), actor))


@bp.get("/<int:case_id>")
@audience(*STAFF)
def case(actor: engine.Actor, case_id: int) -> str:
    return _page(actor, case_id, {}, {})


@bp.post("/<int:case_id>")
@audience(*STAFF)
def verify(actor: engine.Actor, case_id: int) -> Any:
    data = formview.parse(keys.COMMITMENT_VERIFICATION, request.form)
    try:
        done = engine.verify_commitment(db.session(), db.runtime(), actor, case_id, data)
    except engine.FormRejected as exc:
        return _page(actor, case_id, data, exc.field_errors), 422
    except engine.InvalidState as exc:  # the verification date has not come, or it was verified meanwhile
        return _page(actor, case_id, data, {"": [exc.message]}), exc.status
    revoked = "审批决定已撤销，并记入失信记录。" if done.status == "breached" else ""
    flash(f"已记录核查结论：{done.status_name}。{revoked}")
    return redirect(url_for("commitment_checks.desk"))


def _page(actor: engine.Actor, case_id: int, sent: dict[str, Any], errors: dict[str, list[str]]) -> str:
    page = engine.commitment_verification(db.session(), db.runtime(), actor, case_id)
    fields = formview.field_views(keys.COMMITMENT_VERIFICATION, sent, errors)
    for view in fields:
        if view.name == "site_visit":  # ticked or not; 禁止 stays 是/否 (unanswered means the default ban)
            view.widget = "checkbox"
    return render_template("acceptance/verification.html", page=page, p=page.project, fields=fields,
                           other_errors=formview.other_errors(keys.COMMITMENT_VERIFICATION, errors))
