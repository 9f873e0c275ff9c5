"""How the outbox worker delivers, from ``APPROVAL_*`` environment variables (as every other setting).

| setting | what |
|---|---|
| ``APPROVAL_SMTP_HOST`` | the mail server; unset: e-mail is not delivered (rows wait, the admin page says so) |
| ``APPROVAL_SMTP_PORT`` | default 25 (587 with ``starttls``, 465 with ``ssl``) |
| ``APPROVAL_SMTP_TLS`` | ``none`` (default), ``starttls`` or ``ssl`` |
| ``APPROVAL_SMTP_USERNAME`` / ``APPROVAL_SMTP_PASSWORD`` | sign in to the server when set |
| ``APPROVAL_SMTP_FROM`` | the sender, default ``noreply@localhost`` |
| ``APPROVAL_SMS_PROVIDER`` | ``log`` (default: development, writes the text to the log, sends nothing) |
| ``APPROVAL_NOTIFY_MAX_ATTEMPTS`` | attempts before a row is ``failed`` (default 8) |
| ``APPROVAL_NOTIFY_LEASE_SECONDS`` | how long a claim lasts before another worker may take the row (default 300) |
| ``APPROVAL_PUBLIC_BASE_URL`` | links in e-mails are made absolute with it |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import ConfigurationError

TLS_MODES = ("none", "starttls", "ssl")
_DEFAULT_PORTS = {"none": 25, "starttls": 587, "ssl": 465}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    tls: str
    username: str | None
    password: str | None
    sender: str
    timeout: float = 30.0


@dataclass(frozen=True)
class DeliverySettings:
    smtp: SmtpSettings | None
    sms_provider: str
    max_attempts: int
    lease_seconds: float
    public_base_url: str


def delivery_settings(env: Mapping[str, str] | None = None) -> DeliverySettings:
    """:raise ConfigurationError: a setting that cannot be right (a port that is no number, an unknown TLS mode)."""
    env = os.environ if env is None else env
    return DeliverySettings(smtp=_smtp(env), sms_provider=env.get("APPROVAL_SMS_PROVIDER", "log"),
                            max_attempts=_number(env, "APPROVAL_NOTIFY_MAX_ATTEMPTS", 8),
                            lease_seconds=_number(env, "APPROVAL_NOTIFY_LEASE_SECONDS", 300),
                            public_base_url=env.get("APPROVAL_PUBLIC_BASE_URL", "").rstrip("/"))


def _smtp(env: Mapping[str, str]) -> SmtpSettings | None:
    host = env.get("APPROVAL_SMTP_HOST", "").strip()
    if not host:
        return None
    tls = env.get("APPROVAL_SMTP_TLS", "none").strip().lower() or "none"
    if tls not in TLS_MODES:
        raise ConfigurationError("APPROVAL_SMTP_TLS 应为 none、starttls 或 ssl", value=tls)
    return SmtpSettings(host=host, port=_number(env, "APPROVAL_SMTP_PORT", _DEFAULT_PORTS[tls]), tls=tls,
                        username=env.get("APPROVAL_SMTP_USERNAME") or None,
                        password=env.get("APPROVAL_SMTP_PASSWORD") or None,
                        sender=env.get("APPROVAL_SMTP_FROM", "noreply@localhost"))


def _number(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigurationError(f"{name} 应为正整数", value=raw)
    return int(raw)
