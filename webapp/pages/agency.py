"""帮办代办 pages: the owner grants and revokes an agent's authorisation for a project; the agent's one
inbox across every delegated project (its items open on the owner's task pages, within the grant).

What an agent may do is checked by the engine on every request; these pages only collect the form.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

import engine

from .. import db
from .common import CHINA, audience

bp = Blueprint("agency", __name__)

FIELDS = ("agent_username", "stages", "acts", "valid_from", "valid_to")
DEFAULT_DAYS = 30


@bp.get("/projects/<code>/authorisations")
@audience(engine.OWNER)
def authorisations(actor: engine.Actor, code: str) -> str:
    rows = engine.project_authorisations(db.session(), actor, code, runtime=db.runtime())
    return _page(code, rows, _defaults(), {})


@bp.post("/projects/<code>/authorisations")
@audience(engine.OWNER)
def grant(actor: engine.Actor, code: str) -> Any:
    sent = _sent()
    try:
        done = engine.grant_authorisation(db.session(), db.runtime(), actor, code, _as_grant(sent))
    except engine.FormRejected as exc:
        rows = engine.project_authorisations(db.session(), actor, code, runtime=db.runtime())
        return _page(code, rows, sent, exc.field_errors), 422
    flash(f"已授权代办员“{sent['agent_username']}”，授权编号 {done.id}。")
    return redirect(url_for("agency.authorisations", code=code))


@bp.get("/projects/<code>/authorisations/<int:authorisation_id>/revocation")
@audience(engine.OWNER)
def confirm_revoke(actor: engine.Actor, code: str, authorisation_id: int) -> str:
    """Revoking is asked once more on its own page, with what it ends and an optional reason."""
    rows = engine.project_authorisations(db.session(), actor, code, runtime=db.runtime())
    row = next((r for r in rows if r.id == authorisation_id and r.status == "granted"), None)
    if row is None:
        abort(404)
    return render_template("agency/confirm_revoke.html", code=code, row=row)


@bp.post("/authorisations/<int:authorisation_id>/revocation")
@audience(engine.OWNER)
def revoke(actor: engine.Actor, authorisation_id: int) -> Any:
    done = engine.revoke_authorisation(db.session(), db.runtime(), actor, authorisation_id,
                                       {"reason": request.form.get("reason", "")})
    flash(f"授权编号 {done.id} 已撤销，该代办员从现在起不能再代您办理本项目。")
    return redirect(url_for("agency.authorisations", code=done.project_code))


@bp.get("/agent/")
@audience(engine.AGENT)
def inbox(actor: engine.Actor) -> str:
    rows, total = engine.inbox(db.session(), actor, engine.InboxFilter(), per_page=100, runtime=db.runtime())
    return render_template("agency/inbox.html", rows=rows, total=total)


def _page(code: str, rows: list, values: dict[str, Any], errors: dict[str, list[str]]) -> str:
    return render_template("agency/authorisations.html", code=code, rows=rows, values=values, errors=errors,
                           acts=engine.ACTS, stages=engine.STAGES)


def _defaults() -> dict[str, Any]:
    today = db.runtime().now().astimezone(CHINA).date()
    return {"agent_username": "", "stages": [], "acts": [], "valid_from": today.isoformat(),
            "valid_to": (today + timedelta(days=DEFAULT_DAYS)).isoformat()}


def _sent() -> dict[str, Any]:
    form = request.form
    return {"agent_username": form.get("agent_username", "").strip(), "stages": form.getlist("stages"),
            "acts": form.getlist("acts"), "valid_from": form.get("valid_from", ""),
            "valid_to": form.get("valid_to", "")}


def _as_grant(sent: dict[str, Any]) -> dict[str, Any]:
    """Dates (Beijing) become the engine's aware moments: from 00:00 of the first day to the end of the
    last day. Anything unreadable is passed on as typed, so the engine's message names the field."""
    stages = [int(s) if s.isdigit() else s for s in sent["stages"]]
    return {**sent, "stages": stages, "valid_from": _moment(sent["valid_from"], 0),
            "valid_to": _moment(sent["valid_to"], 1)}


def _moment(text: str, days_after: int) -> str:
    try:
        day = date.fromisoformat(text) + timedelta(days=days_after)
    except ValueError:
        return text
    return f"{day.isoformat()}T00:00:00+08:00"
