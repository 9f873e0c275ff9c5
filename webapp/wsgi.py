"""The WSGI entry point for production servers.

    approval db upgrade                      # once per release: create or upgrade the database
    gunicorn -w 2 -b 0.0.0.0:8000 'webapp.wsgi:app'

Configure with ``APPROVAL_*`` environment variables: ``APPROVAL_DATABASE_URL`` (PostgreSQL in
production), ``APPROVAL_SECRET_KEY`` (the same for every worker, else each worker signs its own
sessions and people are signed out at random), optionally ``APPROVAL_SEED_DEMO=true`` for a demo site.
Health check: ``GET /healthz``. Sign-in throttling is counted per worker (``webapp.ratelimit``).
"""

from __future__ import annotations

from . import create_app

app = create_app()
