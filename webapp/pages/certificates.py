"""我的证照: every certificate of the owner's projects (or a delegated project's, for its agent) with its
status, the PDF and the public verification link; the PDF for whoever may see the project."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template

import engine

from .. import db
from .common import APPLICANTS, EVERYONE, audience

bp = Blueprint("certificates", __name__)


@bp.get("/certificates")
@audience(*APPLICANTS)
def mine(actor: engine.Actor) -> str:
    return render_template("certificates/mine.html", groups=engine.my_certificates(db.session(), actor,
                                                                                   runtime=db.runtime()),
                           status_names=engine.CERTIFICATE_STATUS_NAMES)


@bp.get("/certificates/<number>.pdf")
@audience(*EVERYONE)
def pdf(actor: engine.Actor, number: str) -> Any:
    cert = engine.certificate_pdf(db.session(), actor, number, runtime=db.runtime())
    response = Response(cert.pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{cert.number}.pdf"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
