"""Errors raised by the form registry.

Callers (the engine, the web app) catch `FormError` and show `FormInvalid.errors` next to the fields; the
messages are already in Chinese, so nothing downstream has to translate them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class FormError(Exception):
    """Base of every error this package raises, so callers can catch the package's errors in one clause."""


class UnknownForm(FormError, LookupError):
    """A form key that no schema answers to: a typo in a BPMN model or a caller bug, never user input."""

    def __init__(self, form_key: str) -> None:
        super().__init__(form_key)
        self.form_key = form_key

    def __str__(self) -> str:
        return f"未知表单：{self.form_key!r}"


class FormInvalid(FormError, ValueError):
    """What a person entered does not pass the form's schema.

    ``errors`` maps a field name (``_schema`` for the form as a whole) to its list of Chinese messages,
    so a page can put each message next to its field and tell the applicant everything at once (一次性告知).
    """

    def __init__(self, form_key: str, errors: Mapping[str, Sequence[str]]) -> None:
        frozen = {name: list(messages) for name, messages in errors.items()}
        # Passing both values to Exception keeps the error picklable (it is rebuilt from ``args``).
        super().__init__(form_key, frozen)
        self.form_key = form_key
        self.errors: dict[str, list[str]] = frozen

    def __str__(self) -> str:
        fields = sorted(self.errors.items())
        details = "；".join(f"{name}：{'、'.join(messages)}" for name, messages in fields)
        return f"表单 {self.form_key} 填写有误：{details}"
