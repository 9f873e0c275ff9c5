"""Public pages that need no sign-in: the published 容缺 and 告知承诺 lists, and certificate verification
(一码查询), the page a certificate's QR code opens. An unknown number gets the one "未找到该证照" page, whatever
the number looks like."""

from __future__ import annotations

from flask import Blueprint, Flask, render_template

import engine

from . import db

bp = Blueprint("public", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)


@bp.get("/verify/<string:number>")
def verify(number: str) -> str:
    return render_template("public/verify.html", v=engine.verify_certificate(db.session(), db.runtime(), number))


@bp.get("/public/tolerance-list")
def tolerance_list() -> str:
    """容缺受理清单 (REQ-S3-02): readable by anyone."""
    return render_template("public/tolerance_list.html", entries=engine.tolerance_list())


@bp.get("/public/commitment-list")
def commitment_list() -> str:
    """告知承诺事项清单 (REQ-S3-01): readable by anyone."""
    return render_template("public/commitment_list.html", entries=engine.commitment_list())


@bp.get("/public/night-work")
def night_work_notices() -> str:
    """夜间施工公示 (REQ-S3-07): every approval whose nights are to come or just ended, readable by anyone."""
    return render_template("public/night_work.html", rows=engine.public_night_work_notices(db.session(), db.runtime()))
