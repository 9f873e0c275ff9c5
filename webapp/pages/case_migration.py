"""版本迁移 (administrators): after the catalogue changed, preview which running approvals would move, stage by
stage (a dry run), migrate them one batch per click, and move a case back before its next action."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine
from engine import case_migration

from .. import db
from .common import audience

bp = Blueprint("case_migration", __name__, url_prefix="/admin/case-migration")


@bp.get("/")
@audience(engine.ADMINISTRATOR)
def index(actor: engine.Actor) -> str:
    category = request.args.get("category") or None
    plans = case_migration.preview_migration(db.session(), db.runtime(), actor, category) \
        if "preview" in request.args else None
    return _page(actor, category, plans)


@bp.post("/migrate")
@audience(engine.ADMINISTRATOR)
def migrate(actor: engine.Actor) -> Any:
    category = request.form.get("category") or None
    batch = request.form.get("batch", "").strip()
    if not (batch.isascii() and batch.isdigit() and len(batch) <= 4):  # ２, ², 10**5000 are not batch sizes
        flash("每批项目数请填写1至500的整数。", "error")
        return redirect(url_for("case_migration.index", category=category or ""))
    try:
        run = case_migration.migrate_cases(db.session(), db.runtime(), actor, category, int(batch))
    except (engine.InvalidState, engine.NotFound) as exc:
        flash(exc.message, "error")
        return redirect(url_for("case_migration.index", category=category or ""))
    flash(f"本批迁移 {len(run.moved)} 件；待下一批 {run.remaining} 件；保持原规则（未迁移） {len(run.left)} 件。")
    return redirect(url_for("case_migration.index", category=category or "", preview="1"))


@bp.post("/<int:migration_id>/revert")
@audience(engine.ADMINISTRATOR)
def revert(actor: engine.Actor, migration_id: int) -> Any:
    try:
        migration = case_migration.revert_migration(db.session(), db.runtime(), actor, migration_id)
    except engine.InvalidState as exc:
        flash(exc.message, "error")
    else:
        flash(f"已撤销项目 {migration.project_code} 的迁移，恢复原流程版本。")
    return redirect(url_for("case_migration.index"))


def _page(actor: engine.Actor, category: str | None, plans: list[case_migration.CasePlan] | None) -> str:
    return render_template("admin/case_migration.html", category=category, plans=plans,
                           categories=engine.CATEGORIES,
                           history=case_migration.migration_history(db.session(), actor))
