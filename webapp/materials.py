"""What the pages and the API share about materials: reading an upload from the request within the
configured limits, and sending a material back safely."""

from __future__ import annotations

import io

from flask import current_app, send_file
from werkzeug.datastructures import FileStorage

import engine

from .config import material_limits


def limits() -> engine.MaterialLimits:
    return material_limits(current_app)


def new_material(stage: str, file: FileStorage | None, requirement: str | None) -> engine.NewMaterial:
    """The upload as the engine checks it. At most one byte over the limit is read: the engine refuses
    it as too large without the rest ever being held in memory."""
    data = file.stream.read(limits().max_bytes + 1) if file is not None else b""
    return engine.NewMaterial(stage=stage, name=file.filename if file is not None else None, data=data,
                              requirement=requirement or None)


def download(row: engine.MaterialRow, data: bytes) -> object:
    """An attachment (never rendered inline), with the detected type, a Content-Disposition werkzeug
    quotes and RFC 5987-encodes from the display name, and no type sniffing."""
    response = send_file(io.BytesIO(data), mimetype=row.content_type, as_attachment=True,
                         download_name=row.display_name, etag=row.sha256, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    return response
