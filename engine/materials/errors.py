"""Why an upload is refused. Each says so in Chinese and carries what the person needs to fix it."""

from __future__ import annotations

from ..errors import EngineError


class MaterialRejected(EngineError):
    """The upload cannot be stored as it is (base of the specific refusals below)."""

    code, status = "material_rejected", 422


class MaterialTooLarge(MaterialRejected):
    code, status = "material_too_large", 413


class MaterialTypeRefused(MaterialRejected):
    """The bytes are not one of the allowed types (whatever the file name or Content-Type claims)."""

    code, status = "material_type_refused", 415


class MaterialNameRefused(MaterialRejected):
    """The display name carries a path, control characters, or is empty or too long."""

    code, status = "material_name_refused", 422
