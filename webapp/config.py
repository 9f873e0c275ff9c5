"""Configuration defaults; overridden by ``create_app(config)`` and ``APPROVAL_*`` environment variables."""

from __future__ import annotations

import secrets
from typing import Any

import engine

DEFAULTS: dict[str, Any] = {
    "DATABASE_URL": None,  # None: $APPROVAL_DATABASE_URL, else the embedded SQLite file
    "SECRET_KEY": None,  # None: a random key per process (sessions end at restart); set it in production
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "API_TITLE": "工程建设项目审批 API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api",
    "OPENAPI_JSON_PATH": "openapi.json",
    "WORKFLOW_CACHE_SIZE": 64,
    "SEED_DEMO": False,
    "MAX_CONTENT_LENGTH": 21 * 1024 * 1024,  # a whole request: one material plus the form around it
    "MATERIAL_MAX_BYTES": 20 * 1024 * 1024,  # one material (申请材料); checked by the engine, 413 beyond
    "MATERIAL_TYPES": "application/pdf,image/jpeg,image/png,application/ofd",  # detected from the bytes
    "LOGIN_MAX_FAILURES": 5,  # failed sign-ins per username and address …
    "LOGIN_WINDOW_SECONDS": 15 * 60,  # … within this window, then 429 (counted in the database: all workers)
    "SESSION_IDLE_MINUTES": 30,  # a session unused this long has ended …
    "SESSION_MAX_HOURS": 12,  # … and so has one started this long ago, used or not
    "ENVIRONMENT": "production",  # "development" (approval serve) may derive the public address from requests
    "PUBLIC_BASE_URL": None,  # where the public verification page is reached (QR codes); required in production
}

NO_PUBLIC_BASE_URL = ("未设置 APPROVAL_PUBLIC_BASE_URL：证照二维码和核验网址需要本系统对公众的访问地址"
                      "（如 https://spj.example.gov.cn）。生产环境必须设置；试用请运行 approval serve。")


class MissingSetting(RuntimeError):
    """The installation lacks a setting production cannot run without (the process refuses to start)."""


def public_base_url(app: Any) -> str | None:
    """The configured public base URL; in production without one the start is refused."""
    url = app.config["PUBLIC_BASE_URL"]
    if not url and app.config["ENVIRONMENT"] == "production" and not app.config.get("TESTING"):
        raise MissingSetting(NO_PUBLIC_BASE_URL)
    return str(url) if url else None


def material_limits(app: Any) -> engine.MaterialLimits:
    """The upload limits from ``MATERIAL_MAX_BYTES`` and ``MATERIAL_TYPES`` (comma-separated types)."""
    types = app.config["MATERIAL_TYPES"]
    if isinstance(types, str):
        types = [t.strip() for t in types.split(",") if t.strip()]
    return engine.MaterialLimits(max_bytes=int(app.config["MATERIAL_MAX_BYTES"]), allowed_types=frozenset(types))


def load(app: Any, config: dict[str, Any] | None) -> None:
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("APPROVAL")
    app.config.update(config or {})
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = secrets.token_hex(32)
