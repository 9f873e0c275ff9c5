"""Form key → schema: the contract with the ``formKey`` properties written in ``bpmn/processes``.

The engine validates a task's data with `validate` before it completes the task; a form key that is not
here is a modelling error and is raised as `UnknownForm`, never treated as "no validation".
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from marshmallow import ValidationError

from forms.acceptance import (
    CommitmentApplication,
    CommitmentVerification,
    PrePermitApplication,
    ToleranceAcceptance,
    ToleranceCheck,
    ToleranceCommitment,
    ToleranceSupply,
)
from forms.applications import (
    Stage1Application,
    Stage2Application,
    Stage3Application,
    Stage4Application,
    Stage23Application,
)
from forms.base import FormSchema
from forms.construction import (
    ComprehensiveIssuance,
    ComprehensivePermitApplication,
    JointSiteInspection,
    PhaseIssuance,
    PhasePermitApplication,
)
from forms.decisions import (
    AcceptanceDecision,
    Issuance,
    ResubmissionDecision,
    ReviewDecision,
    SupplementSubmission,
)
from forms.errors import FormInvalid, UnknownForm
from forms.registration import ProjectRegistration
from forms.time_limits import ExtensionDecision, ExtensionRequest, SpecialProcedureEnd, SpecialProcedureStart

_SCHEMAS: Mapping[str, type[FormSchema]] = MappingProxyType(
    {
        "project_registration": ProjectRegistration,
        "stage_1_application": Stage1Application,
        "stage_2_application": Stage2Application,
        "stage_3_application": Stage3Application,
        "stage_23_application": Stage23Application,
        "stage_4_application": Stage4Application,
        "acceptance_decision": AcceptanceDecision,
        "review_decision": ReviewDecision,
        "issuance": Issuance,
        "resubmission_decision": ResubmissionDecision,
        "supplement_submission": SupplementSubmission,
        "tolerance_commitment": ToleranceCommitment,
        "tolerance_acceptance": ToleranceAcceptance,
        "tolerance_supply": ToleranceSupply,
        "tolerance_check": ToleranceCheck,
        "commitment_application": CommitmentApplication,
        "commitment_verification": CommitmentVerification,
        "pre_permit_application": PrePermitApplication,
        "phase_permit_application": PhasePermitApplication,
        "phase_permit_issuance": PhaseIssuance,
        "comprehensive_permit_application": ComprehensivePermitApplication,
        "joint_site_inspection": JointSiteInspection,
        "comprehensive_issuance": ComprehensiveIssuance,
        "special_procedure_start": SpecialProcedureStart,
        "special_procedure_end": SpecialProcedureEnd,
        "extension_request": ExtensionRequest,
        "extension_decision": ExtensionDecision,
    }
)

#: Every form key a BPMN user task may name.
FORM_KEYS: frozenset[str] = frozenset(_SCHEMAS)


def _schema_class(form_key: str) -> type[FormSchema]:
    if not isinstance(form_key, str) or form_key not in _SCHEMAS:
        raise UnknownForm(form_key)
    return _SCHEMAS[form_key]


def schema_for(form_key: str) -> FormSchema:
    """A fresh schema instance for ``form_key`` (fresh, so no caller can leak state into another).

    :raise UnknownForm: if no form has that key.
    """
    return _schema_class(form_key)()


def title_for(form_key: str) -> str:
    """The form's Chinese title, e.g. ``立项用地规划许可阶段申请表``.

    :raise UnknownForm: if no form has that key.
    """
    return _schema_class(form_key).title


def validate(form_key: str, data: dict[str, Any]) -> dict[str, Any]:
    """Check what a person entered and return the cleaned values (a new dict; ``data`` is not touched).

    Text comes back stripped, money and areas as `decimal.Decimal`, dates as `datetime.date`, optional
    fields left out as ``None`` (an empty list for material lists).

    :raise UnknownForm: if no form has that key.
    :raise FormInvalid: with every field's Chinese messages if anything is wrong.
    """
    schema = schema_for(form_key)
    try:
        cleaned: dict[str, Any] = schema.load(data)
    except ValidationError as error:
        raise FormInvalid(form_key, _flat_messages(error.messages)) from error
    return cleaned


def _flat_messages(messages: Any) -> dict[str, list[str]]:
    """marshmallow's error tree as ``{field: [message, ...]}``, the one error shape callers handle."""
    if not isinstance(messages, dict):
        return {"_schema": _as_list(messages)}
    return {str(name): _as_list(value) for name, value in messages.items()}


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [f"{key}：{text}" for key, texts in value.items() for text in _as_list(texts)]
    return [str(text) for text in value]
