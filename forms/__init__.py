"""Schemas of every form a person fills in, looked up by the form key written in the models.

Leaf library: imports marshmallow only, nothing else of ours.
"""

from forms.errors import FormError, FormInvalid, UnknownForm
from forms.registry import FORM_KEYS, schema_for, title_for, validate

__all__ = ["FORM_KEYS", "FormError", "FormInvalid", "UnknownForm", "schema_for", "title_for", "validate"]
