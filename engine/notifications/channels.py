"""How a message leaves the building: e-mail through a real SMTP server (smtplib), SMS through a provider.

A channel's ``send`` either hands the message over and returns a ``Receipt`` or raises ``DeliveryError``
(the worker retries later). ``Receipt.delivered`` is False when a development provider only wrote the message
to the log: the outbox then says ``logged``, never ``sent``. SMS providers implement ``SmsProvider``; the
only one shipped is ``LoggingSmsProvider`` (a real gateway — 阿里云、腾讯云短信 — plugs in by name in
``sms_provider``).
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from typing import Protocol

from .settings import SmtpSettings

log = logging.getLogger("approval.notifications")


@dataclass(frozen=True)
class Outgoing:
    """One message for one address. ``reference`` is stable across attempts (the outbox row): an e-mail's
    Message-ID and an SMS provider's client reference, so a receiver can recognise a repeat."""

    reference: str
    address: str
    title: str
    body: str
    link: str


@dataclass(frozen=True)
class Receipt:
    provider_ref: str
    delivered: bool = True


class DeliveryError(Exception):
    """The channel could not hand the message over this time (server down, refused, timed out)."""


class Channel(Protocol):
    def send(self, message: Outgoing) -> Receipt: ...


class EmailChannel:
    """Plain-text UTF-8 e-mail through the configured SMTP server, one connection per message. Links are made
    absolute with ``base_url`` (``APPROVAL_PUBLIC_BASE_URL``); without one the mail says to sign in instead."""

    def __init__(self, settings: SmtpSettings, base_url: str = ""):
        self.settings, self.base_url = settings, base_url.rstrip("/")
        self.domain = settings.sender.rpartition("@")[2] or "localhost"

    def send(self, message: Outgoing) -> Receipt:
        mail = EmailMessage()
        mail["Subject"], mail["From"], mail["To"] = message.title, self.settings.sender, message.address
        mail["Date"] = formatdate(localtime=False)
        mail["Message-ID"] = f"<{message.reference}@{self.domain}>"  # the same on every attempt
        mail.set_content(f"{message.body}\n\n{self._where(message.link)}")
        try:
            with self._connect() as smtp:
                if self.settings.username and self.settings.password:
                    smtp.login(self.settings.username, self.settings.password)
                smtp.send_message(mail)
        except (OSError, smtplib.SMTPException) as exc:  # refused, dropped, timed out, rejected recipient
            raise DeliveryError(f"{exc.__class__.__name__}: {exc}") from exc
        return Receipt(mail["Message-ID"])

    def _where(self, link: str) -> str:
        if link and self.base_url:
            return f"查看详情：{self.base_url}{link}"
        return "详情请登录工程建设项目审批管理系统，在“消息”中查看。"

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.tls == "ssl":
            return smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=ssl.create_default_context())
        smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        if s.tls == "starttls":
            smtp.starttls(context=ssl.create_default_context())
        return smtp


class SmsProvider(Protocol):
    """A text-message gateway: send ``text`` to ``phone`` with the client reference ``reference``."""

    def send_sms(self, phone: str, text: str, reference: str) -> Receipt: ...


class LoggingSmsProvider:
    """For development and trials: writes the text to the log, clearly marked as not sent. Its receipt says
    ``delivered=False``, so the outbox records the row as ``logged`` and nobody mistakes it for a sent SMS."""

    name = "log"

    def send_sms(self, phone: str, text: str, reference: str) -> Receipt:
        log.warning("【开发用短信通道，未真正发送】to=%s ref=%s text=%s", phone, reference, text)
        return Receipt(f"log:{reference}", delivered=False)


SMS_PROVIDERS: dict[str, type] = {LoggingSmsProvider.name: LoggingSmsProvider}


class SmsChannel:
    """An SMS is short: the title, and where to look."""

    def __init__(self, provider: SmsProvider, signature: str = "【工程建设项目审批】"):
        self.provider, self.signature = provider, signature

    def send(self, message: Outgoing) -> Receipt:
        text = f"{self.signature}{message.title}。详情请登录系统查看消息。"
        return self.provider.send_sms(message.address, text, message.reference)
