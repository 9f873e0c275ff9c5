"""申请材料 on the pages: upload and remove (the owner, or an agent under a grant) from a stage
application page, and download (whoever may see the project). A refusal renders the one error page
with its Chinese reason and the request's transaction is rolled back, so nothing is stored."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine

from .. import db, materials
from .common import APPLICANTS, EVERYONE, audience, local_path

bp = Blueprint("materials", __name__)
_FIX = {"material_too_large": "请压缩或拆分后重新上传。",
        "material_type_refused": "请上传 PDF、JPEG、PNG 或 OFD 文件。",
        "material_name_refused": "请修改文件名（不含路径和特殊字符）后重新上传。"}


@bp.post("/projects/<code>/materials")
@audience(*APPLICANTS)
def upload(actor: engine.Actor, code: str) -> Any:
    back = local_path(request.form.get("next")) or url_for("owner.project", code=code)
    new = materials.new_material(request.form.get("stage", ""), request.files.get("file"),
                                 request.form.get("requirement"))
    try:
        stored = engine.attach_material(db.session(), db.runtime(), actor, code, new, materials.limits())
    except engine.MaterialRejected as exc:  # the reason beside the file field, the choice kept; nothing stored
        message = f"“{new.name or '所选文件'}”未上传：{exc.message}。{_FIX.get(exc.code, '')}"
        return render_template("materials/refused.html", code=code, back=back, message=message,
                               stage=new.stage, requirement=new.requirement or ""), exc.status
    flash(f"已上传“{stored.display_name}”。")
    return redirect(back if "#" in back else back + "#mat-h")  # a task list line names its own anchor


@bp.post("/projects/<code>/materials/<int:material_id>/removal")
@audience(*APPLICANTS)
def remove(actor: engine.Actor, code: str, material_id: int) -> Any:
    removed = engine.remove_material(db.session(), db.runtime(), actor, code, material_id)
    flash(f"已删除“{removed.display_name}”。")
    return redirect(local_path(request.form.get("next")) or url_for("owner.project", code=code))


@bp.get("/projects/<code>/materials/<int:material_id>")
@audience(*EVERYONE)
def download(actor: engine.Actor, code: str, material_id: int) -> Any:
    row, data = engine.material_content(db.session(), actor, code, material_id, runtime=db.runtime())
    return materials.download(row, data)
