"""账号管理 for administrators: list accounts, create one, reset a password, disable or enable an account.

Every view calls one engine function (``engine.organisation.administration``), which checks that the actor
is an administrator; a password reset and disabling end the account's sessions at once.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine

from .. import db
from .common import audience

bp = Blueprint("admin_users", __name__, url_prefix="/admin/users")
LABELS = {"username": "登录名", "display_name": "姓名或单位名称", "role": "角色", "department_code": "所属部门",
          "organisation": "单位名称", "password": "密码", "email": "电子邮箱", "phone": "手机号码"}
MISMATCH = {"password": ["两次输入的密码不一致"]}


@bp.get("")
@audience(engine.ADMINISTRATOR)
def accounts(actor: engine.Actor) -> str:
    return _page(actor)


@bp.post("")
@audience(engine.ADMINISTRATOR)
def create(actor: engine.Actor) -> Any:
    form = request.form
    if form.get("password", "") != form.get("password_again", ""):
        return _page(actor, dict(form), MISMATCH), 422
    new = engine.NewAccount(username=form.get("username", ""), display_name=form.get("display_name", ""),
                            role=form.get("role", ""), password=form.get("password", ""),
                            department_code=form.get("department_code") or None,
                            organisation=form.get("organisation") or None)
    try:
        user = engine.register_account(db.session(), db.runtime(), actor, new)
    except (engine.FormRejected, engine.Conflict, engine.NotFound) as exc:
        return _page(actor, dict(form), _field_errors(exc)), 422
    flash(f"已创建账号 {user.username}（{user.display_name}）。")
    return redirect(url_for("admin_users.accounts"))


@bp.post("/<username>/password")
@audience(engine.ADMINISTRATOR)
def reset_password(actor: engine.Actor, username: str) -> Any:
    password = request.form.get("password", "")
    if password != request.form.get("password_again", ""):
        return _page(actor, errors=MISMATCH, target=username), 422
    try:
        ended = engine.set_password(db.session(), db.runtime(), actor, username, password)
    except engine.FormRejected as exc:
        return _page(actor, errors=exc.field_errors, target=username), 422
    flash(f"已重设 {username} 的密码，已登录的 {ended} 个会话随即失效。")
    return redirect(url_for("admin_users.accounts"))


@bp.post("/<username>/active")
@audience(engine.ADMINISTRATOR)
def set_active(actor: engine.Actor, username: str) -> Any:
    active = request.form.get("active") == "yes"
    try:
        engine.set_active(db.session(), db.runtime(), actor, username, active=active)
    except engine.FormRejected as exc:
        return _page(actor, errors=exc.field_errors, target=username), 422
    flash(f"已{'启用' if active else '停用'}账号 {username}。")
    return redirect(url_for("admin_users.accounts"))


@bp.post("/<username>/contact")
@audience(engine.ADMINISTRATOR)
def set_contact(actor: engine.Actor, username: str) -> Any:
    data = {"email": request.form.get("email", ""), "phone": request.form.get("phone", "")}
    try:
        engine.set_contact_details(db.session(), db.runtime(), actor, username, data)
    except engine.FormRejected as exc:
        return _page(actor, errors=exc.field_errors, target=username), 422
    flash(f"已更新 {username} 的联系方式（用于邮件和短信提醒）。")
    return redirect(url_for("admin_users.accounts"))


def _field_errors(exc: engine.EngineError) -> dict[str, list[str]]:
    if isinstance(exc, engine.FormRejected):
        return exc.field_errors
    key = "department_code" if "department_code" in exc.context else "role" if "role" in exc.context else "username"
    return {key: [exc.message]}


def _page(actor: engine.Actor, values: dict[str, str] | None = None, errors: dict[str, list[str]] | None = None,
          target: str | None = None) -> str:
    return render_template("admin/users.html", rows=engine.list_accounts(db.session(), actor), values=values or {},
                           errors=errors or {}, labels=LABELS, target=target, roles=engine.ROLE_NAMES,
                           departments=engine.department_names(db.session()), minimum=engine.PASSWORD_MIN_LENGTH)
