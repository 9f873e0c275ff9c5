"""综合窗口 checks supplied 容缺 materials: the open cases (supplied ones first), and one case with the files
supplied for each material and the check — 核验通过 closes it, 核验不通过 (with reasons) sends it back."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine
from forms import keys

from .. import db
from . import formview
from .common import audience

bp = Blueprint("tolerance_checks", __name__, url_prefix="/window/tolerance")


@bp.get("/")
@audience(engine.WINDOW_CLERK)
def desk(actor: engine.Actor) -> str:
    return render_template("acceptance/window_desk.html", rows=engine.tolerance_desk(db.session(), actor))


@bp.get("/<int:case_id>")
@audience(engine.WINDOW_CLERK)
def case(actor: engine.Actor, case_id: int) -> str:
    return _page(actor, case_id, {}, {})


@bp.post("/<int:case_id>/check")
@audience(engine.WINDOW_CLERK)
def check(actor: engine.Actor, case_id: int) -> Any:
    data = formview.parse(keys.TOLERANCE_CHECK, request.form)
    try:
        done = engine.check_tolerance_supply(db.session(), db.runtime(), actor, case_id, data)
    except engine.FormRejected as exc:
        return _page(actor, case_id, data, exc.field_errors), 422
    except engine.InvalidState as exc:  # nothing (any longer) supplied to check
        return _page(actor, case_id, data, {"": [exc.message]}), exc.status
    if done.status == "completed":
        flash("核验通过：容缺材料已补齐，该事项不再阻止审批结果的出具。")
    else:
        flash(f"核验不通过，已退回申请人重新补正（{done.status_name}）。")
    return redirect(url_for("tolerance_checks.desk"))


def _page(actor: engine.Actor, case_id: int, sent: dict[str, Any], errors: dict[str, list[str]]) -> str:
    page = engine.tolerance_case_page(db.session(), db.runtime(), actor, case_id)
    fields = formview.field_views(keys.TOLERANCE_CHECK, sent, errors)
    for view in fields:
        if view.name == "opinion":  # not the review forms' generic hint
            view.hint = "核验不通过时必须填写，写明哪项材料有什么问题"
    return render_template("acceptance/window_case.html", page=page, p=page.project, fields=fields,
                           other_errors=formview.other_errors(keys.TOLERANCE_CHECK, errors))
