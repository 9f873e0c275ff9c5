"""Form key → schema: the contract with the ``formKey`` properties written in ``bpmn/processes``.

The engine validates a task's data with `validate` before it completes the task; a form key that is not
here is a modelling error and is raised as `UnknownForm`, never treated as "no validation".
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from marshmallow import ValidationError

from forms import keys
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
from forms.night_work import NightWorkApplication, NightWorkDecision
from forms.registration import ProjectRegistration
from forms.time_limits import (
    DocumentCheckCompletion,
    ExtensionDecision,
    ExtensionRequest,
    SpecialProcedureEnd,
    SpecialProcedureStart,
)
from forms.utility_connection import (
    OffsitePermitVerification,
    UtilityConnectionAcceptance,
    UtilityConnectionApplication,
    UtilityJointSurvey,
    UtilityServiceConnection,
    UtilityServiceSurvey,
)
from forms.waste_disposal import WasteDisposalApplication, WasteDisposalReview

_SCHEMAS: Mapping[str, type[FormSchema]] = MappingProxyType(
    {
        keys.PROJECT_REGISTRATION: ProjectRegistration,
        keys.STAGE_1_APPLICATION: Stage1Application,
        keys.STAGE_2_APPLICATION: Stage2Application,
        keys.STAGE_3_APPLICATION: Stage3Application,
        keys.STAGE_23_APPLICATION: Stage23Application,
        keys.STAGE_4_APPLICATION: Stage4Application,
        keys.ACCEPTANCE_DECISION: AcceptanceDecision,
        keys.REVIEW_DECISION: ReviewDecision,
        keys.ISSUANCE: Issuance,
        keys.RESUBMISSION_DECISION: ResubmissionDecision,
        keys.SUPPLEMENT_SUBMISSION: SupplementSubmission,
        keys.TOLERANCE_COMMITMENT: ToleranceCommitment,
        keys.TOLERANCE_ACCEPTANCE: ToleranceAcceptance,
        keys.TOLERANCE_SUPPLY: ToleranceSupply,
        keys.TOLERANCE_CHECK: ToleranceCheck,
        keys.COMMITMENT_APPLICATION: CommitmentApplication,
        keys.COMMITMENT_VERIFICATION: CommitmentVerification,
        keys.PRE_PERMIT_APPLICATION: PrePermitApplication,
        keys.PHASE_PERMIT_APPLICATION: PhasePermitApplication,
        keys.PHASE_PERMIT_ISSUANCE: PhaseIssuance,
        keys.COMPREHENSIVE_PERMIT_APPLICATION: ComprehensivePermitApplication,
        keys.JOINT_SITE_INSPECTION: JointSiteInspection,
        keys.COMPREHENSIVE_ISSUANCE: ComprehensiveIssuance,
        keys.NIGHT_WORK_APPLICATION: NightWorkApplication,
        keys.NIGHT_WORK_DECISION: NightWorkDecision,
        keys.WASTE_DISPOSAL_APPLICATION: WasteDisposalApplication,
        keys.WASTE_DISPOSAL_REVIEW: WasteDisposalReview,
        keys.UTILITY_APPLICATION: UtilityConnectionApplication,
        keys.UTILITY_ACCEPTANCE: UtilityConnectionAcceptance,
        keys.UTILITY_JOINT_SURVEY: UtilityJointSurvey,
        keys.UTILITY_SERVICE_SURVEY: UtilityServiceSurvey,
        keys.UTILITY_SERVICE_CONNECTION: UtilityServiceConnection,
        keys.UTILITY_OFFSITE_VERIFICATION: OffsitePermitVerification,
        keys.SPECIAL_PROCEDURE_START: SpecialProcedureStart,
        keys.SPECIAL_PROCEDURE_END: SpecialProcedureEnd,
        keys.EXTENSION_REQUEST: ExtensionRequest,
        keys.EXTENSION_DECISION: ExtensionDecision,
        keys.DOCUMENT_CHECK_COMPLETION: DocumentCheckCompletion,
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


def validate_with(form_key: str, schema: FormSchema, data: Any) -> dict[str, Any]:
    """Like `validate`, for an engine form built by its caller (valid values passed in, see
    ``forms.engine_forms``); ``form_key`` names it in the error.

    :raise FormInvalid: with every field's Chinese messages if anything is wrong.
    """
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
