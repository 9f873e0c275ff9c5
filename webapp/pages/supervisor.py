"""电子监察 (supervisors): every open work item per department and how long it has waited, and the figures
read from the statutory clocks (预警/逾期 items, net working days, parallel-approval rate, category totals).

The filter is a plain GET form, so the page works without JavaScript.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request

import engine

from .. import db
from .common import audience

bp = Blueprint("supervisor", __name__, url_prefix="/supervisor")


@bp.get("/")
@audience(engine.SUPERVISOR, engine.ADMINISTRATOR)
def board(actor: engine.Actor) -> str:
    page = engine.supervisor_board(db.session(), db.runtime(), actor, request.args)
    return render_template("supervisor/board.html", groups=page.groups, stats=page.statistics,
                           categories=engine.CATEGORIES, now=db.runtime().now())
