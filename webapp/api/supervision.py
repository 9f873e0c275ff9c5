"""电子监察 statistics from the time-limit clocks (supervisors and administrators only)."""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint

import engine

from .. import auth, db

blp = Blueprint("api-supervision", __name__, url_prefix="/api/supervision", description="电子监察统计")


class StatisticsArgs(ma.Schema):
    """Passed to the engine as typed; it checks them (one place for the rules and the Chinese messages)."""

    date_from = ma.fields.String(load_default=None, metadata={"description": "受理（计时开始）日期起，YYYY-MM-DD"})
    date_to = ma.fields.String(load_default=None, metadata={"description": "受理（计时开始）日期止，含当日"})
    category = ma.fields.String(load_default=None, metadata={"description": "项目类别代码"})


class FilterOut(ma.Schema):
    date_from = ma.fields.Date(allow_none=True)
    date_to = ma.fields.Date(allow_none=True)
    category = ma.fields.String(allow_none=True)


class AlertOut(ma.Schema):
    project_code = ma.fields.String()
    project_name = ma.fields.String()
    item = ma.fields.String()
    stage = ma.fields.String()
    state = ma.fields.String(metadata={"description": "预警 或 逾期"})
    used_days = ma.fields.Integer()
    limit_days = ma.fields.Integer()
    overdue_days = ma.fields.Integer()
    deadline = ma.fields.Date()
    paused = ma.fields.Boolean()
    provisional = ma.fields.Boolean(metadata={"description": "截止日期暂定（该年节假日安排尚未公布）"})


class DepartmentAlertsOut(ma.Schema):
    department_code = ma.fields.String()
    department = ma.fields.String()
    warning = ma.fields.Integer()
    overdue = ma.fields.Integer()
    rows = ma.fields.List(ma.fields.Nested(AlertOut))


class NetDaysOut(ma.Schema):
    code = ma.fields.String()
    name = ma.fields.String()
    clocks = ma.fields.Integer()
    completed = ma.fields.Integer()
    total_days = ma.fields.Integer()
    average_days = ma.fields.Float(allow_none=True)


class ParallelRateOut(ma.Schema):
    completed = ma.fields.Integer(metadata={"description": "已办结的阶段办件数"})
    parallel = ma.fields.Integer(metadata={"description": "其中部门审查同时进行的办件数"})
    rate = ma.fields.Float(allow_none=True)


class CategoryTotalOut(ma.Schema):
    category = ma.fields.String()
    name = ma.fields.String()
    limit_days = ma.fields.Integer()
    projects = ma.fields.Integer()
    total_days = ma.fields.Integer()
    average_days = ma.fields.Float(allow_none=True)
    completed = ma.fields.Integer()
    completed_days = ma.fields.Integer()
    average_completed_days = ma.fields.Float(allow_none=True)


class StatisticsOut(ma.Schema):
    filter = ma.fields.Nested(FilterOut)
    as_of = ma.fields.DateTime()
    alerts = ma.fields.List(ma.fields.Nested(DepartmentAlertsOut))
    by_department = ma.fields.List(ma.fields.Nested(NetDaysOut))
    by_stage = ma.fields.List(ma.fields.Nested(NetDaysOut))
    parallel = ma.fields.Nested(ParallelRateOut)
    categories = ma.fields.List(ma.fields.Nested(CategoryTotalOut))


@blp.route("/statistics")
class Statistics(MethodView):
    @blp.arguments(StatisticsArgs, location="query")
    @blp.response(200, StatisticsOut)
    def get(self, args: dict) -> object:
        """监察统计：各部门预警/逾期事项、净工作日（扣除暂停）、并联审批率、各类项目平均总用时与时限"""
        return engine.supervision_statistics(db.session(), db.runtime(), auth.require_actor(), args)
