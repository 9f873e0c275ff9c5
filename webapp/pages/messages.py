"""消息 (everyone signed in): the messages the product sent a person, newest first; mark them read."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, url_for

import engine

from .. import db
from .common import EVERYONE, audience

bp = Blueprint("messages", __name__, url_prefix="/messages")


@bp.get("/")
@audience(*EVERYONE)
def index(actor: engine.Actor) -> str:
    return render_template("messages/index.html", messages=engine.my_notifications(db.session(), actor))


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
