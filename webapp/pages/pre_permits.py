"""施工预许可 (先建后验) on the pages: the owner applies on a commitment from the project page and the
pre-permit is issued at once for the published scope; the housing department converts a valid pre-permit
into the formal 施工许可证 from its own list (the materials carry over); the supervisors' list of expired
pre-permits is ``supervisor.pre_permits``."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine
from forms import keys

from .. import db
from . import formview
from .common import EVERYONE, audience

bp = Blueprint("pre_permits", __name__)
APPLICATION = keys.PRE_PERMIT_APPLICATION
CONFIRMED = "confirmed"


@bp.get("/projects/<code>/pre-permits")
@audience(*EVERYONE)
def project(actor: engine.Actor, code: str) -> str:
    return _project_page(actor, code, {}, {})


@bp.post("/projects/<code>/pre-permits")
@audience(engine.OWNER)
def apply(actor: engine.Actor, code: str) -> Any:
    data = formview.parse(APPLICATION, request.form)
    try:
        permit = engine.issue_pre_permit(db.session(), db.runtime(), actor, code, data)
    except engine.FormRejected as exc:
        return _project_page(actor, code, data, exc.field_errors), 422
    except engine.NotAllowed as exc:  # barred from 告知承诺 after a breach (失信)
        return _project_page(actor, code, data, {"": [exc.message]}), exc.status
    flash(f"已核发施工预许可，编号 {permit.certificate_number}，有效期至 {permit.valid_until.isoformat()}；"
          "请在有效期内取得正式施工许可。")
    return redirect(url_for("pre_permits.project", code=code))


@bp.get("/pre-permits/conversions")
@audience(engine.EXAMINER, engine.DEPARTMENT_LEAD)
def conversions(actor: engine.Actor) -> str:
    return render_template("pre_permits/conversions.html",
                           rows=engine.convertible_pre_permits(db.session(), actor))


@bp.post("/pre-permits/<int:permit_id>/conversion")
@audience(engine.EXAMINER, engine.DEPARTMENT_LEAD)
def convert(actor: engine.Actor, permit_id: int) -> Any:
    permit = engine.convert_pre_permit(db.session(), db.runtime(), actor, permit_id)
    flash(f"预许可 {permit.certificate_number} 已转为正式施工许可，施工许可证编号 {permit.permit_number}。")
    return redirect(url_for("pre_permits.conversions"))


def _project_page(actor: engine.Actor, code: str, values: dict[str, Any], errors: dict[str, list[str]]) -> str:
    page = engine.pre_permit_page(db.session(), db.runtime(), actor, code)
    fields = formview.field_views(APPLICATION, values, errors)
    for f in fields:
        if f.name == CONFIRMED:
            f.widget = "checkbox"
    return render_template("pre_permits/project.html", page=page, fields=fields,
                           other_errors=formview.other_errors(APPLICATION, errors))
