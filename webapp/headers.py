"""Security headers on every response: a Content-Security-Policy without inline script (styles only from
site.css and per-request ``<style nonce>`` blocks), no framing, same-origin referrers, no type sniffing,
and HSTS when cookies are marked secure (the site is served over HTTPS)."""

from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, g

HSTS = "max-age=31536000; includeSubDomains"


def init_app(app: Flask) -> None:
    app.after_request(add_headers)
    app.jinja_env.globals["csp_nonce"] = csp_nonce


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return str(g.csp_nonce)


def policy(nonce: str) -> str:
    return ("default-src 'self'; script-src 'self'; "
            f"style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            "form-action 'self'; frame-ancestors 'none'")


def add_headers(response: Response) -> Response:
    # setdefault: a response with its own stricter policy (material downloads: sandbox) keeps it.
    response.headers.setdefault("Content-Security-Policy", policy(csp_nonce()))
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if current_app.config.get("SESSION_COOKIE_SECURE"):
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response
