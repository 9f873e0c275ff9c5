"""A real server and Debian's chromium, driven by Playwright's sync API (no browser download).

The tests fail — never skip — when chromium is missing: ``.ci/test`` installs it
(``apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from webapp import create_app

CHROMIUM = os.environ.get("APPROVAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SCREENS = Path(os.environ.get("APPROVAL_SCREENS", "/tmp/screens"))


def _demo_app(database: Path) -> object:
    return create_app({"DATABASE_URL": f"sqlite:///{database}", "SEED_DEMO": True,
                       "SECRET_KEY": "browser-test", "ENVIRONMENT": "development"})


@pytest.fixture(scope="session")
def _demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file the demo start-up migrated and seeded, once per run (per xdist worker): the Alembic
    migrations and the demo seeding cost more than most browser tests' pages."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    app = _demo_app(path)
    app.extensions["approval"]["engine"].dispose()
    return path


@pytest.fixture
def served(tmp_path: Path, _demo_database: Path) -> Iterator[tuple[str, object]]:
    """The whole application on 127.0.0.1 (a free port), on its own SQLite file, seeded with the demo;
    yields its address and the app (whose database engine tests may read or set up state with).

    The file is a copy of the run's seeded demo database (SQLite's backup API, WAL included); the app still
    starts with ``SEED_DEMO``, whose start-up finds the schema at head and the demo seeded and changes nothing."""
    database = tmp_path / "browser.sqlite3"
    source, copy = sqlite3.connect(_demo_database), sqlite3.connect(database)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    app = _demo_app(database)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", app
    httpd.shutdown()
    thread.join(timeout=10)
    app.extensions["approval"]["engine"].dispose()


@pytest.fixture
def server(served: tuple[str, object]) -> str:
    return served[0]


@pytest.fixture(scope="session")
def _launched() -> Iterator[object]:
    """One chromium per run (per xdist worker): launching it costs more than a test's pages."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium not found at {CHROMIUM}: install it with "
                    "`apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei` "
                    "(or set APPROVAL_CHROMIUM); browser tests never skip", pytrace=False)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def chromium(_launched) -> Iterator[object]:
    """The chromium of the run; the contexts (cookies, pages) a test opens in it are closed after it."""
    yield _launched
    for context in list(_launched.contexts):
        context.close()


@pytest.fixture
def shoot() -> object:
    """``shoot(page, "name")`` saves a full-page screenshot to /tmp/screens/name.png."""
    SCREENS.mkdir(parents=True, exist_ok=True)

    def _shoot(page: object, name: str) -> Path:
        path = SCREENS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _shoot
