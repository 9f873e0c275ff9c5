"""The desk staff work at: an inbox with filters, claim and release, and a task page with the stage's
application, earlier decisions and the decision form. The window (综合窗口) and the department
examiners use the same desk on their own blueprints; the engine decides which items each may see."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine
import forms
from forms import keys

from .. import db
from . import formview
from .common import audience, local_path, outcome_name, posted_instance_id

PER_PAGE = 20
AFTER = re.compile(r"[A-Za-z0-9_-]{8,200}")
EXTRAS: dict[str, Callable[[engine.Actor, engine.TaskContext], dict[str, Any]]] = {}
STATUSES = {"ready": "待办理", engine.AWAITING_SUPPLEMENT: "等待申请人补正", engine.IN_SPECIAL_PROCEDURE: "特别程序中"}


Extra = Callable[[engine.Actor, engine.TaskContext], dict[str, Any]]


def add_routes(bp: Blueprint, *roles: str, extra: Extra | None = None) -> None:
    """Inbox, task page, decision, claim and release on ``bp``; templates under ``<bp.name>/``. ``extra``:
    what else the blueprint's task page shows (the examiners' time-limit panel)."""
    name = bp.name
    EXTRAS[name] = extra or (lambda actor, ctx: {})

    @bp.get("/")
    @audience(*roles)
    def inbox(actor: engine.Actor) -> str:
        flt, page, after = _filter(), _page(), _after()
        found = engine.inbox_page(db.session(), actor, flt, after=after, page=page, per_page=PER_PAGE,
                                  runtime=db.runtime())
        return render_template(f"{name}/inbox.html", found=found, rows=found.rows, total=found.total, flt=flt,
                               page=page, statuses=STATUSES)

    @bp.get("/tasks/<task_id>")
    @audience(*roles)
    def task(actor: engine.Actor, task_id: str) -> str:
        return task_page(name, actor, task_id)

    @bp.post("/tasks/<task_id>")
    @audience(*roles)
    def decide(actor: engine.Actor, task_id: str) -> Any:
        form_key = request.form.get("form_key", "")
        data = formview.parse(form_key, request.form) if form_key in forms.FORM_KEYS else {}
        try:
            done = engine.complete_task(db.session(), db.runtime(), actor, posted_instance_id(), task_id, data)
        except engine.FormRejected as exc:
            return task_page(name, actor, task_id, data, exc.field_errors), 422
        flash(f"已办理“{done.task_name}”：{_said(form_key, done.outcome)}。")
        return redirect(url_for(f"{name}.inbox"))

    @bp.post("/tasks/<task_id>/preview")
    @audience(*roles)
    def preview(actor: engine.Actor, task_id: str) -> Any:
        """核发预览: the certificate as the typed form would issue it; nothing is issued."""
        data = formview.parse(keys.ISSUANCE, request.form)
        try:
            ctx = engine.task_context(db.session(), actor, task_id, runtime=db.runtime(), issuance=data)
        except engine.FormRejected as exc:
            return task_page(name, actor, task_id, data, exc.field_errors), 422
        return task_page(name, actor, task_id, data, ctx=ctx)

    @bp.post("/tasks/<task_id>/claim")
    @audience(*roles)
    def claim(actor: engine.Actor, task_id: str) -> Any:
        item = engine.claim(db.session(), db.runtime(), actor, task_id)
        flash(f"已签收“{item.name}”。")
        return redirect(local_path(request.form.get("next")) or url_for(f"{name}.task", task_id=task_id))

    @bp.post("/tasks/<task_id>/release")
    @audience(*roles)
    def release(actor: engine.Actor, task_id: str) -> Any:
        item = engine.release(db.session(), db.runtime(), actor, task_id)
        flash(f"已将“{item.name}”退回待办池。")
        return redirect(local_path(request.form.get("next")) or url_for(f"{name}.inbox"))


def _context(actor: engine.Actor, task_id: str) -> engine.TaskContext:
    return engine.task_context(db.session(), actor, task_id, runtime=db.runtime())


def _filter() -> engine.InboxFilter:
    """Filters from the query string; values that mean nothing here are ignored, not refused."""
    args = request.args
    stage = args.get("stage") if args.get("stage") in {s.process_id for s in engine.ALL_STAGES} else None
    status = args.get("status") if args.get("status") in STATUSES else None
    sort = "due" if args.get("sort") == "due" else "since"
    return engine.InboxFilter(stage=stage, status=status, mine_only=args.get("mine") == "1",
                              project_code=args.get("project", "").strip() or None, sort=sort)


def _after() -> str | None:
    """The next-page position a "下一页" link carries; anything that is not one means the first page."""
    after = request.args.get("after", "")
    return after if AFTER.fullmatch(after) else None


def _page() -> int:
    page = request.args.get("page", "1")
    return max(int(page), 1) if page.isdigit() and len(page) < 7 else 1


def _said(form_key: str, outcome: str | None) -> str:
    return outcome_name(outcome, form_key) or "已提交"


def task_page(name: str, actor: engine.Actor, task_id: str, values: dict[str, Any] | None = None,
              errors: dict[str, list[str]] | None = None, *, ctx: engine.TaskContext | None = None,
              **more: Any) -> str:
    """The task page of blueprint ``name``; ``values``/``errors`` refill the decision form, ``ctx`` when the
    caller read it already (the issuance preview), ``more`` goes to the template as is (e.g. another form's
    values and errors: the window's 容缺 form as ``tolerance_sent``/``tolerance_errors``)."""
    ctx = ctx or _context(actor, task_id)
    key = ctx.item.form_key
    application = formview.describe(ctx.application.form_key, ctx.application.data) if ctx.application else []
    fields = formview.field_views(key, values, errors)
    if ctx.materials is not None:  # 一次性告知: the missing materials are picked from the stage's checklist
        formview.as_checklist(fields, "missing_materials", [line.material for line in ctx.materials.checklist],
                              "仅在结论为“补正”时勾选；一次勾选全部所缺材料")
    return render_template(f"{name}/task.html", ctx=ctx, application=application, form_key=key,
                           form_title=formview.title(key), fields=fields,
                           other_errors=formview.other_errors(key, errors or {}),
                           **{"tolerance_sent": {}, "tolerance_errors": {}, **EXTRAS[name](actor, ctx), **more})
