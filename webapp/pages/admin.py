"""系统管理 (administrators): a landing page linking every section, the departments (add one, rename one), the
item catalogue (read per category, add an item) and the time-limit rules (read, add a rule in force from a date;
rules are never edited). Sections of other blueprints (accounts, holiday schedules) are linked when the app has them."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for

import engine

from .. import db
from .common import audience
from .formview import FieldView

bp = Blueprint("admin", __name__, url_prefix="/admin")
#: Sections of other blueprints, linked only once the app serves them (no dead links).
OTHER_SECTIONS = (("admin_users.accounts", "账号管理", "新增账号、重置密码、停用或启用账号，分配角色和部门。"),
                  ("calendar_admin.index", "节假日安排", "载入国务院公布的年度放假安排，预览受影响的期限后确认。"),
                  ("case_migration.index", "版本迁移", "事项目录调整后，预览并分批迁移在办项目的审批流程版本。"),
                  ("supervisor.board", "电子监察", "各部门在办事项、预警与逾期、办理用时统计。"))


@bp.get("/")
@audience(engine.ADMINISTRATOR)
def landing(actor: engine.Actor) -> str:
    others = [(url_for(e), title, text) for e, title, text in OTHER_SECTIONS if e in current_app.view_functions]
    return render_template("admin/landing.html", others=others)


@bp.get("/departments")
@audience(engine.ADMINISTRATOR)
def departments(actor: engine.Actor) -> str:
    return _departments_page(actor, {}, {})


@bp.post("/departments")
@audience(engine.ADMINISTRATOR)
def add_department(actor: engine.Actor) -> Any:
    sent = request.form.to_dict()
    try:
        department = engine.add_department(db.session(), db.runtime(), actor, sent)
    except engine.FormRejected as exc:
        return _departments_page(actor, sent, exc.field_errors), 422
    flash(f"已新增审批部门“{department.name}”（代码 {department.code}）。")
    return redirect(url_for("admin.departments"))


@bp.get("/departments/<code>/rename")
@audience(engine.ADMINISTRATOR)
def confirm_rename(actor: engine.Actor, code: str) -> str:
    department = engine.department_of(db.session(), actor, code)
    return _rename_form(department, {}, {})


@bp.post("/departments/<code>/rename")
@audience(engine.ADMINISTRATOR)
def rename_department(actor: engine.Actor, code: str) -> Any:
    sent = request.form.to_dict()
    try:
        before, department = engine.rename_department(db.session(), db.runtime(), actor, code, sent)
    except engine.FormRejected as exc:
        return _rename_form(engine.department_of(db.session(), actor, code), sent, exc.field_errors), 422
    flash(f"已将“{before}”更名为“{department.name}”，部门代码 {department.code} 不变。")
    return redirect(url_for("admin.departments"))


def _departments_page(actor: engine.Actor, values: dict[str, str], errors: dict[str, list[str]]) -> str:
    rows = engine.department_rows(db.session(), actor, db.runtime().now())
    fields = [FieldView("code", "部门代码", "text", True, values.get("code", ""), errors.get("code", []),
                        "小写英文字母、数字和下划线，以字母开头，如 market_regulation；设立后不能修改"),
              FieldView("name", "部门名称", "text", True, values.get("name", ""), errors.get("name", []),
                        "2至40个字，如：市场监督管理局")]
    return render_template("admin/departments.html", rows=rows, fields=fields, other_errors=_other(fields, errors))


def _rename_form(department: Any, values: dict[str, str], errors: dict[str, list[str]]) -> str:
    fields = [FieldView("name", "新的部门名称", "text", True, values.get("name", ""), errors.get("name", []),
                        "2至40个字")]
    return render_template("admin/rename_department.html", department=department, fields=fields,
                           other_errors=_other(fields, errors))


def _other(fields: list[FieldView], errors: dict[str, list[str]]) -> list[str]:
    known = {x.name for x in fields}
    return [m for key, messages in errors.items() if key not in known for m in messages]


@bp.get("/catalogue")
@audience(engine.ADMINISTRATOR)
def catalogue(actor: engine.Actor) -> str:
    view = engine.catalogue_view(db.session(), db.runtime(), actor, request.args.get("category"))
    return render_template("admin/catalogue.html", view=view)


@bp.get("/catalogue/new")
@audience(engine.ADMINISTRATOR)
def new_item(actor: engine.Actor) -> str:
    category = request.args.get("category", "")
    return _item_form({"category": category, "phase": "1", "role": "review"}, {})


@bp.post("/catalogue/new")
@audience(engine.ADMINISTRATOR)
def add_item(actor: engine.Actor) -> Any:
    sent = request.form.to_dict()
    try:
        item = engine.add_catalogue_item(db.session(), db.runtime(), actor, sent)
    except engine.FormRejected as exc:
        return _item_form(sent, exc.field_errors), 422
    flash(f"已将“{item.name}”加入{engine.CATEGORIES[item.category]}的审批事项目录，此后启动的审批适用。")
    return redirect(url_for("admin.catalogue", category=item.category))


@bp.get("/catalogue/<category>/<code>/retire")
@audience(engine.ADMINISTRATOR)
def confirm_retire(actor: engine.Actor, category: str, code: str) -> str:
    """Ask once more before an item leaves the catalogue (停用 cannot be undone from the page)."""
    view = engine.catalogue_view(db.session(), db.runtime(), actor, category)
    item = next((i for i in view.items if i.code == code and view.category == category), None)
    if item is None:
        abort(404)
    return render_template("admin/confirm_retire.html", item=item, category=category)


@bp.post("/catalogue/<category>/<code>/retire")
@audience(engine.ADMINISTRATOR)
def retire(actor: engine.Actor, category: str, code: str) -> Any:
    name = engine.retire_catalogue_item(db.session(), db.runtime(), actor, category, code)
    flash(f"已停用“{name}”：此后启动的{engine.CATEGORIES[category]}审批不再包含该事项，在办项目不受影响。")
    return redirect(url_for("admin.catalogue", category=category))


@bp.get("/time-limits")
@audience(engine.ADMINISTRATOR)
def time_limits(actor: engine.Actor) -> str:
    rows = engine.time_limit_rules(db.session(), db.runtime(), actor)
    return render_template("admin/time_limits.html", rows=rows)


@bp.get("/time-limits/<category>/new")
@audience(engine.ADMINISTRATOR)
def new_rule(actor: engine.Actor, category: str) -> str:
    return _rule_form(_category(category), {}, {})


@bp.post("/time-limits/<category>/new")
@audience(engine.ADMINISTRATOR)
def add_rule(actor: engine.Actor, category: str) -> Any:
    sent = request.form.to_dict()
    try:
        rule = engine.add_rule_from_form(db.session(), db.runtime(), actor, _category(category), sent)
    except engine.FormRejected as exc:
        return _rule_form(category, sent, exc.field_errors), 422
    flash(f"已新增{engine.CATEGORIES[rule.category]}的审批时限规则，"
          f"自 {rule.effective_from.isoformat()} 起首次受理的项目适用。")
    return redirect(url_for("admin.time_limits"))


def _category(code: str) -> str:
    if code not in engine.CATEGORIES:
        raise engine.NotFound("没有这个项目类别", category=code)
    return code


def _item_form(values: dict[str, str], errors: dict[str, list[str]]) -> str:
    def f(name: str, label: str, widget: str = "text", required: bool = True, hint: str = "",
          choices: list[tuple[str, str]] | None = None) -> FieldView:
        return FieldView(name, label, widget, required, values.get(name, ""), errors.get(name, []), hint,
                         choices or [])
    fields = [
        f("category", "项目类别", "select", choices=list(engine.CATEGORIES.items())),
        f("stage", "审批阶段", "select",
          choices=[(str(s.number), f"第{s.number}阶段 {s.name}") for s in engine.STAGES]),
        f("code", "事项代码", hint="小写英文字母、数字和下划线，如 fire_design_review"),
        f("name", "事项名称", hint="如：建设工程消防设计审查"),
        f("department_code", "审批部门", "select", choices=list(engine.DEPARTMENTS.items())),
        f("committed_days", "承诺时限（工作日）", hint="1 至 60 个工作日"),
        f("phase", "办理批次", hint="同一阶段批次相同的事项并联审查，批次小的先办；一般填 1"),
        f("role", "事项类型", "radio", choices=[("review", "部门审查"), ("issue", "核发证照")]),
        f("joint_review", "是否联合审查（超时默许）", "flag"),
        f("commitment_allowed", "是否可告知承诺", "flag"),
        f("tolerance_allowed", "是否可容缺受理", "flag"),
        f("materials", "申请材料", "lines", hint="每行一项"),
        f("source", "设立依据", "textarea", required=False, hint="法律法规或政策文件名称及条款"),
    ]
    known = {x.name for x in fields}
    other = [m for key, messages in errors.items() if key not in known for m in messages]
    return render_template("admin/item_form.html", fields=fields, other_errors=other)


def _rule_form(category: str, values: dict[str, str], errors: dict[str, list[str]]) -> str:
    stages = engine.stages_of(category)
    fields = [FieldView("effective_from", "生效日期", "date", True, values.get("effective_from", ""),
                        errors.get("effective_from", []), "此日及以后首次受理的项目适用；不能早于今天")]
    fields.append(FieldView("total_days", "审批总时限（工作日）", "number", True, values.get("total_days", ""),
                            errors.get("total_days", [])))
    fields += [FieldView(f"days_{s.process_id}", f"{s.name}阶段时限（工作日）", "number", True,
                         values.get(f"days_{s.process_id}", ""), errors.get(f"days_{s.process_id}", []))
               for s in stages]
    known = {x.name for x in fields}
    other = [m for key, messages in errors.items() if key not in known for m in messages]
    return render_template("admin/rule_form.html", category=category, fields=fields, other_errors=other)
