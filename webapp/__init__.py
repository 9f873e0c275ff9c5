"""The web application: pages for people and a JSON API.

May import ``engine`` (and ``forms`` to render field lists). Never SpiffWorkflow, never reportlab.
A view parses the request, calls one engine function, renders or serialises. Engine errors become
HTTP responses in exactly one place (``webapp.errors``). Nothing happens at import: ``create_app``
builds everything.
"""

from __future__ import annotations

from typing import Any

from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application; ``config`` overrides defaults and ``APPROVAL_*`` environment variables."""
    from . import api, assets, auth, db, errors, guards, headers, pages, public
    from . import config as settings

    app = Flask(__name__)
    guards.install_converters(app)
    settings.load(app, config)
    base_url = settings.public_base_url(app)  # before anything else: a production start without it refuses
    db.init_app(app, base_url)
    if app.config["SEED_DEMO"]:
        db.prepare_demo(app)
    guards.init_app(app)
    headers.init_app(app)
    assets.init_app(app)
    auth.init_app(app)
    api.init_app(app)
    pages.init_app(app)
    public.init_app(app)
    errors.init_app(app)  # last: flask-smorest registers its own HTTPException handler, ours replaces it
    return app
