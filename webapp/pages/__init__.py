"""Server-rendered pages in Simplified Chinese, one blueprint per audience.

``account`` (sign-in), ``owner`` (建设单位: projects, applications, progress), ``agency`` (帮办代办
grants and the agent's inbox), ``window`` (综合窗口 intake), ``examiner`` (department inbox and decisions),
``supervisor`` (open work per department), ``materials`` (申请材料 upload/removal/download), ``ratings``
(好差评 and 整改回访), ``surveys`` (多测合一: the owner's commission, the survey firm's landing page
and result), ``certificates`` (我的证照: every certificate of the owner's projects, PDF, verification link).
Every view
parses the request, calls one engine function and renders; nothing needs JavaScript.
"""

from __future__ import annotations

from flask import Blueprint, Flask, jsonify, redirect, render_template
from flask.typing import ResponseReturnValue

from .. import auth
from . import account, agency, certificates, common, examiner, materials, owner, ratings, supervisor, surveys, window

bp = Blueprint("pages", __name__)


def init_app(app: Flask) -> None:
    common.init_app(app)
    for blueprint in (bp, account.bp, owner.bp, agency.bp, window.bp, examiner.bp, supervisor.bp, materials.bp,
                      ratings.bp, surveys.bp, certificates.bp):
        app.register_blueprint(blueprint)


@bp.get("/")
def index() -> ResponseReturnValue:
    actor = auth.current_actor()
    if actor is not None:
        return redirect(common.home_of(actor))
    return render_template("index.html")


@bp.get("/healthz")
def health() -> ResponseReturnValue:
    return jsonify(status="ok")
