"""Form validation at the engine's edge: a form's field errors become one `FormRejected` (HTTP 422 in the
web app) with the same ``{field: [message]}`` shape for every form, BPMN task forms and engine forms alike."""

from __future__ import annotations

from typing import Any

import forms
from forms.base import FormSchema
from forms.registry import validate_with

from .errors import FormRejected


def validated(form_key: str, data: Any, schema: FormSchema | None = None) -> dict[str, Any]:
    """The cleaned form; ``schema`` for an engine form built with its valid values (``forms.engine_forms``).

    :raise FormRejected: with every field's messages.
    """
    try:
        if schema is None:
            return forms.validate(form_key, data)
        return validate_with(form_key, schema, data)
    except forms.FormInvalid as exc:
        raise FormRejected(form_key, exc.errors) from exc
