"""建筑垃圾处置核准 on the pages: the owner (or an agent) applies once for the project's site and follows each
department's review; each reviewing department decides its part; a district's city-management staff and
电子监察 see the licences that end at the district's disposal sites. The licence itself is checked on the
public verification page its QR code opens."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine
from engine import waste_disposal
from forms import keys

from .. import db
from . import formview
from .common import APPLICANTS, EVERYONE, audience

bp = Blueprint("waste_disposal", __name__)
APPLICATION, REVIEW = keys.WASTE_DISPOSAL_APPLICATION, keys.WASTE_DISPOSAL_REVIEW
REPEATED = ("transport_company", "transport_credit_code", "route", "disposal_site")


@bp.get("/projects/<code>/waste-disposal")
@audience(*EVERYONE)
def project(actor: engine.Actor, code: str) -> str:
    return _project_page(actor, code, None, {})


@bp.post("/projects/<code>/waste-disposal")
@audience(*APPLICANTS)
def apply(actor: engine.Actor, code: str) -> Any:
    data = formview.parse(APPLICATION, request.form)
    try:
        waste_disposal.apply_waste_disposal(db.session(), db.runtime(), actor, code, data)
    except engine.FormRejected as exc:
        return _project_page(actor, code, data, exc.field_errors), 422
    except engine.InvalidState as exc:
        return _project_page(actor, code, data, {"_": [exc.message]}), 409
    flash("申请已提交，各部门将按类别同时审查；全部同意后核发电子核准证。")
    return redirect(url_for("waste_disposal.project", code=code))


@bp.get("/waste-disposal/reviews")
@audience(engine.EXAMINER, engine.DEPARTMENT_LEAD)
def reviews(actor: engine.Actor) -> str:
    return _reviews_page(actor, None, {}, {})


@bp.post("/waste-disposal/reviews/<int:review_id>/decision")
@audience(engine.EXAMINER, engine.DEPARTMENT_LEAD)
def decide(actor: engine.Actor, review_id: int) -> Any:
    data = formview.parse(REVIEW, request.form)
    try:
        licence = waste_disposal.decide_waste_review(db.session(), db.runtime(), actor, review_id, data)
    except engine.FormRejected as exc:
        return _reviews_page(actor, review_id, data, exc.field_errors), 422
    flash(_decided_message(licence))
    return redirect(url_for("waste_disposal.reviews"))


@bp.get("/waste-disposal/district")
@audience(engine.EXAMINER, engine.DEPARTMENT_LEAD, engine.SUPERVISOR, engine.ADMINISTRATOR)
def district(actor: engine.Actor) -> str:
    districts = waste_disposal.districts()
    chosen = request.args.get("district") or next(iter(districts))
    rows = waste_disposal.district_licences(db.session(), db.runtime(), actor, chosen)
    return render_template("waste_disposal/district.html", rows=rows, districts=districts, chosen=chosen,
                           sites=waste_disposal.disposal_sites())


def _project_page(actor: engine.Actor, code: str, values: dict[str, str] | None,
                  errors: dict[str, list[str]]) -> str:
    licences = waste_disposal.waste_disposal_for_project(db.session(), db.runtime(), actor, code)
    values = _prefilled(licences) if values is None else values
    return render_template("waste_disposal/project.html", code=code, licences=licences,
                           may_apply=actor.role in APPLICANTS,
                           fields=_fields(values, errors), other_errors=formview.other_errors(APPLICATION, errors),
                           sites=waste_disposal.disposal_sites(), categories=waste_disposal.CATEGORIES,
                           rules=waste_disposal.DEFAULT_RULES)


def _fields(values: dict[str, str], errors: dict[str, list[str]]) -> list[formview.FieldView]:
    """The application's fields; the disposal site is picked from the list of sites (名录)."""
    views = formview.field_views(APPLICATION, values, errors)
    for view in views:
        if view.name == "disposal_site":
            view.widget = "select"
            view.choices = [(s.code, f"{s.name}（{s.district_name}，接收："
                             f"{'、'.join(waste_disposal.CATEGORIES[c] for c in sorted(s.accepts))}）")
                            for s in waste_disposal.disposal_sites().values()]
        if view.name in waste_disposal.CATEGORIES:
            view.widget = "checkbox"  # one group of boxes, drawn by the page under one legend
        if view.name == "vehicle_plates":
            view.hint = "每行填写一个车牌号，例如 鄂A12345"
    return views


def _prefilled(licences: list[waste_disposal.WasteDisposalLicence]) -> dict[str, str]:
    """A renewal starts from the last application: the same carrier, route, vehicles and site."""
    if not licences:
        return {}
    last = licences[0]
    return {**{name: str(getattr(last, name)) for name in REPEATED}, "vehicle_plates": last.vehicle_plates,
            **dict.fromkeys(last.category_codes, "true")}


def _decided_message(licence: waste_disposal.WasteDisposalLicence) -> str:
    if licence.certificate_number:
        return f"已同意。各部门均已同意，行政审批局已核发电子核准证 {licence.certificate_number}。"
    if licence.status == "refused":
        return "已作出不同意的决定，申请人将看到理由。"
    return "已同意，等待其他部门审查。"


def _reviews_page(actor: engine.Actor, review_id: int | None, values: dict[str, str],
                  errors: dict[str, list[str]]) -> str:
    rows = waste_disposal.waste_review_queue(db.session(), actor)
    forms_of = {row.review.id: formview.field_views(REVIEW, values if row.review.id == review_id else {},
                                                    errors if row.review.id == review_id else {}) for row in rows}
    return render_template("waste_disposal/reviews.html", rows=rows, forms_of=forms_of, failed=review_id,
                           sites=waste_disposal.disposal_sites(), categories=waste_disposal.CATEGORIES)
