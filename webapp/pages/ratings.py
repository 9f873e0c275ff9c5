"""好差评 on the pages: the owner rates each issued stage once; the stage's lead department sees the
follow-ups (整改回访) its bad ratings opened and its lead closes them with a reply the owner reads;
supervisors (电子监察) see every department's follow-ups."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine

from .. import db
from .common import EVERYONE, audience

bp = Blueprint("ratings", __name__)
FOLLOW_UP_READERS = (engine.EXAMINER, engine.DEPARTMENT_LEAD, engine.SUPERVISOR, engine.ADMINISTRATOR)
STATUS_NAMES = {"open": "整改中", "closed": "已办结"}


@bp.get("/projects/<code>/ratings")
@audience(*EVERYONE)
def project(actor: engine.Actor, code: str) -> str:
    return _page(actor, code, {}, {})


@bp.post("/projects/<code>/ratings")
@audience(engine.OWNER, engine.AGENT)
def rate(actor: engine.Actor, code: str) -> Any:
    data = {k: request.form.get(k, "") for k in ("stage", "level", "comment")}
    try:
        rating = engine.rate_service(db.session(), db.runtime(), actor, code, data)
    except engine.FormRejected as exc:
        return _page(actor, code, data, exc.field_errors), 422
    bad = rating.level in ("dissatisfied", "very_dissatisfied")
    flash(f"感谢您的评价（{engine.RATING_LEVELS[rating.level]}）。" +
          ("牵头部门将在15个工作日内整改并回访。" if bad else ""))
    return redirect(url_for("ratings.project", code=code))


@bp.get("/follow-ups")
@audience(*FOLLOW_UP_READERS)
def follow_ups(actor: engine.Actor) -> str:
    open_only = request.args.get("open") == "1"
    return _follow_ups_page(actor, open_only, None, "", [])


@bp.post("/follow-ups/<int:follow_up_id>/closure")
@audience(engine.DEPARTMENT_LEAD, engine.EXAMINER)
def close(actor: engine.Actor, follow_up_id: int) -> Any:
    reply = request.form.get("reply", "")
    try:
        engine.close_follow_up(db.session(), db.runtime(), actor, follow_up_id, {"reply": reply})
    except engine.FormRejected as exc:  # no reply, or too long: said beside the reply, what was typed kept
        return _follow_ups_page(actor, False, follow_up_id, reply, exc.field_errors.get("reply", [exc.message])), 422
    except engine.InvalidState as exc:  # closed meanwhile by a colleague
        return _follow_ups_page(actor, False, follow_up_id, reply, [exc.message]), exc.status
    flash("整改回访已办结，建设单位可以看到您的回复。")
    return redirect(url_for("ratings.follow_ups"))


def _page(actor: engine.Actor, code: str, values: dict[str, str], errors: dict[str, list[str]]) -> str:
    page = engine.ratings_page(db.session(), db.runtime(), actor, code)
    return render_template("ratings/project.html", code=code, project=page.project, stages=page.stages,
                           levels=engine.RATING_LEVELS,
                           values=values, errors=errors, statuses=STATUS_NAMES)


def _follow_ups_page(actor: engine.Actor, open_only: bool, failed: int | None, reply: str, errors: list[str]) -> str:
    rows = engine.follow_ups(db.session(), actor, open_only=open_only)
    return render_template("ratings/follow_ups.html", rows=rows, open_only=open_only, statuses=STATUS_NAMES,
                           failed=failed, reply=reply, errors=errors)
