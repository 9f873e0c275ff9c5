"""建设单位: my projects, register a project, start its approval, fill the one form of a stage (saved for the
stage's task list in ``applications``, which submits it after check your answers), answer a correction notice,
and follow the progress (open to everyone the engine lets see the project)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

import engine
import forms
from forms import keys

from .. import db
from . import formview
from .common import APPLICANTS, EVERYONE, audience, posted_instance_id

bp = Blueprint("owner", __name__)

REGISTRATION = keys.PROJECT_REGISTRATION
SUPPLEMENT = keys.SUPPLEMENT_SUBMISSION
_SUBMITTED = {keys.RESUBMISSION_DECISION: "已提交您的选择。"}
WITHDRAWN = "已撤回申请：本次审批已结束，已核发的证照不受影响。"


@bp.get("/projects")
@audience(*APPLICANTS)
def projects(actor: engine.Actor) -> str:
    if actor.role == engine.AGENT:  # 帮办代办: the projects whose owners granted this agent an authorisation
        delegated = engine.delegated_projects(db.session(), actor, runtime=db.runtime())
        return render_template("owner/delegated.html", projects=delegated)
    return render_template("owner/projects.html", projects=engine.owned_projects(db.session(), actor))


@bp.get("/projects/new")
@audience(*APPLICANTS)
def register(actor: engine.Actor) -> str:
    return _registration_page({}, {})


@bp.post("/projects/new")
@audience(*APPLICANTS)
def register_post(actor: engine.Actor) -> Any:
    data = formview.parse(REGISTRATION, request.form)
    try:
        project = engine.register_project(db.session(), db.runtime(), actor, data)
    except engine.FormRejected as exc:
        return _registration_page(data, exc.field_errors), 422
    except engine.Conflict as exc:  # the code is taken: say so beside the field and keep what was typed
        message = (f"{exc.message}。请核对投资项目在线审批监管平台赋予的项目代码；"
                   "如该项目已由本单位登记，请在“我的项目”中查看")
        return _registration_page(data, {"project_code": [message]}), 409
    flash(f"项目“{project.name}”已登记，可以启动审批。")
    return redirect(url_for("owner.project", code=project.code))


@bp.post("/projects/<code>/approval")
@audience(*APPLICANTS)
def start(actor: engine.Actor, code: str) -> Any:
    engine.start_approval(db.session(), db.runtime(), actor, code)
    flash("审批已启动，请填写立项用地规划许可阶段申请表。")
    return redirect(url_for("owner.project", code=code))


@bp.get("/projects/<code>")
@audience(*EVERYONE)
def project(actor: engine.Actor, code: str) -> str:
    view = engine.progress_view(db.session(), db.runtime(), actor, code)
    return render_template("owner/project.html", view=view, is_owner=actor.role in APPLICANTS)


@bp.get("/projects/<code>/tasks/<task_id>")
@audience(*APPLICANTS)
def task(actor: engine.Actor, code: str, task_id: str) -> str:
    ctx = _context(actor, code, task_id)
    return _task_page(ctx, _prefill(ctx), {})


@bp.post("/projects/<code>/tasks/<task_id>")
@audience(*APPLICANTS)
def task_post(actor: engine.Actor, code: str, task_id: str) -> Any:
    form_key = request.form.get("form_key", "")
    data = formview.parse(form_key, request.form) if form_key in forms.FORM_KEYS else {}
    if form_key in keys.STAGE_APPLICATION_FORMS:  # the task list's form: saved here, submitted after checking
        return _save_answers(actor, code, task_id, data)
    if form_key == "resubmission_decision" and data.get("decision") == "withdraw" and "confirmed" not in request.form:
        # withdrawing ends the project's approval: ask once more, on its own page, before anything happens
        return render_template("owner/confirm_withdraw.html", ctx=_context(actor, code, task_id), data=data)
    try:
        engine.complete_task(db.session(), db.runtime(), actor, posted_instance_id(), task_id, data)
    except engine.FormRejected as exc:
        return _task_page(_context(actor, code, task_id), data, exc.field_errors), 422
    except engine.InvalidState as exc:  # e.g. stage 4 before the 多测合一 result: say why, keep what was typed
        return _task_page(_context(actor, code, task_id), data, {"": [exc.message]}), exc.status
    withdrawn = form_key == keys.RESUBMISSION_DECISION and data.get("decision") == "withdraw"
    flash(WITHDRAWN if withdrawn else _SUBMITTED.get(form_key, "已提交。"))
    return redirect(url_for("owner.project", code=code))


@bp.get("/projects/<code>/supplements/<task_id>")
@audience(*APPLICANTS)
def supplement(actor: engine.Actor, code: str, task_id: str) -> str:
    return _supplement_page(actor, code, task_id, {}, {})


@bp.post("/projects/<code>/supplements/<task_id>")
@audience(*APPLICANTS)
def supplement_post(actor: engine.Actor, code: str, task_id: str) -> Any:
    data = formview.parse(SUPPLEMENT, request.form)
    try:
        engine.submit_supplement(db.session(), db.runtime(), actor, posted_instance_id(), task_id, data)
    except engine.FormRejected as exc:
        return _supplement_page(actor, code, task_id, data, exc.field_errors), 422
    flash("补正材料已提交，事项已回到审批人员处继续办理。")
    return redirect(url_for("owner.project", code=code))



def _save_answers(actor: engine.Actor, code: str, task_id: str, data: dict[str, Any]) -> Any:
    try:
        engine.save_application_answers(db.session(), db.runtime(), actor, code, task_id, data)
    except engine.FormRejected as exc:
        return _task_page(_context(actor, code, task_id), data, exc.field_errors), 422
    flash("申请表已保存。")
    if request.form.get("next") == "check":  # came from 检查并提交 through a 修改 link: go back there
        return redirect(url_for("applications.check", code=code, task_id=task_id))
    return redirect(url_for("applications.task_list", code=code, task_id=task_id))


def _context(actor: engine.Actor, code: str, task_id: str) -> engine.TaskContext:
    ctx = engine.task_context(db.session(), actor, task_id, runtime=db.runtime())
    if ctx.item.project_code != code:
        abort(404)
    return ctx


def _prefill(ctx: engine.TaskContext) -> dict[str, Any]:
    """A resubmission starts from the last application of the stage; stage 1 from the registration; a later
    stage from what the earlier stages' applications said."""
    if ctx.draft is not None:  # answers saved from the task list and not submitted yet
        return dict(ctx.draft)
    if ctx.application is not None and ctx.application.form_key == ctx.item.form_key:
        return dict(ctx.application.data)
    if ctx.item.form_key == keys.STAGE_1_APPLICATION:
        p = ctx.project
        return {"project_code": p.code, "project_name": p.name, "category": p.category, "owner_name": p.owner_name,
                "site_address": p.site_address}
    if ctx.item.form_key in keys.STAGE_APPLICATION_FORMS:  # what earlier stages said (contact, units, areas)
        wanted = forms.schema_for(ctx.item.form_key).fields
        return {name: value for name, value in ctx.earlier.items() if name in wanted}
    return {}


