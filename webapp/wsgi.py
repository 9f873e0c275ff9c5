"""The WSGI entry point for production servers.

    approval db upgrade                      # once per release: create or upgrade the database
    gunicorn -w 2 -b 0.0.0.0:8000 'webapp.wsgi:app'

Configure with ``APPROVAL_*`` environment variables: ``APPROVAL_DATABASE_URL`` (PostgreSQL in
production), ``APPROVAL_SECRET_KEY`` (the same for every worker, else each worker signs its own
sessions and people are signed out at random), optionally ``APPROVAL_SEED_DEMO=true`` for a demo site.
Serve over HTTPS and set ``APPROVAL_SESSION_COOKIE_SECURE=true``. Health check: ``GET /healthz``.
Sign-in throttling is counted in memory per worker, keyed by username and client address
(``webapp.ratelimit``); behind a reverse proxy wrap the app in werkzeug's ``ProxyFix`` so the address
is the client's, not the proxy's.
"""

from __future__ import annotations

from . import create_app

app = create_app()
