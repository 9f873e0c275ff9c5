"""水电气联动报装 on the pages: the owner (or an agent) applies once for every utility and follows each one's
status, deadline and days left; the window accepts and records the joint survey; each utility company works
its inbox (受理勘查 → 验收开通); the departments verify off-site permits granted under 告知承诺."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine
from forms import keys

from .. import db
from . import formview
from .common import APPLICANTS, EVERYONE, audience

bp = Blueprint("utilities", __name__)
APPLICATION, ACCEPTANCE, SURVEY = keys.UTILITY_APPLICATION, keys.UTILITY_ACCEPTANCE, keys.UTILITY_JOINT_SURVEY
STEP_FORMS = {"survey": keys.UTILITY_SERVICE_SURVEY, "connection": keys.UTILITY_SERVICE_CONNECTION}
VERIFY = keys.UTILITY_OFFSITE_VERIFICATION
STAFF = (engine.EXAMINER, engine.DEPARTMENT_LEAD)


@bp.get("/projects/<code>/utilities")
@audience(*EVERYONE)
def project(actor: engine.Actor, code: str) -> str:
    return _project_page(actor, code, {}, {})


@bp.post("/projects/<code>/utilities")
@audience(*APPLICANTS)
def apply(actor: engine.Actor, code: str) -> Any:
    data = formview.parse(APPLICATION, request.form)
    try:
        engine.apply_utility_connection(db.session(), db.runtime(), actor, code, data)
    except engine.FormRejected as exc:
        return _project_page(actor, code, data, exc.field_errors), 422
    except engine.InvalidState as exc:
        return _project_page(actor, code, data, {"_": [exc.message]}), 409
    flash("联动报装申请已提交，综合窗口受理后各公用服务单位开始计时办理。")
    return redirect(url_for("utilities.project", code=code))


@bp.get("/utilities/window")
@audience(engine.WINDOW_CLERK)
def window(actor: engine.Actor) -> str:
    return _window_page(actor, None, {}, {})


@bp.post("/utilities/<int:application_id>/acceptance")
@audience(engine.WINDOW_CLERK)
def accept(actor: engine.Actor, application_id: int) -> Any:
    data = formview.parse(ACCEPTANCE, request.form)
    try:
        done = engine.accept_utility_connection(db.session(), db.runtime(), actor, application_id, data)
    except engine.FormRejected as exc:
        return _window_page(actor, (application_id, ACCEPTANCE), data, exc.field_errors), 422
    accepted = done.status == "accepted"
    flash("已受理，各公用服务单位开始计时；请按约定日期组织联合踏勘。" if accepted else "已退回申请人。")
    return redirect(url_for("utilities.window"))


@bp.post("/utilities/<int:application_id>/joint-survey")
@audience(engine.WINDOW_CLERK)
def survey(actor: engine.Actor, application_id: int) -> Any:
    data = formview.parse(SURVEY, request.form)
    try:
        engine.record_joint_survey(db.session(), db.runtime(), actor, application_id, data)
    except engine.FormRejected as exc:
        return _window_page(actor, (application_id, SURVEY), data, exc.field_errors), 422
    flash("联合踏勘已记录，各公用服务单位可以受理勘查。")
    return redirect(url_for("utilities.window"))


@bp.get("/utilities/inbox")
@audience(*STAFF)
def inbox(actor: engine.Actor) -> str:
    return _inbox_page(actor, None, {}, {})


@bp.post("/utility-services/<int:service_id>/<any(survey, connection):step>")
@audience(*STAFF)
def service_step(actor: engine.Actor, service_id: int, step: str) -> Any:
    form_key = STEP_FORMS[step]
    data = formview.parse(form_key, request.form)
    use_case = engine.survey_utility_service if step == "survey" else engine.connect_utility_service
    try:
        done = use_case(db.session(), db.runtime(), actor, service_id, data)
    except engine.FormRejected as exc:
        return _inbox_page(actor, service_id, data, exc.field_errors), 422
    flash(f"{done.name}报装：{done.status_name}。")
    return redirect(url_for("utilities.inbox"))


@bp.get("/utilities/offsite")
@audience(*STAFF)
def offsite(actor: engine.Actor) -> str:
    return _offsite_page(actor, None, {}, {})


@bp.post("/utility-offsite-permits/<int:permit_id>/verification")
@audience(*STAFF)
def verify(actor: engine.Actor, permit_id: int) -> Any:
    data = formview.parse(VERIFY, request.form)
    try:
        done = engine.verify_offsite_permit(db.session(), db.runtime(), actor, permit_id, data)
    except engine.FormRejected as exc:
        return _offsite_page(actor, permit_id, data, exc.field_errors), 422
    flash(f"{done.name}：{done.status_name}。")
    return redirect(url_for("utilities.offsite"))


def _project_page(actor: engine.Actor, code: str, values: dict[str, str], errors: dict[str, list[str]]) -> str:
    views = engine.utility_track(db.session(), db.runtime(), actor, code)
    rules = engine.UTILITY_RULES
    fields = [_offered_only(f, rules) for f in formview.field_views(APPLICATION, values, errors)
              if f.name not in engine.UTILITY_KINDS or f.name in rules.offered_kinds()]
    return render_template("utilities/project.html", code=code, views=views, rules=rules, fields=fields,
                           may_apply=actor.role in APPLICANTS, other_errors=formview.other_errors(APPLICATION, errors))


def _offered_only(view: formview.FieldView, rules: engine.UtilityRules) -> formview.FieldView:
    """A utility's choices without the options not offered here (they would only be refused)."""
    if view.name in engine.UTILITY_KINDS:
        offered = {s.option for s in rules.offered() if s.kind == view.name}
        view.choices = [(code, name) for code, name in view.choices if code == "none" or code in offered]
        view.widget = "radio" if len(view.choices) <= formview.RADIO_LIMIT else "select"
    return view


def _window_page(actor: engine.Actor, failed: tuple[int, str] | None, values: dict[str, str],
                 errors: dict[str, list[str]]) -> str:
    views = engine.utility_window_queue(db.session(), db.runtime(), actor)

    def form(application_id: int, form_key: str) -> list[formview.FieldView]:
        mine = failed == (application_id, form_key)
        return formview.field_views(form_key, values if mine else {}, errors if mine else {})

    return render_template("utilities/window.html", views=views, form=form, failed=failed,
                           ACCEPTANCE=ACCEPTANCE, SURVEY=SURVEY)


def _inbox_page(actor: engine.Actor, failed: int | None, values: dict[str, str],
                errors: dict[str, list[str]]) -> str:
    rows = engine.utility_company_inbox(db.session(), db.runtime(), actor)
    forms_of = {}
    for row in rows:
        service = row.line.service
        form_key = STEP_FORMS["survey" if service.status == "surveying" else "connection"]
        mine = failed == service.id
        forms_of[service.id] = formview.field_views(form_key, values if mine else {}, errors if mine else {})
    return render_template("utilities/inbox.html", rows=rows, forms_of=forms_of, failed=failed)


def _offsite_page(actor: engine.Actor, failed: int | None, values: dict[str, str],
                  errors: dict[str, list[str]]) -> str:
    rows = engine.utility_offsite_queue(db.session(), actor)
    forms_of = {row.permit.id: formview.field_views(VERIFY, values if row.permit.id == failed else {},
                                                    errors if row.permit.id == failed else {}) for row in rows}
    return render_template("utilities/offsite.html", rows=rows, forms_of=forms_of, failed=failed)
