"""Schemas of every form a person fills in, looked up by the form key written in the models.

Leaf library: imports marshmallow only, nothing else of ours.
"""

from forms import engine_forms, keys
from forms.base import FormSchema
from forms.errors import FormError, FormInvalid, UnknownForm
from forms.registry import FORM_KEYS, schema_for, title_for, validate, validate_with

__all__ = [
    "FORM_KEYS",
    "FormError",
    "FormInvalid",
    "FormSchema",
    "UnknownForm",
    "engine_forms",
    "keys",
    "schema_for",
    "title_for",
    "validate",
    "validate_with",
]
