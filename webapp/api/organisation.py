"""What an integrator reads before sending anything: the departments, the project categories and the item
catalogue in force (public information, like the published 容缺/承诺 lists: no sign-in)."""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, Page

import engine

from .. import db
from .schemas import LIST_PAGE

blp = Blueprint("api-organisation", __name__, url_prefix="/api", description="部门、项目类别与事项目录")


class DepartmentOut(ma.Schema):
    code = ma.fields.String(metadata={"description": "部门代码（审批人员账号的 department_code）"})
    name = ma.fields.String()


class CategoryOut(ma.Schema):
    code = ma.fields.String(metadata={"description": "登记项目时的 category"})
    name = ma.fields.String()
    stages = ma.fields.List(ma.fields.String(), metadata={"description": "依次经过的阶段（流程编号）"})


class CatalogueItemOut(ma.Schema):
    code = ma.fields.String()
    name = ma.fields.String()
    department_code = ma.fields.String()
    stage = ma.fields.Integer()
    role = ma.fields.String(metadata={"description": "review 审查 / issue 核发"})
    committed_days = ma.fields.Integer(metadata={"description": "承诺时限（工作日）"})
    commitment_allowed = ma.fields.Boolean(metadata={"description": "可适用告知承诺制"})
    tolerance_allowed = ma.fields.Boolean(metadata={"description": "可容缺受理"})
    materials = ma.fields.List(ma.fields.String())


@blp.route("/departments")
class Departments(MethodView):
    @blp.response(200, DepartmentOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> object:
        """部门（审批部门及代码）"""
        return engine.department_list(db.session())


@blp.route("/categories")
class Categories(MethodView):
    @blp.response(200, CategoryOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> object:
        """项目类别及其阶段"""
        return engine.category_list()


@blp.route("/categories/<string:category>/catalogue")
class Catalogue(MethodView):
    @blp.response(200, CatalogueItemOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self, category: str) -> object:
        """该类别现行的事项目录（各阶段事项、牵头/审查部门、承诺时限、申请材料）"""
        return engine.catalogue_of(db.session(), db.runtime(), category)
