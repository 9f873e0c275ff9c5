"""分阶段施工许可 on the pages: the owner (or an agent authorised for 申报 in 施工许可) applies for the next
construction phase from the project page; an application an agent prepared waits for the owner's own
质量安全承诺, confirmed on the same page; the housing department issues each phase permit from its own list.
The permits are 施工许可证 like any other: the owner downloads them from 我的证照."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine
from forms import keys

from .. import db
from . import formview
from .common import APPLICANTS, EVERYONE, audience

bp = Blueprint("phases", __name__)
APPLICATION = keys.PHASE_PERMIT_APPLICATION
COMMITMENT = "quality_safety_commitment"
ISSUERS = (engine.EXAMINER, engine.DEPARTMENT_LEAD)
REMARKS_LIMIT = 500  # the issuance form's remarks (forms.construction.PhaseIssuance)


@bp.get("/projects/<code>/phase-permits")
@audience(*EVERYONE)
def project(actor: engine.Actor, code: str) -> str:
    return _project_page(actor, code, {}, {})


@bp.post("/projects/<code>/phase-permits")
@audience(*APPLICANTS)
def apply(actor: engine.Actor, code: str) -> Any:
    data = formview.parse(APPLICATION, request.form)
    try:
        application = engine.apply_for_phase_permit(db.session(), db.runtime(), actor, code, data)
    except engine.FormRejected as exc:
        return _project_page(actor, code, data, exc.field_errors), 422
    except engine.InvalidState as exc:  # already applied, or the phase before has no permit yet
        return _project_page(actor, code, data, {"": [exc.message]}), exc.status
    except engine.NotAllowed as exc:  # an agent whose grant does not cover 申报 in 施工许可: said on the form
        return _project_page(actor, code, data, {"": [exc.message]}), exc.status
    flash("分阶段施工许可申请已提交，" + ("等待住房和城乡建设局核发。" if application.status == "submitted"
                                     else "须由建设单位本人登录确认质量安全承诺后，方可核发。"))
    return redirect(url_for("phases.project", code=code))


@bp.post("/phase-permits/<int:application_id>/commitment")
@audience(engine.OWNER, engine.AGENT)
def confirm(actor: engine.Actor, application_id: int) -> Any:
    application = engine.confirm_phase_commitment(db.session(), db.runtime(), actor, application_id)
    flash("已确认质量安全承诺，申请已提交住房和城乡建设局核发。")
    return redirect(url_for("phases.project", code=application.project_code))


@bp.get("/phase-permits/issuance")
@audience(*ISSUERS)
def issuance(actor: engine.Actor) -> str:
    return _issuance_page(actor, None, "", [])


@bp.post("/phase-permits/<int:application_id>/issuance")
@audience(*ISSUERS)
def issue(actor: engine.Actor, application_id: int) -> Any:
    remarks = request.form.get("remarks", "")
    try:
        cert = engine.issue_phase_permit(db.session(), db.runtime(), actor, application_id, {"remarks": remarks})
    except engine.FormRejected as exc:
        return _issuance_page(actor, application_id, remarks, exc.field_errors.get("remarks", [exc.message])), 422
    except engine.InvalidState as exc:  # issued meanwhile by a colleague, or not committed
        return _issuance_page(actor, application_id, remarks, [exc.message]), exc.status
    flash(f"已核发分阶段施工许可证，编号 {cert.number}；建设单位可在“我的证照”中下载。")
    return redirect(url_for("phases.issuance"))


def _project_page(actor: engine.Actor, code: str, values: dict[str, Any], errors: dict[str, list[str]]) -> str:
    page = engine.phase_permit_page(db.session(), db.runtime(), actor, code)
    fields = [f for f in formview.field_views(APPLICATION, values, errors) if _asked(f.name, page, actor)]
    for f in fields:
        if f.name == COMMITMENT:
            f.widget, f.required = "checkbox", True
            f.label = "本单位承诺：已依法确定施工总承包单位，该阶段施工图设计文件满足施工需要，工程质量安全可控"
        elif page.first_application:
            f.required = True  # the first phase's application enters the parties and contract, once
    shown = {f.name for f in fields}
    other = [m for name, messages in errors.items() if name not in shown for m in messages]
    return render_template("phases/project.html", page=page, fields=fields, other_errors=other)


def _asked(name: str, page: Any, actor: engine.Actor) -> bool:
    if name == "phase":
        return False  # the page applies for the next phase only (a hidden input)
    if name == COMMITMENT:
        return actor.role == engine.OWNER  # an agent prepares; the owner commits in person
    return page.first_application


def _issuance_page(actor: engine.Actor, failed: int | None, remarks: str, errors: list[str]) -> str:
    rows = engine.phase_permits_to_issue(db.session(), db.runtime(), actor)
    return render_template("phases/issuance.html", rows=rows, failed=failed, remarks=remarks, errors=errors,
                           remarks_limit=REMARKS_LIMIT)
