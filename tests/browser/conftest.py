"""A real server and Debian's chromium, driven by Playwright's sync API (no browser download).

The tests fail — never skip — when chromium is missing: ``.ci/test`` installs it
(``apt-get install -y --no-install-recommends chromium fonts-wqy-zenhei``).
"""

from __future__ import annotations

import os
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


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, object]]:
    """The whole application on 127.0.0.1 (a free port), on its own SQLite file, seeded with the demo;
    yields its address and the app (whose database engine tests may read or set up state with)."""
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'browser.sqlite3'}", "SEED_DEMO": True,
                      "SECRET_KEY": "browser-test", "ENVIRONMENT": "development"})
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
