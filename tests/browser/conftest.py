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

from engine import Runtime
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


@pytest.fixture(scope="session")
def _served_app(tmp_path_factory: pytest.TempPathFactory, _demo_database: Path) -> Iterator[tuple[object, Path, dict]]:
    """The application the browser tests are served by, built once per run (per xdist worker) on a file of its
    own: building it (routes, the OpenAPI document) costs seconds; yields it, its file and its configuration."""
    database = tmp_path_factory.mktemp("served") / "browser.sqlite3"
    _copy(_demo_database, database)
    app = _demo_app(database)
    yield app, database, dict(app.config)
    app.extensions["approval"]["engine"].dispose()


@pytest.fixture
def served(_served_app: tuple[object, Path, dict], _demo_database: Path) -> Iterator[tuple[str, object]]:
    """The whole application on 127.0.0.1 (a free port), on its own SQLite file, seeded with the demo;
    yields its address and the app (whose database engine tests may read or set up state with).

    Each test finds the file as the demo start-up left it (a copy of the run's seeded demo database: SQLite's
    backup API, WAL included), the configuration as built and a new runtime (its own clock, no cached
    workflow): what an earlier test changed is gone."""
    app, database, config = _served_app
    approval = app.extensions["approval"]
    approval["engine"].dispose()  # no connection may outlive the file's contents
    _copy(_demo_database, database)
    app.config.clear()
    app.config.update(config)
    approval["runtime"] = Runtime(workflow_cache_size=config["WORKFLOW_CACHE_SIZE"])
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", app
    httpd.shutdown()
    thread.join(timeout=10)
    approval["engine"].dispose()


def _copy(source_path: Path, target_path: Path) -> None:
    source, target = sqlite3.connect(source_path), sqlite3.connect(target_path)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


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
