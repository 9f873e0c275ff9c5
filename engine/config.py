"""Where the database is: ``APPROVAL_DATABASE_URL``, else an embedded SQLite file under ``./var``."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_SQLITE = Path("var") / "approval.sqlite3"


def database_url(explicit: str | None = None) -> str:
    url = explicit or os.environ.get("APPROVAL_DATABASE_URL")
    if url:
        return url
    DEFAULT_SQLITE.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_SQLITE.resolve()}"
