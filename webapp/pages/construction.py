"""施工许可 on the owner's pages: the 建筑工程综合许可证 自选下单 (menu, one form, order status, the licences
held, a licence added later) and the 竣工验收备案 once the joint acceptance opinion is issued. The owner or an
agent authorised for 申报 in 施工许可 orders; the filing is the owner's own act."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine
from forms import keys

from .. import db
from . import formview
from .common import APPLICANTS, EVERYONE, audience

bp = Blueprint("construction", __name__)
ORDER = keys.COMPREHENSIVE_PERMIT_APPLICATION
LICENCES_FIELD = "licences"


@bp.get("/projects/<code>/comprehensive-permit")
@audience(*EVERYONE)
def permit(actor: engine.Actor, code: str) -> str:
    return _permit_page(actor, code, None, {})


@bp.post("/projects/<code>/comprehensive-permit")
@audience(*APPLICANTS)
def order(actor: engine.Actor, code: str) -> Any:
    data = formview.parse(ORDER, request.form)
    data[LICENCES_FIELD] = request.form.getlist(LICENCES_FIELD)  # checkboxes: one value per picked licence
    try:
        placed = engine.order_comprehensive_permit(db.session(), db.runtime(), actor, code, data)
    except engine.FormRejected as exc:
        return _permit_page(actor, code, data, exc.field_errors), 422
    except engine.InvalidState as exc:  # an order running, or the stage's own application examined
        return _permit_page(actor, code, data, {"": [exc.message]}), exc.status
    flash(f"已提交建筑工程综合许可证申请（{len(placed.licences)} 项许可），等待综合窗口受理。")
    return redirect(url_for("construction.permit", code=code))


@bp.get("/projects/<code>/completion-filing")
@audience(*EVERYONE)
def filing(actor: engine.Actor, code: str) -> str:
    deadline = engine.project_filing(db.session(), db.runtime(), actor, code)
    return render_template("construction/filing.html", code=code, filing=deadline)


@bp.post("/projects/<code>/completion-filing")
@audience(engine.OWNER)
def file(actor: engine.Actor, code: str) -> Any:
    done = engine.file_completion(db.session(), db.runtime(), actor, code)
    flash(f"竣工验收备案已办理（{done.state}）。")
    return redirect(url_for("construction.filing", code=code))


def _permit_page(actor: engine.Actor, code: str, values: dict[str, Any] | None,
                 errors: dict[str, list[str]]) -> str:
    page = engine.permit_page(db.session(), actor, code, runtime=db.runtime())
    if values is None:  # a licence added later starts from the last order's header (scale, contract, parties);
        # the facts of the licences it ordered are left out: those licences are granted and not offered again
        facts = {name for lic in engine.LICENCES for name in lic.needs} | {LICENCES_FIELD}
        values = {k: v for k, v in page.orders[-1].order.form.items() if k not in facts} if page.orders else {}
    fields = formview.field_views(ORDER, values, errors)
    for f in fields:  # say which licence needs a field: only the picked licences' facts are asked for
        needed_by = [lic.name for lic in page.menu if f.name in lic.needs]
        if needed_by and not f.hint:
            f.hint = "选择“" + "”或“".join(needed_by) + "”时填写"
    offered = {name for lic in page.menu for name in lic.needs}
    fields = [f for f in fields if f.name in offered or not any(f.name in lic.needs for lic in engine.LICENCES)]
    fields = [f for f in fields if f.name != LICENCES_FIELD]
    shown = {f.name for f in fields} | {LICENCES_FIELD}
    picked = set(values.get(LICENCES_FIELD) or [])
    return render_template("construction/permit.html", page=page, picked=picked,
                           licences_errors=errors.get(LICENCES_FIELD, []), fields=fields,
                           other_errors=[m for name, messages in errors.items() if name not in shown for m in messages])
