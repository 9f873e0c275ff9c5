"""Domain errors. Each has a stable ``code``, a Chinese message for people and a ``context`` dict.

They become HTTP responses in exactly one place (``webapp.errors``); ``status`` is the hint it uses.
"""

from __future__ import annotations

from typing import Any


class EngineError(Exception):
    """Base of every error a use case raises on purpose."""

    code = "engine_error"
    status = 400

    def __init__(self, message: str, **context: Any):
        self.message = message
        self.context = context
        super().__init__(message)


class NotFound(EngineError):
    code, status = "not_found", 404


class NotAllowed(EngineError):
    """The actor may not do this (wrong role, department, owner, or authorisation)."""

    code, status = "not_allowed", 403


class InvalidState(EngineError):
    """The action does not fit the current state (task not READY, awaiting supplement, …)."""

    code, status = "invalid_state", 409


class Conflict(EngineError):
    """The action collides with existing data (duplicate project code, claimed by someone else)."""

    code, status = "conflict", 409


class FormRejected(EngineError):
    """Submitted form data failed validation; ``field_errors`` maps field → messages."""

    code, status = "form_invalid", 422

    def __init__(self, form_key: str, field_errors: dict[str, list[str]]):
        super().__init__("提交的表单有误，请按提示修改", form_key=form_key)
        self.field_errors = field_errors


class ConfigurationError(EngineError):
    """The installation is broken (a model fails validation, a calendar year is missing)."""

    code, status = "configuration_error", 500
