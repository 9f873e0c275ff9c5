"""The outbox as administrators see it (消息投递): counts by channel and state, the rows that need attention,
whether e-mail and SMS are configured; and sending a failed row again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import ConfigurationError, InvalidState, NotFound
from ..organisation.actors import Actor
from ..organisation.administration import require_administrator
from ..organisation.models import UserAccount
from ..runtime import Runtime
from .models import CHANNEL_NAMES, FAILED, PENDING, SENT, Delivery, Notification
from .settings import delivery_settings

LISTED = 100


@dataclass(frozen=True)
class DeliveryLine:
    id: int
    channel: str
    channel_name: str
    recipient: str
    address: str
    title: str
    status: str
    attempts: int
    next_attempt_at: datetime | None
    last_error: str
    sent_at: datetime | None
    provider_ref: str


@dataclass(frozen=True)
class OutboxStatus:
    counts: dict[str, dict[str, int]]  # channel → status → rows
    lines: list[DeliveryLine]  # the latest rows, not yet sent first
    email: str  # how e-mail goes out (or why it does not)
    sms: str


def outbox_status(session: Session, actor: Actor | None) -> OutboxStatus:
    require_administrator(actor)
    counts: dict[str, dict[str, int]] = {channel: {} for channel in CHANNEL_NAMES}
    for channel, status, rows in session.execute(select(Delivery.channel, Delivery.status, func.count())
                                                 .group_by(Delivery.channel, Delivery.status)):
        counts.setdefault(channel, {})[status] = rows
    query = (select(Delivery, Notification.title, UserAccount.display_name)
             .join(Notification, Notification.id == Delivery.notification_id)
             .join(UserAccount, UserAccount.id == Notification.recipient_id)
             .order_by((Delivery.status == SENT).asc(), Delivery.id.desc()).limit(LISTED))
    lines = [DeliveryLine(d.id, d.channel, CHANNEL_NAMES.get(d.channel, d.channel), name, d.address, title, d.status,
                          d.attempts, d.next_attempt_at if d.status == PENDING else None, d.last_error, d.sent_at,
                          d.provider_ref) for d, title, name in session.execute(query)]
    email, sms = _configured()
    return OutboxStatus(counts, lines, email, sms)


def _configured() -> tuple[str, str]:
    try:
        settings = delivery_settings()
    except ConfigurationError as exc:
        return f"设置有误：{exc.message}", f"设置有误：{exc.message}"
    email = (f"SMTP {settings.smtp.host}:{settings.smtp.port}（{settings.smtp.tls}），发件人 {settings.smtp.sender}"
             if settings.smtp else "未配置 APPROVAL_SMTP_HOST：邮件在发件箱中等待，配置后由投递进程发出")
    sms = ("开发用日志通道（短信只写入日志，并不发出）" if settings.sms_provider == "log"
           else f"短信服务商 {settings.sms_provider}")
    return email, sms


def retry_delivery(session: Session, runtime: Runtime, actor: Actor | None, delivery_id: int) -> Delivery:
    """Send a ``failed`` row again from the next pass, with a fresh count of attempts.
    :raise NotFound: no such row. :raise InvalidState: the row has not failed."""
    require_administrator(actor)
    row = session.get(Delivery, delivery_id) if 0 < delivery_id < 2**31 else None
    if row is None:
        raise NotFound("投递记录不存在", delivery_id=delivery_id)
    if row.status != FAILED:
        raise InvalidState("只有投递失败的记录可以重新投递", delivery_id=delivery_id, status=row.status)
    row.status, row.attempts, row.next_attempt_at, row.claimed_by = PENDING, 0, runtime.now(), None
    session.flush()
    return row
