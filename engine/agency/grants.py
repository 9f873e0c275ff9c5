"""Use cases: an owner grants an agent an authorisation for a project, and revokes it.

Both are recorded in the project's audit chain. Bad input is refused with every field's message at
once (``FormRejected``), before anything is written.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from forms import engine_forms, keys

from ..audit.trail import Entry, record
from ..errors import FormRejected, InvalidState, NotAllowed, NotFound
from ..extensions import AuthorisationChanged, registry
from ..organisation.accounts import user_by_username
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT, OWNER
from ..organisation.models import UserAccount
from ..projects.models import Project
from ..projects.queries import lock_project, project_for_owner
from ..runtime import Runtime
from ..validation import validated
from .models import GRANTED, REVOKED, AgencyAuthorisation
from .rules import ACTS, STAGE_NUMBERS

GRANT_FORM = keys.AGENCY_AUTHORISATION
REVOKE_FORM = keys.AGENCY_REVOCATION
_REASON_MAX = 500


def grant_authorisation(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                        data: dict[str, Any]) -> AgencyAuthorisation:
    """The owner lets an agent act on the project: ``agent_username``, ``stages`` (numbers 1–4),
    ``acts`` (``apply``, ``supplement``, ``resubmit``, ``view``), ``valid_from`` and ``valid_to``
    (aware datetimes or ISO 8601 strings with an offset; ``valid_to`` after ``valid_from`` and after now).

    :raise NotAllowed: the actor is not an owner. :raise NotFound: not the owner's project.
    :raise FormRejected: any field is missing or invalid (nothing is stored).
    """
    if actor.role != OWNER:
        raise NotAllowed("只有建设单位可以授权代办", role=actor.role)
    project = _locked(session, project_for_owner(session, actor, project_code).code)
    now = runtime.now()
    agent, clean = _validated(session, data, now)
    grant = AgencyAuthorisation(project_code=project.code, owner_id=project.owner_id, agent_id=agent.id,
                                stages=clean["stages"], acts=clean["acts"], valid_from=clean["valid_from"],
                                valid_to=clean["valid_to"], status=GRANTED, granted_at=now)
    session.add(grant)
    session.flush()
    record(session, runtime, actor, Entry("grant_authorisation", project.code, details={
        "authorisation_id": grant.id, "agent_id": agent.id, "agent_name": agent.display_name,
        "stages": grant.stages, "acts": grant.acts, "valid_from": grant.valid_from.isoformat(),
        "valid_to": grant.valid_to.isoformat()}))
    registry.publish(AuthorisationChanged(session, runtime, actor, grant))
    return grant


def revoke_authorisation(session: Session, runtime: Runtime, actor: Actor, authorisation_id: int,
                         data: dict[str, Any] | None = None) -> AgencyAuthorisation:
    """The owner revokes a grant (optional ``reason``); from now on it covers nothing.

    :raise NotFound: no such grant of this owner. :raise InvalidState: already revoked.
    :raise FormRejected: unknown fields or a reason that is too long.
    """
    grant = session.get(AgencyAuthorisation, authorisation_id)
    if grant is None or actor.role != OWNER or grant.owner_id != actor.user_id:
        raise NotFound("授权不存在", authorisation_id=authorisation_id)
    _locked(session, grant.project_code)
    session.refresh(grant)
    reason = _reason(data or {})
    if grant.status == REVOKED:
        raise InvalidState("该授权已撤销", authorisation_id=authorisation_id)
    grant.status, grant.revoked_at, grant.revoke_reason = REVOKED, runtime.now(), reason
    session.flush()
    record(session, runtime, actor, Entry("revoke_authorisation", grant.project_code, details={
        "authorisation_id": grant.id, "agent_id": grant.agent_id, "reason": reason}))
    registry.publish(AuthorisationChanged(session, runtime, actor, grant))
    return grant


def _locked(session: Session, project_code: str) -> Project:
    """Lock the project row: its audit chain gets one writer at a time."""
    return lock_project(session, project_code)


def _validated(session: Session, data: dict[str, Any], now: datetime) -> tuple[UserAccount, dict[str, Any]]:
    """Every wrong field at once: the form's own checks, and whether the named user is an active agent."""
    schema = engine_forms.AgencyAuthorisation(stages=STAGE_NUMBERS, acts=tuple(ACTS), now=now)
    try:
        clean, errors = validated(GRANT_FORM, data, schema), {}
    except FormRejected as exc:
        clean, errors = {}, dict(exc.field_errors)
    username = data.get("agent_username") if isinstance(data, dict) else None
    user = user_by_username(session, username.strip()) if isinstance(username, str) and username.strip() else None
    if "agent_username" not in errors and (problem := _not_an_agent(user)):
        errors["agent_username"] = [problem]
    if errors or user is None:
        raise FormRejected(GRANT_FORM, errors)
    return user, clean


def _not_an_agent(user: UserAccount | None) -> str | None:
    if user is None or not user.active:
        return "用户不存在或已停用"
    return "该用户不是帮办代办员" if user.role != AGENT else None


def _reason(data: dict[str, Any]) -> str:
    reason: str = validated(REVOKE_FORM, data, engine_forms.AgencyRevocation(reason_max=_REASON_MAX))["reason"]
    return reason or ""
