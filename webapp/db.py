"""One database session per request and one transaction per request.

Mutating requests (POST/PUT/PATCH/DELETE) get a session bound to the writer engine (SQLite: BEGIN
IMMEDIATE) and are committed after a successful response; any error response or exception rolls the
whole request back, so a refused request changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, g, request
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

import engine

from . import errors

_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


def init_app(app: Flask, public_base_url: str | None) -> None:
    db = engine.make_engine(engine.database_url(app.config["DATABASE_URL"]))
    runtime = engine.Runtime(workflow_cache_size=app.config["WORKFLOW_CACHE_SIZE"])
    app.extensions["approval"] = {"engine": db, "runtime": runtime, "public_base_url": public_base_url}
    app.before_request(_public_base_url)
    app.after_request(_finish)
    app.teardown_request(_close)


def _public_base_url() -> None:
    """Certificates name the public verification address: the configured one, else (development and
    tests only: production refuses to start without it) the address this request came to."""
    ext = current_app.extensions["approval"]
    engine.default_public_base_url(ext["runtime"], ext["public_base_url"] or request.host_url)


def prepare_demo(app: Flask) -> None:
    """``SEED_DEMO``: bring the schema up to date (Alembic), then seed the demo people and one demo
    project in one transaction if the database has no accounts yet (``engine.ensure_demo``)."""
    db, runtime = app.extensions["approval"]["engine"], app.extensions["approval"]["runtime"]
    engine.upgrade_schema(engine.writer(db))
    with engine.transaction(db) as s:
        project = engine.ensure_demo(s, runtime)
    if project is not None:
        app.logger.info("demo people and demo project %s seeded", project.code)


def session() -> Session:
    """The request's session, opened on first use."""
    if "db_session" not in g:
        db = current_app.extensions["approval"]["engine"]
        bind = engine.writer(db) if request.method in _WRITES else db
        g.db_session = Session(bind, expire_on_commit=False)
        g.db_session.begin()
    return g.db_session


def keep_writes() -> None:
    """Commit this request's writes even though it answers with an error (a failed sign-in's count)."""
    g.keep_writes = True


def touch(change: Callable[[Session], None]) -> None:
    """A small bookkeeping write during a read (a session's last use): in its own short transaction, so
    reads stay reads; in a write request, in the request's own transaction (SQLite: one writer)."""
    if request.method in _WRITES:
        change(session())
        return
    with engine.transaction(current_app.extensions["approval"]["engine"]) as own:
        change(own)


def runtime() -> engine.Runtime:
    return current_app.extensions["approval"]["runtime"]


def _finish(response: Any) -> Any:
    s = g.pop("db_session", None)
    if s is None:
        return response
    try:
        if response.status_code < 400 or g.pop("keep_writes", False):
            s.commit()
            _after_response(response, engine.take_after_commit(s))
        else:
            s.rollback()
    except IntegrityError as exc:
        # A unique constraint checked at commit (another request created the same thing first).
        s.rollback()
        response = errors.integrity_response(exc)
    finally:
        s.close()
    return response


def _after_response(response: Any, jobs: list[engine.AfterCommit]) -> None:
    """The committed action's later work (a certificate's PDF) runs once the response is sent: the
    client does not wait for it, and a download before it ran renders the same bytes itself."""
    if not jobs:
        return
    db, log = current_app.extensions["approval"]["engine"], current_app.logger

    def run() -> None:  # after the response: no app context any more, hence the captured names
        for job in jobs:
            try:
                job(db)
            except Exception:  # the response is gone; the job is redone on demand
                log.exception("after-commit job failed")
    response.call_on_close(run)


def _close(_exc: BaseException | None) -> None:
    s = g.pop("db_session", None)
    if s is not None:
        s.rollback()
        s.close()
