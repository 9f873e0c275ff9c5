"""Server-rendered pages in Simplified Chinese."""

from __future__ import annotations

from flask import Blueprint, Flask, jsonify, render_template

from . import auth

bp = Blueprint("pages", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals["csrf_token"] = auth.csrf_token


@bp.get("/")
def index() -> str:
    return render_template("index.html", actor=auth.current_actor())


@bp.get("/healthz")
def health() -> object:
    return jsonify(status="ok")
