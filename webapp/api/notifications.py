"""办件提醒 for integrators and apps: a person's messages and their choice of channels."""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint, Page

import engine
from forms.notifications import NotificationPreferences

from .. import auth, db
from .documented import doc_only
from .schemas import LIST_PAGE, FormData

blp = Blueprint("api-notifications", __name__, url_prefix="/api/me", description="消息与提醒设置")


class MessageOut(ma.Schema):
    id = ma.fields.Integer()
    kind = ma.fields.String(metadata={"description": "accepted 已受理、supplement_requested 补正通知…"})
    title = ma.fields.String()
    body = ma.fields.String()
    link = ma.fields.String()
    created_at = ma.fields.DateTime()
    read_at = ma.fields.DateTime(allow_none=True)


class PreferencesOut(ma.Schema):
    email = ma.fields.String(allow_none=True)
    phone = ma.fields.String(allow_none=True)
    by_email = ma.fields.Boolean(metadata={"description": "邮件提醒"})
    by_sms = ma.fields.Boolean(metadata={"description": "短信提醒"})
    saved = ma.fields.Boolean(metadata={"description": "false：尚未保存，按默认方式（有邮箱即发邮件，不发短信）"})


@blp.route("/messages")
class Messages(MethodView):
    @blp.response(200, MessageOut(many=True))
    @blp.paginate(Page, **LIST_PAGE)
    def get(self) -> list:
        """本人的消息，最新的在前"""
        return engine.my_notifications(db.session(), auth.require_actor())


@blp.route("/messages/<int:notification_id>/read")
class MessageRead(MethodView):
    @blp.response(200, MessageOut)
    def post(self, notification_id: int) -> object:
        """把本人的一条消息标为已读"""
        return engine.mark_read(db.session(), db.runtime(), auth.require_actor(), notification_id)


@blp.route("/notification-preferences")
class Preferences(MethodView):
    @blp.response(200, PreferencesOut)
    def get(self) -> object:
        """本人的提醒设置：站内消息始终接收，邮件、短信可选"""
        return engine.my_preferences(db.session(), auth.require_actor())

    @blp.arguments(FormData)
    @doc_only(NotificationPreferences, "NotificationPreferencesIn")
    @blp.response(200, PreferencesOut)
    def put(self, data: dict) -> object:
        """保存本人的提醒设置：email、phone（11位手机号码）、by_email、by_sms；选择的通道须有地址。有误时什么都不改变"""
        return engine.save_my_preferences(db.session(), db.runtime(), auth.require_actor(), data)
