"""One message to one person, its outbox rows (one per channel that delivers it) and a person's choices."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import UtcDateTime

EMAIL, SMS = "email", "sms"
CHANNELS = (EMAIL, SMS)
CHANNEL_NAMES = {EMAIL: "电子邮件", SMS: "短信"}
# Outbox states. ``logged``: a development provider wrote it to the log instead of sending it (never "sent").
PENDING, SENDING, SENT, LOGGED, FAILED = "pending", "sending", "sent", "logged", "failed"
STATUS_NAMES = {PENDING: "待投递", SENDING: "投递中", SENT: "已发送", LOGGED: "仅记录到日志（开发用通道，未发出）",
                FAILED: "投递失败（已停止重试）"}


class Notification(Base):
    """A message for ``recipient_id``; ``read_at`` is set when the person marks it read. ``event_key`` names
    the event it tells of: a person is told of one event once, however often a hook runs."""

    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_recipient_unread", "recipient_id", "read_at"),
                      Index("ix_notification_recipient_newest", "recipient_id", "id"),  # a person's list, paged
                      UniqueConstraint("event_key", "recipient_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[str] = mapped_column(String(40))
    event_key: Mapped[str] = mapped_column(String(160))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class Delivery(Base):
    """The outbox: a message to send by ``channel`` to ``address`` (copied when written, so what was sent
    where stays on record), written in the action's transaction and delivered by the worker.

    ``pending`` rows are due at ``next_attempt_at``; a worker claims one (``sending``, ``lease_until``,
    ``claimed_by``) and marks it ``sent``/``logged``, or back to ``pending`` with a later attempt, or
    ``failed`` after the last attempt. A ``sending`` row whose lease ran out belongs to a worker that died:
    it is claimed again."""

    __tablename__ = "notification_delivery"
    __table_args__ = (UniqueConstraint("notification_id", "channel"),
                      Index("ix_notification_delivery_due", "status", "next_attempt_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    notification_id: Mapped[int] = mapped_column(ForeignKey("notification.id"))
    channel: Mapped[str] = mapped_column(String(10))
    address: Mapped[str] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(10), default=PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime())
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    last_error: Mapped[str] = mapped_column(Text, default="")
    provider_ref: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class NotificationPreference(Base):
    """Which channels a person wants besides the message centre (always on). No row: the defaults
    (``engine.notifications.preferences.DEFAULTS``)."""

    __tablename__ = "notification_preference"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    by_email: Mapped[bool] = mapped_column()
    by_sms: Mapped[bool] = mapped_column()
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
