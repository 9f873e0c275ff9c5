"""夜间施工 on the pages: the owner (or an agent) applies for the project's site and sees each decision; the
reviewing department decides; the supervising department and 电子监察 see the approved nights to come."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine
from forms import keys

from .. import db
from . import formview
from .common import APPLICANTS, EVERYONE, audience

bp = Blueprint("night_work", __name__)
APPLICATION, DECISION = keys.NIGHT_WORK_APPLICATION, keys.NIGHT_WORK_DECISION
REPEATED = ("general_contractor", "contractor_credit_code", "works", "reason", "start_time", "end_time",
            "noise_measures")


@bp.get("/projects/<code>/night-work")
@audience(*EVERYONE)
def project(actor: engine.Actor, code: str) -> str:
    return _project_page(actor, code, None, {})


@bp.post("/projects/<code>/night-work")
@audience(*APPLICANTS)
def apply(actor: engine.Actor, code: str) -> Any:
    data = formview.parse(APPLICATION, request.form)
    try:
        permit = engine.apply_night_work(db.session(), db.runtime(), actor, code, data)
    except engine.FormRejected as exc:
        return _project_page(actor, code, data, exc.field_errors), 422
    except engine.InvalidState as exc:
        return _project_page(actor, code, data, {"_": [exc.message]}), 409
    flash(_applied_message(permit))
    return redirect(url_for("night_work.project", code=code))


@bp.get("/night-work/reviews")
@audience(engine.EXAMINER, engine.DEPARTMENT_LEAD)
def reviews(actor: engine.Actor) -> str:
    return _reviews_page(actor, None, {}, {})


@bp.post("/night-work/<int:permit_id>/decision")
@audience(engine.EXAMINER, engine.DEPARTMENT_LEAD)
def decide(actor: engine.Actor, permit_id: int) -> Any:
    data = formview.parse(DECISION, request.form)
    try:
        permit = engine.decide_night_work(db.session(), db.runtime(), actor, permit_id, data)
    except engine.FormRejected as exc:
        return _reviews_page(actor, permit_id, data, exc.field_errors), 422
    flash(f"已作出决定：{permit.status_name}" + (f"，许可证编号 {permit.certificate_number}，已公示并推送监管部门。"
                                               if permit.certificate_number else "。"))
    return redirect(url_for("night_work.reviews"))


@bp.get("/night-work/supervision")
@audience(engine.EXAMINER, engine.DEPARTMENT_LEAD, engine.SUPERVISOR, engine.ADMINISTRATOR)
def supervision(actor: engine.Actor) -> str:
    rows = engine.supervision_list(db.session(), db.runtime(), actor)
    return render_template("night_work/supervision.html", rows=rows)


def _project_page(actor: engine.Actor, code: str, values: dict[str, str] | None,
                  errors: dict[str, list[str]]) -> str:
    permits = engine.night_work_for_project(db.session(), db.runtime(), actor, code)
    values = _prefilled(permits) if values is None else values
    return render_template("night_work/project.html", code=code, permits=permits, rules=engine.NIGHT_WORK_RULES,
                           may_apply=actor.role in APPLICANTS, fields=formview.field_views(APPLICATION, values, errors),
                           other_errors=formview.other_errors(APPLICATION, errors))


def _prefilled(permits: list[engine.NightWorkPermit]) -> dict[str, str]:
    """A repeat application starts from the last one: contractor, works, hours and measures (自动填报)."""
    if not permits:
        return {"start_time": engine.NIGHT_WORK_RULES.window_start, "end_time": engine.NIGHT_WORK_RULES.window_end}
    last = permits[0]
    return {name: str(getattr(last, name)) for name in REPEATED}


def _applied_message(permit: engine.NightWorkPermit) -> str:
    if permit.status == "approved":
        return (f"同一工地、同一施工单位的重复申请，已按规则即时核准：许可证编号 {permit.certificate_number}，"
                "已公示并推送城市管理部门。")
    return "申请已提交，生态环境部门审查后将在此显示结果。"


def _reviews_page(actor: engine.Actor, permit_id: int | None, values: dict[str, str],
                  errors: dict[str, list[str]]) -> str:
    rows = engine.review_queue(db.session(), actor)
    forms_of = {row.permit.id: formview.field_views(DECISION, values if row.permit.id == permit_id else {},
                                                    errors if row.permit.id == permit_id else {}) for row in rows}
    return render_template("night_work/reviews.html", rows=rows, forms_of=forms_of, failed=permit_id)
