"""Server-side sessions: signing out, a password change and disabling end a session at once (a replayed
cookie is refused); idle and absolute timeouts; the sign-in limit is shared by every worker."""

from __future__ import annotations

from engine import DEMO_PASSWORD, set_active, set_password
from webapp import create_app

NEW_PASSWORD = "a-much-longer-secret-2026"


def api_client(app, username: str = "owner", password: str = DEMO_PASSWORD):
    client = app.test_client()
    response = client.post("/api/session", json={"username": username, "password": password})
    assert response.status_code == 200, response.text
    return client, response.json["csrf_token"]


def replay(app, client):
    """A second browser holding a copy of the first one's cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_copied_cookie_stops_working_after_sign_out(app, office) -> None:
    client, csrf = api_client(app)
    thief = replay(app, client)
    assert thief.get("/api/projects").status_code == 200
    assert client.delete("/api/session", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert thief.get("/api/projects").status_code == 401
    assert client.get("/api/projects").status_code == 401


def test_signing_out_on_the_page_ends_the_session_too(app, person, office) -> None:
    owner = person("owner")
    thief = replay(app, owner.client)
    assert owner.post("/logout").status_code == 200
    assert thief.get("/api/projects").status_code == 401


def test_a_password_change_and_disabling_end_every_session(app, office, step, runtime) -> None:
    first, _ = api_client(app)
    with step() as s:
        assert set_password(s, runtime, None, "owner", NEW_PASSWORD) == 1
    assert first.get("/api/projects").status_code == 401
    second, _ = api_client(app, password=NEW_PASSWORD)
    with step() as s:
        assert set_active(s, runtime, None, "owner", active=False) == 1
    assert second.get("/api/projects").status_code == 401
    refused = app.test_client().post("/api/session", json={"username": "owner", "password": NEW_PASSWORD})
    assert refused.status_code == 403


def test_idle_and_absolute_timeouts(app, office, clock) -> None:
    app.config.update(SESSION_IDLE_MINUTES=30, SESSION_MAX_HOURS=2)
    idle, _ = api_client(app)
    clock.advance(minutes=29)
    assert idle.get("/api/projects").status_code == 200  # used: the idle time starts again
    clock.advance(minutes=29)
    assert idle.get("/api/projects").status_code == 200
    clock.advance(minutes=31)
    assert idle.get("/api/projects").status_code == 401
    busy, _ = api_client(app)
    for _ in range(4):
        clock.advance(minutes=25)
        assert busy.get("/api/projects").status_code == 200
    clock.advance(minutes=25)  # 125 minutes after sign-in (limit 120), used all along
    assert busy.get("/api/projects").status_code == 401


def test_the_sign_in_limit_is_shared_by_workers_and_forgets_after_the_window(app, office, db_url, runtime,
                                                                             clock) -> None:
    other = create_app({"DATABASE_URL": db_url, "TESTING": True})  # a second worker on the same database
    other.extensions["approval"]["runtime"] = runtime
    try:
        for worker in (app, other, app, other, app):
            response = worker.test_client().post("/api/session", json={"username": "owner", "password": "x"})
            assert response.status_code == 403
        for worker in (app, other):
            refused = worker.test_client().post("/api/session", json={"username": "owner", "password": DEMO_PASSWORD})
            assert refused.status_code == 429
        clock.advance(seconds=app.config["LOGIN_WINDOW_SECONDS"] + 1)
        api_client(other)
    finally:
        other.extensions["approval"]["engine"].dispose()


def test_security_headers_on_every_page(app, person, office) -> None:
    for response in (app.test_client().get("/login"), person("owner").get("/projects"),
                     app.test_client().get("/api/projects")):
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "Strict-Transport-Security" not in response.headers
    app.config["SESSION_COOKIE_SECURE"] = True
    assert "max-age=" in app.test_client().get("/login").headers["Strict-Transport-Security"]


def test_no_template_has_inline_script_or_style() -> None:
    import re
    from pathlib import Path

    import webapp

    pattern = re.compile(r"<script(?![^>]*\bsrc=)|<style(?![^>]*nonce=)|\son[a-z]+=|\sstyle=|javascript:", re.I)
    found = [f"{p.name}: {m.group(0)}" for p in Path(webapp.__file__).parent.joinpath("templates").rglob("*.html")
             for m in pattern.finditer(p.read_text(encoding="utf-8"))]
    assert found == []


