"""``approval notifications deliver``: the outbox worker (one pass, or a loop), any number at once."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from ..errors import ConfigurationError
from ..runtime import Runtime
from .channels import SMS_PROVIDERS, Channel, EmailChannel, SmsChannel
from .models import EMAIL, SMS
from .outbox import Round, claim, record, send, worker_name
from .settings import DeliverySettings

log = logging.getLogger("approval.notifications")


def build_channels(settings: DeliverySettings) -> dict[str, Channel]:
    """The channels this worker can deliver: e-mail only with an SMTP server configured (otherwise e-mail
    rows wait, untouched, for a worker that has one). :raise ConfigurationError: unknown SMS provider."""
    provider = SMS_PROVIDERS.get(settings.sms_provider)
    if provider is None:
        raise ConfigurationError("未知的短信服务商", provider=settings.sms_provider, known=", ".join(SMS_PROVIDERS))
    channels: dict[str, Channel] = {SMS: SmsChannel(provider())}
    if settings.smtp is not None:
        channels[EMAIL] = EmailChannel(settings.smtp, settings.public_base_url)
    return channels


def deliver_once(engine: Engine, runtime: Runtime, settings: DeliverySettings, channels: Mapping[str, Channel],
                 *, batch: int = 50, worker: str | None = None) -> Round:
    """Deliver what is due now, ``batch`` rows per claim, until nothing is due; returns what it did."""
    worker = worker or worker_name()
    tally = Round()
    while True:
        claimed = claim(engine, runtime, worker, sorted(channels), batch, settings, tally)
        if claimed is None:
            return tally
        for one in claimed:
            outcome = send(channels[one.channel], one)
            record(engine, runtime, worker, one, outcome, settings.max_attempts, tally)


def deliver_forever(engine: Engine, runtime: Runtime, settings: DeliverySettings, channels: Mapping[str, Channel],
                    interval: float, report: Callable[[Round], None], *, batch: int = 50) -> None:
    worker = worker_name()
    while True:
        try:
            report(deliver_once(engine, runtime, settings, channels, batch=batch, worker=worker))
        except SQLAlchemyError:  # the database is away for a moment: claimed rows wait for their lease
            log.exception("投递进程无法访问数据库，%s 秒后重试", interval)
        time.sleep(interval)
