"""Sign-in, the current actor, and CSRF protection for every state-changing request.

Sessions are server-side records (``engine.organisation.sign_ins``): the signed cookie carries only the
session token and the CSRF token, so signing out, a password change or disabling an account ends the
session at once — a copied cookie stops working. Sessions end after ``SESSION_IDLE_MINUTES`` unused and
``SESSION_MAX_HOURS`` after sign-in. Failed sign-ins are counted in the database, so the limit holds
across every worker and host (Flask-Limiter counts requests in Redis/Memcached, which would add a server
to run; we count failures, not requests, in the store every installation already has).
"""

from __future__ import annotations

import hmac
import secrets
from datetime import timedelta

from flask import Flask, abort, current_app, g, request
from flask import session as cookie
from werkzeug.exceptions import TooManyRequests

import engine

from . import db

THROTTLED = "登录失败次数过多，请{minutes}分钟后再试"


def init_app(app: Flask) -> None:
    app.before_request(check_csrf)


def _policy() -> engine.SessionPolicy:
    return engine.SessionPolicy(idle=timedelta(minutes=int(current_app.config["SESSION_IDLE_MINUTES"])),
                                absolute=timedelta(hours=int(current_app.config["SESSION_MAX_HOURS"])))


def _window() -> timedelta:
    return timedelta(seconds=int(current_app.config["LOGIN_WINDOW_SECONDS"]))


def sign_in(username: str, password: str) -> engine.Actor:
    """Check credentials; the same refusal for an unknown account and a wrong password.

    :raise TooManyRequests: too many failures for this username from this address lately — said
        the same way whether or not the account exists.
    :raise engine.NotAllowed: wrong username or password.
    """
    key = f"{username.strip().casefold()}\x1f{request.remote_addr or ''}"
    retry_after = engine.sign_in_retry_after(db.session(), db.runtime(), key,
                                             int(current_app.config["LOGIN_MAX_FAILURES"]), _window())
    if retry_after:
        raise TooManyRequests(description=THROTTLED.format(minutes=-(-retry_after // 60)), retry_after=retry_after)
    try:
        actor = engine.authenticate(db.session(), username, password)
    except engine.NotAllowed:
        engine.record_sign_in_failure(db.session(), db.runtime(), key, _window())
        db.keep_writes()  # the refusal is an error answer, but its failure count must stay
        raise
    engine.clear_sign_in_failures(db.session(), key)
    _end_current_session()
    opened = engine.open_session(db.session(), db.runtime(), actor.user_id)
    cookie.clear()
    cookie["sid"], cookie["csrf"] = opened.token, opened.csrf_token
    g.actor = actor
    return actor


def sign_out() -> None:
    _end_current_session()
    cookie.clear()
    g.actor = None


def _end_current_session() -> None:
    if token := cookie.get("sid"):
        engine.end_session(db.session(), db.runtime(), token)


def csrf_token() -> str:
    if "csrf" not in cookie:
        cookie["csrf"] = secrets.token_urlsafe(32)
    return str(cookie["csrf"])


def current_actor() -> engine.Actor | None:
    """The signed-in actor of this request, or None (no session, or it ended, idled or expired)."""
    if "actor" not in g:
        g.actor = _load_actor()
    return g.actor


def _load_actor() -> engine.Actor | None:
    token = cookie.get("sid")
    if not token:
        return None
    row = engine.live_session(db.session(), db.runtime(), token, _policy())
    if row is None:
        cookie.clear()
        return None
    if engine.needs_touch(db.runtime(), row):
        db.touch(lambda s: engine.touch_session(s, db.runtime(), token))
    try:
        return engine.session_actor(db.session(), row)
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
