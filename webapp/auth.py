"""Sign-in, the current actor, and CSRF protection for every state-changing request."""

from __future__ import annotations

import hmac
import secrets

from flask import Flask, abort, current_app, request
from flask import session as cookie
from werkzeug.exceptions import TooManyRequests

import engine

from . import db
from .ratelimit import LoginThrottle

THROTTLED = "登录失败次数过多，请{minutes}分钟后再试"


def init_app(app: Flask) -> None:
    app.extensions["login_throttle"] = LoginThrottle(app.config["LOGIN_MAX_FAILURES"],
                                                     app.config["LOGIN_WINDOW_SECONDS"])
    app.before_request(check_csrf)


def sign_in(username: str, password: str) -> engine.Actor:
    """Check credentials; the same refusal for an unknown account and a wrong password.

    :raise TooManyRequests: too many failures for this username from this address lately — said
        the same way whether or not the account exists.
    :raise engine.NotAllowed: wrong username or password.
    """
    throttle: LoginThrottle = current_app.extensions["login_throttle"]
    key = (username.strip().casefold(), request.remote_addr or "")
    if throttle.blocked(key):
        minutes = -(-throttle.retry_after(key) // 60)
        raise TooManyRequests(description=THROTTLED.format(minutes=minutes), retry_after=throttle.retry_after(key))
    try:
        actor = engine.authenticate(db.session(), username, password)
    except engine.NotAllowed:
        throttle.failed(key)
        raise
    throttle.succeeded(key)
    cookie.clear()
    cookie["user_id"] = actor.user_id
    cookie["csrf"] = secrets.token_urlsafe(32)
    return actor


def sign_out() -> None:
    cookie.clear()


def csrf_token() -> str:
    if "csrf" not in cookie:
        cookie["csrf"] = secrets.token_urlsafe(32)
    return cookie["csrf"]


def current_actor() -> engine.Actor | None:
    user_id = cookie.get("user_id")
    if user_id is None:
        return None
    try:
        return engine.actor_for(db.session(), int(user_id))
    except engine.NotAllowed:
        cookie.clear()
        return None


def require_actor() -> engine.Actor:
    actor = current_actor()
    if actor is None:
        abort(401)
    return actor


def check_csrf() -> None:
    """Every POST/PUT/PATCH/DELETE must echo the session's token (form field or X-CSRF-Token header)."""
    if request.method not in {"POST", "PUT", "PATCH", "DELETE"} or request.endpoint in CSRF_EXEMPT_ENDPOINTS:
        return
    sent = request.headers.get("X-CSRF-Token") or request.form.get("csrf_token") or ""
    if not (cookie.get("csrf") and hmac.compare_digest(sent, cookie["csrf"])):
        abort(400, description="缺少或错误的CSRF令牌，请刷新页面后重试")


# API sign-in creates the session and its token, so it cannot require one (JSON bodies cannot be sent
# cross-site without CORS). The sign-in *page* does require one: its form gets the token with the page.
CSRF_EXEMPT_ENDPOINTS = {"api-session.SignIn"}
