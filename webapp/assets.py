"""Static files (site.css, verify.js) under addresses that change with their content, cached by browsers for a
year: every page otherwise asks for site.css again (a round trip before the page can render).

``static_url("site.css")`` in templates gives ``/static/site.css?v=<digest of the file>``; a request that names
the current digest is answered with ``Cache-Control: public, max-age=31536000, immutable``; any other request
for the file (an old digest, none) gets no long cache, so a changed file is never served stale."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, Response, request, url_for

YEAR = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    digests = _digests(Path(app.static_folder or ""))
    app.jinja_env.globals["static_url"] = lambda filename: url_for("static", filename=filename,
                                                                   v=digests.get(filename))
    default = app.get_send_file_max_age

    def max_age(filename: str | None) -> int | None:
        # Flask asks twice: with the name, then (when the first answer was None) with the file's path
        version = request.args.get("v")
        if version is not None and version == digests.get(filename or ""):
            return YEAR
        return default(filename)

    app.get_send_file_max_age = max_age  # type: ignore[method-assign]
    app.after_request(_immutable)


def _digests(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()[:12]
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _immutable(response: Response) -> Response:
    if request.endpoint == "static" and response.cache_control.max_age == YEAR:
        response.cache_control.public = True
        response.cache_control.immutable = True
    return response
