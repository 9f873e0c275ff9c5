"""site.css and verify.js are linked under an address naming their content, and cached for a year only there."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import webapp

STATIC = Path(webapp.__file__).parent / "static"
YEAR = "max-age=31536000"


def _digest(name: str) -> str:
    return hashlib.sha256((STATIC / name).read_bytes()).hexdigest()[:12]


def test_pages_link_the_stylesheet_by_its_content_and_browsers_keep_it(app) -> None:
    client = app.test_client()
    link = re.search(r'href="(/static/site\.css\?v=[0-9a-f]+)"', client.get("/login").text)
    assert link and link.group(1) == f"/static/site.css?v={_digest('site.css')}"
    with client.get(link.group(1)) as response:
        assert response.status_code == 200 and response.data == (STATIC / "site.css").read_bytes()
        assert YEAR in response.headers["Cache-Control"] and "immutable" in response.headers["Cache-Control"]


def test_the_verification_script_is_linked_by_its_content(app) -> None:
    template = (Path(webapp.__file__).parent / "templates" / "public" / "verify.html").read_text()
    assert "static_url('verify.js')" in template
    with app.test_request_context():
        rendered = app.jinja_env.from_string("{{ static_url('verify.js') }}").render()
    assert rendered == f"/static/verify.js?v={_digest('verify.js')}"


def test_an_old_or_missing_digest_is_not_cached_for_long(app) -> None:
    client = app.test_client()
    for url in ("/static/site.css", "/static/site.css?v=000000000000"):
        with client.get(url) as response:
            assert response.status_code == 200 and YEAR not in response.headers.get("Cache-Control", "")
