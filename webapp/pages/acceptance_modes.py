"""容缺受理 and 告知承诺制 for owners and their agents: the project's acceptance modes (what the stage at the
window may be accepted with missing, the owner's 容缺 commitment, the cases and their deadlines, the listed
告知承诺 items and their decisions), a 容缺 case with one file per missing material, and a 告知承诺 item's text
to sign. Commitments are the owner's own: an agent sees them (代 X 办理) and may supply files under a 补正 grant.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

import engine
from forms import keys

from .. import db, materials
from . import formview
from .common import APPLICANTS, audience, posted_instance_id

bp = Blueprint("acceptance_modes", __name__)
Errors = dict[str, list[str]]


@bp.get("/projects/<code>/acceptance-modes")
@audience(*APPLICANTS)
def overview(actor: engine.Actor, code: str) -> str:
    return _overview_page(actor, code, None, {}, {})


@bp.post("/projects/<code>/tolerance-commitments")
@audience(*APPLICANTS)
def sign_tolerance(actor: engine.Actor, code: str) -> Any:
    """The owner signs the 容缺受理承诺书 for one item of the stage at the window."""
    data = {"confirmed": "false", **formview.parse(keys.TOLERANCE_COMMITMENT, request.form)}  # unticked: not given
    try:
        case = engine.sign_tolerance_commitment(db.session(), db.runtime(), actor, posted_instance_id(), data)
    except engine.FormRejected as exc:
        return _overview_page(actor, code, data.get("item"), data, exc.field_errors), 422
    except (engine.InvalidState, engine.Conflict) as exc:  # accepted meanwhile, or signed twice
        return _overview_page(actor, code, data.get("item"), data, {"": [exc.message]}), exc.status
    flash(f"已签署容缺受理承诺书（{len(case.missing_materials)} 项材料容缺）。综合窗口核对主要材料后容缺受理，"
          "并出具容缺受理通知书，写明补正期限。")
    return redirect(url_for("acceptance_modes.overview", code=code))


def _overview_page(actor: engine.Actor, code: str, item: str | None, sent: dict[str, Any], errors: Errors) -> str:
    modes = engine.acceptance_modes(db.session(), db.runtime(), actor, code)
    forms = {}
    for offer in modes.offers:
        mine = offer.entry.item == item
        views = formview.field_views(keys.TOLERANCE_COMMITMENT, sent if mine else {}, errors if mine else {})
        formview.as_checklist(views, "missing_materials", list(offer.entry.tolerable_materials),
                              "勾选本次暂缺、承诺限期补正的材料（仅限清单所列的次要材料）")
        _as_checkbox(views, "confirmed")
        forms[offer.entry.item] = ([v for v in views if v.name != "item"],
                                   formview.other_errors(keys.TOLERANCE_COMMITMENT, errors) if mine else [])
    return render_template("acceptance/overview.html", modes=modes, forms=forms, p=modes.project)


@bp.get("/projects/<code>/tolerance/<int:case_id>")
@audience(*APPLICANTS)
def case(actor: engine.Actor, code: str, case_id: int) -> str:
    return _case_page(actor, code, case_id, {}, {}, {})


@bp.post("/projects/<code>/tolerance/<int:case_id>/supply")
@audience(*APPLICANTS)
def supply(actor: engine.Actor, code: str, case_id: int) -> Any:
    """One file for each missing material, all stored or none; the case then waits for the window's check."""
    files, chosen = _posted_files()
    note = request.form.get("note", "")
    try:
        done = engine.supply_tolerance_files(db.session(), db.runtime(), actor, case_id, files, {"note": note or None},
                                             materials.limits())
    except engine.FormRejected as exc:
        return _case_page(actor, code, case_id, {"note": note}, exc.field_errors, chosen), 422
    except engine.InvalidState as exc:  # returned after the grace period, or supplied already
        return _case_page(actor, code, case_id, {"note": note}, {"": [exc.message]}, chosen), exc.status
    flash(f"已补正 {len(done.missing_materials)} 项容缺材料，等待综合窗口核验。")
    return redirect(url_for("acceptance_modes.case", code=code, case_id=case_id))


def _posted_files() -> tuple[list[engine.SuppliedFile], dict[str, str]]:
    """``material-N`` names the material whose file is ``file-N``; at most one byte over the limit is read."""
    files, chosen = [], {}
    for key, material in request.form.items(multi=True):
        if not key.startswith("material-"):
            continue
        upload = request.files.get("file-" + key.removeprefix("material-"))
        name = upload.filename if upload is not None and upload.filename else None
        data = upload.stream.read(materials.limits().max_bytes + 1) if name and upload is not None else b""
        files.append(engine.SuppliedFile(material, name, data))
        if name:
            chosen[material] = name
    return files, chosen


def _case_page(actor: engine.Actor, code: str, case_id: int, sent: dict[str, str], errors: Errors,
               chosen: dict[str, str]) -> str:
    page = engine.tolerance_case_page(db.session(), db.runtime(), actor, case_id)
    if page.project.code != code:
        abort(404)
    wrong = [(i, m, errors[m]) for i, m in enumerate(page.case.missing_materials, 1) if m in errors]
    other = [msg for key, messages in errors.items() if key not in page.case.missing_materials for msg in messages]
    return render_template("acceptance/case.html", page=page, p=page.project, sent=sent, errors=errors,
                           wrong=wrong, other=other, chosen=chosen)


@bp.get("/projects/<code>/commitments/<item>")
@audience(*APPLICANTS)
def commitment(actor: engine.Actor, code: str, item: str) -> str:
    return _commitment_page(actor, code, item, {}, {})


@bp.post("/projects/<code>/commitments/<item>")
@audience(*APPLICANTS)
def sign_commitment(actor: engine.Actor, code: str, item: str) -> Any:
    """The owner confirms the published commitment: the item is decided at once, verified afterwards."""
    data = {"confirmed": "false", **formview.parse(keys.COMMITMENT_APPLICATION, request.form), "item": item}
    try:
        case = engine.apply_with_commitment(db.session(), db.runtime(), actor, code, data)
    except engine.FormRejected as exc:
        return _commitment_page(actor, code, item, data, exc.field_errors), 422
    except (engine.NotAllowed, engine.Conflict) as exc:  # an agent, a barred owner, a decision already made
        return _commitment_page(actor, code, item, data, {"": [exc.message]}), exc.status
    flash(f"已按告知承诺制作出审批决定，决定书编号 {case.certificate_number}；"
          f"审批部门将于 {case.verification_due:%Y年%m月%d日} 起核查承诺履行情况。")
    return redirect(url_for("acceptance_modes.overview", code=code))


def _commitment_page(actor: engine.Actor, code: str, item: str, sent: dict[str, Any], errors: Errors) -> str:
    offer = engine.commitment_offer(db.session(), db.runtime(), actor, code, item)
    views = [v for v in formview.field_views(keys.COMMITMENT_APPLICATION, sent, errors) if v.name != "item"]
    _as_checkbox(views, "confirmed")
    return render_template("acceptance/commitment.html", offer=offer, p=offer.project, fields=views,
                           other_errors=formview.other_errors(keys.COMMITMENT_APPLICATION, errors))


def _as_checkbox(views: list[formview.FieldView], name: str) -> None:
    """A commitment is given by ticking it, not by answering 是/否."""
    for view in views:
        if view.name == name:
            view.widget = "checkbox"
