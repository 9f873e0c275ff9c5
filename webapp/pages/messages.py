"""消息 (everyone signed in): the messages the product sent a person, newest first; mark them read."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for

import engine

from .. import db
from .common import EVERYONE, audience

bp = Blueprint("messages", __name__, url_prefix="/messages")
PER_PAGE = 50


@bp.get("/")
@audience(*EVERYONE)
def index(actor: engine.Actor) -> str:
    """The newest ``PER_PAGE`` messages, or those older than ``before`` (the "更早的消息" link)."""
    before = request.args.get("before", "")
    start = int(before) if before.isascii() and before.isdigit() and 0 < len(before) < 10 else None
    found = engine.my_notifications(db.session(), actor, PER_PAGE + 1, before=start)
    older = found[PER_PAGE - 1].id if len(found) > PER_PAGE else None
    return render_template("messages/index.html", messages=found[:PER_PAGE], older=older, paged=start is not None)


@bp.post("/<int:notification_id>/read")
@audience(*EVERYONE)
def read(actor: engine.Actor, notification_id: int) -> Any:
    engine.mark_read(db.session(), db.runtime(), actor, notification_id)
    return redirect(url_for("messages.index"))


@bp.post("/read-all")
@audience(*EVERYONE)
def read_all(actor: engine.Actor) -> Any:
    engine.mark_all_read(db.session(), db.runtime(), actor)
    return redirect(url_for("messages.index"))
