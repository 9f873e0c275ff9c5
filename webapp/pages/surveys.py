"""多测合一 on the pages: the owner commissions one survey firm (picked from the registered firms) and
follows the result and which departments cited it; the survey firm's landing page lists its
commissions and files each project's one result set."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine

from .. import db
from .common import EVERYONE, audience

bp = Blueprint("surveys", __name__)


@bp.get("/survey-firm/")
@audience(engine.SURVEY_FIRM)
def firm_home(actor: engine.Actor) -> str:
    return render_template("surveys/firm_home.html", rows=engine.firm_commissions(db.session(), actor))


@bp.get("/survey-firm/projects/<code>/result")
@audience(engine.SURVEY_FIRM)
def result(actor: engine.Actor, code: str) -> str:
    return _result_page(actor, code, {}, {})


@bp.post("/survey-firm/projects/<code>/result")
@audience(engine.SURVEY_FIRM)
def result_post(actor: engine.Actor, code: str) -> Any:
    sent = _sent_result()
    try:
        done = engine.upload_survey_result(db.session(), db.runtime(), actor, code, sent)
    except engine.FormRejected as exc:
        return _result_page(actor, code, sent, exc.field_errors), 422
    flash(f"多测合一成果已提交，成果编号 {done.number}。建设单位和各验收部门现在可以查看和引用。")
    return redirect(url_for("surveys.firm_home"))


@bp.get("/projects/<code>/survey")
@audience(*EVERYONE)
def project(actor: engine.Actor, code: str) -> str:
    return _project_page(actor, code, {})


@bp.post("/projects/<code>/survey")
@audience(engine.OWNER)
def commission(actor: engine.Actor, code: str) -> Any:
    try:
        engine.commission_survey(db.session(), db.runtime(), actor, code,
                                 {"firm_username": request.form.get("firm_username", "")})
    except engine.FormRejected as exc:
        return _project_page(actor, code, exc.field_errors), 422
    flash("已委托测绘单位。测绘单位提交成果后，您可以在本页查看；竣工验收申请需要该成果。")
    return redirect(url_for("surveys.project", code=code))


def _project_page(actor: engine.Actor, code: str, errors: dict[str, list[str]]) -> str:
    page = engine.survey_page(db.session(), actor, code, runtime=db.runtime())
    return render_template("surveys/project.html", project=page.project, commission=page.commission,
                           result=page.result, firms=page.firms, errors=errors)


def _result_page(actor: engine.Actor, code: str, sent: dict[str, Any], errors: dict[str, list[str]]) -> str:
    return render_template("surveys/result.html", commission=engine.firm_commission(db.session(), actor, code),
                           surveys=engine.SURVEYS,
                           values=sent.get("figures", {}), surveyor=sent.get("surveyor", ""), errors=errors)


def _sent_result() -> dict[str, Any]:
    """Each indicator comes as ``fig-<survey>-<index>`` (indicator names are Chinese, not field names)."""
    figures = {s.code: {name: request.form.get(f"fig-{s.code}-{i}", "").strip()
                        for i, name in enumerate(s.indicators)} for s in engine.SURVEYS}
    return {"surveyor": request.form.get("surveyor", "").strip(), "figures": figures}
