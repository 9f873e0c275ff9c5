"""电子监察 (supervisors): every open work item per department and how long it has waited.

Waiting time is calendar time since the item arrived; statutory time limits (预警/逾期) are not shown here.
"""

from __future__ import annotations

from flask import Blueprint, render_template

import engine

from .. import db
from .common import audience

bp = Blueprint("supervisor", __name__, url_prefix="/supervisor")


@bp.get("/")
@audience(engine.SUPERVISOR, engine.ADMINISTRATOR)
def board(actor: engine.Actor) -> str:
    groups = engine.supervision_board(db.session(), db.runtime(), actor)
    return render_template("supervisor/board.html", groups=groups, now=db.runtime().now())
