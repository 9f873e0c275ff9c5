"""综合窗口 (comprehensive window): the intake queue and the acceptance form — accept, ask once for
every missing material (补正: picked from the stage's checklist, with a numbered 一次性告知书 in PDF), or refuse
with reasons."""

from __future__ import annotations

from flask import Blueprint, Response

import engine

from .. import db
from . import desk
from .common import audience

bp = Blueprint("window", __name__, url_prefix="/window")
desk.add_routes(bp, engine.WINDOW_CLERK)


@bp.get("/notices/<number>.pdf")
@audience(engine.WINDOW_CLERK)
def notice(actor: engine.Actor, number: str) -> Response:
    """A notice the window issued (一次性告知书), opened in the browser to print or hand over."""
    cert = engine.certificate_pdf(db.session(), actor, number, runtime=db.runtime())
    response = Response(cert.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'inline; filename="{cert.number}.pdf"'
    return response
