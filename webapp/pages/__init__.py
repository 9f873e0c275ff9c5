"""Server-rendered pages in Simplified Chinese, one blueprint per audience.

``account`` (sign-in), ``applications`` (a stage application as a task list, check your answers,
confirmation), ``owner`` (建设单位: projects, applications, progress), ``agency`` (帮办代办
grants and the agent's inbox), ``window`` (综合窗口 intake), ``examiner`` (department inbox and decisions),
``supervisor`` (open work per department), ``materials`` (申请材料 upload/removal/download), ``ratings``
(好差评 and 整改回访), ``night_work`` (夜间施工), ``waste_disposal`` (建筑垃圾处置核准), ``utility_connection``
(水电气联动报装), ``admin`` (系统管理: departments, catalogue, time-limit rules), ``admin_users`` (账号管理),
``calendar_admin`` (节假日安排), ``surveys`` (多测合一: the owner's commission, the survey firm's
landing page and result), ``certificates`` (我的证照: every certificate of the owner's projects, PDF,
verification link), ``acceptance_modes`` (容缺受理 and 告知承诺 for owners and agents),
``tolerance_checks`` (the window checks supplied 容缺 materials), ``commitment_checks`` (告知承诺 事后核查),
``phases`` (分阶段施工许可), ``pre_permits`` (施工预许可 and its conversion), ``applications`` (a stage
application's task list, check your answers and confirmation).
Every view parses the request, calls one engine function and renders; nothing needs JavaScript.
"""

from __future__ import annotations

from flask import Blueprint, Flask, jsonify, redirect, render_template
from flask.typing import ResponseReturnValue
from sqlalchemy.exc import SQLAlchemyError

import engine

from .. import auth
from . import (
    acceptance_modes,
    account,
    admin,
    admin_users,
    agency,
    applications,
    calendar_admin,
    case_migration,
    certificates,
    commitment_checks,
    common,
    construction,
    examiner,
    materials,
    messages,
    night_work,
    notification_settings,
    owner,
    phases,
    pre_permits,
    ratings,
    supervisor,
    surveys,
    tolerance_checks,
    utility_connection,
    waste_disposal,
    window,
)

bp = Blueprint("pages", __name__)


def init_app(app: Flask) -> None:
    common.init_app(app)
    for blueprint in (bp, account.bp, owner.bp, agency.bp, window.bp, examiner.bp, supervisor.bp, materials.bp,
                      ratings.bp, calendar_admin.bp, messages.bp, night_work.bp, admin_users.bp, surveys.bp,
                      certificates.bp, waste_disposal.bp, notification_settings.bp, utility_connection.bp,
                      case_migration.bp, admin.bp, construction.bp, acceptance_modes.bp, tolerance_checks.bp,
                      commitment_checks.bp, applications.bp, phases.bp, pre_permits.bp):
        app.register_blueprint(blueprint)


@bp.get("/")
def index() -> ResponseReturnValue:
    actor = auth.current_actor()
    if actor is not None:
        return redirect(common.home_of(actor))
    return render_template("index.html")


@bp.get("/healthz")
def health() -> ResponseReturnValue:
    """Still 200 when next year's holiday schedule is missing (the service runs on provisional deadlines); says so."""
    from .. import db

    try:
        status = engine.calendar_status(db.session(), db.runtime())
    except SQLAlchemyError:  # no schema yet (before `approval db upgrade`): the process itself is healthy
        return jsonify(status="ok", calendar=None)
    calendar = {"next_year": status.next_year, "official": status.next_year_official, "year": status.this_year,
                "year_official": status.this_year_official, "warning": status.warn}
    return jsonify(status="ok", calendar=calendar)