def _task_page(ctx: engine.TaskContext, values: dict[str, Any], errors: dict[str, list[str]]) -> str:
    key = ctx.item.form_key
    return render_template("owner/task.html", ctx=ctx, form_title=formview.title(key), form_key=key,
                           is_stage_application=key in keys.STAGE_APPLICATION_FORMS,
                           back_to_check=request.args.get("next") == "check" or request.form.get("next") == "check",
                           fields=formview.field_views(key, values, errors),
                           other_errors=formview.other_errors(key, errors))


def _registration_page(values: dict[str, Any], errors: dict[str, list[str]]) -> str:
    return render_template("owner/register.html", fields=formview.field_views(REGISTRATION, values, errors),
                           other_errors=formview.other_errors(REGISTRATION, errors))


def _supplement_page(actor: engine.Actor, code: str, task_id: str, values: dict[str, Any],
                     errors: dict[str, list[str]]) -> str:
    answer = engine.supplement_answer(db.session(), actor, code, task_id, runtime=db.runtime())
    if not values and not errors:  # start from exactly what was asked for
        values = {"materials": answer.notice.materials}
    return render_template("owner/supplement.html", code=code, notice=answer.notice, answer=answer,
                           fields=formview.field_views(SUPPLEMENT, values, errors),
                           other_errors=formview.other_errors(SUPPLEMENT, errors))
