"""提醒设置 (everyone signed in): how the person is told — the message centre always, e-mail and SMS as they
choose, with their address and mobile number; and 消息投递 for administrators (the outbox's state)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for

import engine

from .. import db
from .common import EVERYONE, audience

bp = Blueprint("notification_settings", __name__)
LABELS = {"email": "电子邮箱", "phone": "手机号码", "by_email": "邮件提醒", "by_sms": "短信提醒"}


@bp.get("/settings/notifications")
@audience(*EVERYONE)
def preferences(actor: engine.Actor) -> str:
    chosen = engine.my_preferences(db.session(), actor)
    values = {"email": chosen.email or "", "phone": chosen.phone or "", "by_email": chosen.by_email,
              "by_sms": chosen.by_sms}
    return _page(values, {}, saved=chosen.saved)


@bp.post("/settings/notifications")
@audience(*EVERYONE)
def save(actor: engine.Actor) -> Any:
    form = request.form
    data = {"email": form.get("email", ""), "phone": form.get("phone", ""),
            "by_email": form.get("by_email") == "yes", "by_sms": form.get("by_sms") == "yes"}
    try:
        engine.save_my_preferences(db.session(), db.runtime(), actor, data)
    except engine.FormRejected as exc:
        return _page(data, exc.field_errors, saved=True), 422
    flash("提醒设置已保存。")
    return redirect(url_for("notification_settings.preferences"))


def _page(values: dict[str, Any], errors: dict[str, list[str]], saved: bool) -> str:
    return render_template("messages/preferences.html", values=values, errors=errors, labels=LABELS, saved=saved)


@bp.get("/admin/notifications")
@audience(engine.ADMINISTRATOR)
def outbox(actor: engine.Actor) -> str:
    return render_template("admin/outbox.html", status=engine.outbox_status(db.session(), actor),
                           channels=engine.NOTIFICATION_CHANNEL_NAMES, states=engine.DELIVERY_STATUS_NAMES)


@bp.post("/admin/notifications/<int:delivery_id>/retry")
@audience(engine.ADMINISTRATOR)
def retry(actor: engine.Actor, delivery_id: int) -> Any:
    engine.retry_delivery(db.session(), db.runtime(), actor, delivery_id)
    flash(f"投递记录 {delivery_id} 将在下一次投递时重新发送。")
    return redirect(url_for("notification_settings.outbox"))
