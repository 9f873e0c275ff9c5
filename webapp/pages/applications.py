"""A stage application as 一网通办 / GOV.UK portals lay it out: a task list (the form, each material of the
stage with its own upload, 必需/可选), check your answers (every answer and file, each with 修改), submit, and a
confirmation saying what happens next, by whom and by when. The form itself is the owner's task page
(``owner.task``), which saves the answers here instead of submitting them."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, url_for

import engine

from .. import db
from . import formview
from .common import APPLICANTS, EVERYONE, audience

bp = Blueprint("applications", __name__)


@bp.get("/projects/<code>/applications/<task_id>")
@audience(*APPLICANTS)
def task_list(actor: engine.Actor, code: str, task_id: str) -> str:
    tasks = engine.application_task_list(db.session(), db.runtime(), actor, code, task_id)
    return render_template("applications/task_list.html", t=tasks, ctx=tasks.ctx,
                           form_title=formview.title(tasks.ctx.item.form_key))


@bp.get("/projects/<code>/applications/<task_id>/check")
@audience(*APPLICANTS)
def check(actor: engine.Actor, code: str, task_id: str) -> str:
    tasks = engine.application_task_list(db.session(), db.runtime(), actor, code, task_id)
    return _check_page(tasks, {})


@bp.post("/projects/<code>/applications/<task_id>/check")
@audience(*APPLICANTS)
def submit(actor: engine.Actor, code: str, task_id: str) -> Any:
    try:
        stage = engine.submit_stage_application(db.session(), db.runtime(), actor, code, task_id)
    except engine.ApplicationIncomplete as exc:  # each message beside its line and in the summary; nothing sent
        return _refused(actor, code, task_id, exc.field_errors), exc.status
    except engine.InvalidState as exc:  # a feature's precondition (e.g. stage 4 before the 多测合一 result)
        return _refused(actor, code, task_id, {"": [exc.message]}), exc.status
    flash("阶段申请已提交，等待综合窗口受理。受理后将开始计算审批时限。")
    return redirect(url_for("applications.submitted", code=code, stage=stage))


@bp.get("/projects/<code>/stages/<stage>/submitted")
@audience(*EVERYONE)
def submitted(actor: engine.Actor, code: str, stage: str) -> str:
    return render_template("applications/submitted.html",
                           s=engine.submitted_application(db.session(), db.runtime(), actor, code, stage))


def _refused(actor: engine.Actor, code: str, task_id: str, errors: dict[str, list[str]]) -> str:
    db.session().rollback()  # the refused submission wrote nothing; read the list afresh for the page
    return _check_page(engine.application_task_list(db.session(), db.runtime(), actor, code, task_id), errors)


def _check_page(tasks: engine.StageTaskList, errors: dict[str, list[str]]) -> str:
    key = tasks.ctx.item.form_key
    answers = formview.field_views(key, tasks.answers or {}) if tasks.answers is not None else []
    return render_template("applications/check.html", t=tasks, ctx=tasks.ctx, form_title=formview.title(key),
                           answers=[(f, formview.readable(key, f.name, (tasks.answers or {}).get(f.name)))
                                    for f in answers], errors=errors)
