"""电子监察 (supervisors): every open work item per department and how long it has waited, and the figures
read from the statutory clocks (预警/逾期 items, net working days, parallel-approval rate, category totals);
drill-down from the board to a department's items and to an item's clock; the board as CSV or XLSX;
expired pre-permits whose works go on, and the 竣工验收备案 not yet made (overdue first).

The filter is a plain GET form, so the page works without JavaScript.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

import engine

from .. import db, exports
from .common import CHINA, audience

bp = Blueprint("supervisor", __name__, url_prefix="/supervisor")
SUPERVISORS = (engine.SUPERVISOR, engine.ADMINISTRATOR)


@bp.get("/")
@audience(*SUPERVISORS)
def board(actor: engine.Actor) -> str:
    page = engine.supervisor_board(db.session(), db.runtime(), actor, request.args)
    return render_template("supervisor/board.html", groups=page.groups, stats=page.statistics,
                           categories=engine.CATEGORIES, now=db.runtime().now())


@bp.get("/departments/<code>")
@audience(*SUPERVISORS)
def department(actor: engine.Actor, code: str) -> str:
    work = engine.department_work(db.session(), db.runtime(), actor, code, request.args.get("after"))
    return render_template("supervisor/department.html", work=work)


@bp.get("/clock")
@audience(*SUPERVISORS)
def clock(actor: engine.Actor) -> str:
    detail = engine.clock_detail(db.session(), db.runtime(), actor, request.args.get("key", "")[:80])
    return render_template("supervisor/clock.html", detail=detail)


@bp.get("/export.csv")
@audience(*SUPERVISORS)
def export_csv(actor: engine.Actor) -> Response:
    rows = engine.board_rows(db.session(), db.runtime(), actor)
    return exports.csv_response(engine.BOARD_EXPORT_HEADERS, rows, f"在办事项-{_today()}.csv")


@bp.get("/export.xlsx")
@audience(*SUPERVISORS)
def export_xlsx(actor: engine.Actor) -> Response:
    rows = engine.board_rows(db.session(), db.runtime(), actor)
    return exports.xlsx_response(engine.BOARD_EXPORT_HEADERS, rows, f"在办事项-{_today()}.xlsx", "在办事项")


@bp.get("/pre-permits")
@audience(*SUPERVISORS)
def pre_permits(actor: engine.Actor) -> str:
    return render_template("supervisor/pre_permits.html", permits=engine.flagged_pre_permits(db.session(), actor))


@bp.get("/filings")
@audience(*SUPERVISORS)
def filings(actor: engine.Actor) -> str:
    rows = engine.open_filings(db.session(), db.runtime(), actor)
    return render_template("supervisor/filings.html", rows=sorted(rows, key=lambda r: (r.days_left, r.project_code)))


def _today() -> str:
    return db.runtime().now().astimezone(CHINA).date().isoformat()
