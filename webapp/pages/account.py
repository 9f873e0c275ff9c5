"""Sign in and sign out (登录 / 退出)."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import TooManyRequests

import engine

from .. import auth
from .common import home_of, local_path

bp = Blueprint("account", __name__)

WRONG = "用户名或密码错误"  # the same words for an unknown account, a disabled one and a wrong password


@bp.get("/login")
def login() -> ResponseReturnValue:
    return _page(next_url=local_path(request.args.get("next")))


@bp.post("/login")
def login_post() -> ResponseReturnValue:
    username, next_url = request.form.get("username", "").strip(), local_path(request.form.get("next"))
    try:
        actor = auth.sign_in(username, request.form.get("password", ""))
    except engine.NotAllowed:
        return _page(username, next_url, WRONG), 401
    except TooManyRequests as exc:
        return _page(username, next_url, exc.description), 429, {"Retry-After": str(exc.retry_after)}
    return redirect(next_url or home_of(actor))


@bp.get("/logout")
def logout() -> ResponseReturnValue:
    return render_template("account/logout.html")


@bp.post("/logout")
def logout_post() -> ResponseReturnValue:
    auth.sign_out()
    return render_template("account/logged_out.html")


def _page(username: str = "", next_url: str | None = None, error: str = "") -> str:
    demo_password = engine.DEMO_PASSWORD if current_app.config["SEED_DEMO"] else None
    return render_template("account/login.html", username=username, next_url=next_url, error=error,
                           demo_password=demo_password)
