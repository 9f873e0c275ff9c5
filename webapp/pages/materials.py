"""申请材料 on the pages: upload and remove (the owner, or an agent under a grant) from a stage
application page, and download (whoever may see the project). A refusal renders the one error page
with its Chinese reason and the request's transaction is rolled back, so nothing is stored."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, request, url_for

import engine

from .. import db, materials
from .common import APPLICANTS, EVERYONE, audience, local_path

bp = Blueprint("materials", __name__)


@bp.post("/projects/<code>/materials")
@audience(*APPLICANTS)
def upload(actor: engine.Actor, code: str) -> Any:
    new = materials.new_material(request.form.get("stage", ""), request.files.get("file"),
                                 request.form.get("requirement"))
    stored = engine.attach_material(db.session(), db.runtime(), actor, code, new, materials.limits())
    flash(f"已上传“{stored.display_name}”（SHA-256：{stored.sha256}）。")
    return redirect(local_path(request.form.get("next")) or url_for("owner.project", code=code))


@bp.post("/projects/<code>/materials/<int:material_id>/removal")
@audience(*APPLICANTS)
def remove(actor: engine.Actor, code: str, material_id: int) -> Any:
    removed = engine.remove_material(db.session(), db.runtime(), actor, code, material_id)
    flash(f"已撤回“{removed.display_name}”。")
    return redirect(local_path(request.form.get("next")) or url_for("owner.project", code=code))


@bp.get("/projects/<code>/materials/<int:material_id>")
@audience(*EVERYONE)
def download(actor: engine.Actor, code: str, material_id: int) -> Any:
    row, data = engine.material_content(db.session(), actor, code, material_id, runtime=db.runtime())
    return materials.download(row, data)
