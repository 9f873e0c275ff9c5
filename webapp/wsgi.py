"""The WSGI entry point for production servers (README, "Production"):

    approval setup                           # once per release: schema, departments, catalogue
    gunicorn -w 4 -b 0.0.0.0:8000 'webapp.wsgi:app'

Configure with ``APPROVAL_*`` environment variables: ``APPROVAL_DATABASE_URL`` (PostgreSQL in
production), ``APPROVAL_SECRET_KEY`` (the same for every worker and host), ``APPROVAL_PUBLIC_BASE_URL``
(required: the start is refused without it), optionally ``APPROVAL_SEED_DEMO=true`` for a demo site (any
number of workers may start together on a fresh database). Serve over HTTPS and set
``APPROVAL_SESSION_COOKIE_SECURE=true``. Sessions and the sign-in limit live in the database, shared by
every worker; behind a reverse proxy wrap the app in werkzeug's ``ProxyFix`` so the address the limit keys
on is the client's, not the proxy's. Health check: ``GET /healthz``.
"""

from __future__ import annotations

from . import create_app

app = create_app()
