"""Use cases: an owner grants an agent an authorisation for a project, and revokes it.

Both are recorded in the project's audit chain. Bad input is refused with every field's message at
once (``FormRejected``), before anything is written.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from ..audit.trail import Entry, record
from ..errors import FormRejected, InvalidState, NotAllowed, NotFound
from ..organisation.accounts import user_by_username
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT, OWNER
from ..projects.models import Project
from ..projects.queries import lock_project, project_for_owner
from ..runtime import Runtime
from .models import GRANTED, REVOKED, AgencyAuthorisation
from .rules import ACTS, STAGE_NUMBERS

GRANT_FORM = "agency_authorisation"
REVOKE_FORM = "agency_revocation"
_GRANT_FIELDS = ("agent_username", "stages", "acts", "valid_from", "valid_to")
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
    return grant


def _locked(session: Session, project_code: str) -> Project:
    """Lock the project row: its audit chain gets one writer at a time."""
    return lock_project(session, project_code)


def _validated(session: Session, data: dict[str, Any], now: datetime) -> tuple[Any, dict[str, Any]]:
    errors: dict[str, list[str]] = {}
    for name in set(data) - set(_GRANT_FIELDS):
        errors[name] = ["未知字段"]
    agent = _agent(session, data.get("agent_username"), errors)
    clean: dict[str, Any] = {"stages": _choices(data.get("stages"), STAGE_NUMBERS, "stages", errors),
             "acts": _choices(data.get("acts"), tuple(ACTS), "acts", errors),
             "valid_from": _moment(data.get("valid_from"), "valid_from", errors),
             "valid_to": _moment(data.get("valid_to"), "valid_to", errors)}
    start, end = clean["valid_from"], clean["valid_to"]
    if start is not None and end is not None and end <= start:
        errors.setdefault("valid_to", []).append("截止时间须晚于起始时间")
    elif end is not None and end <= now:
        errors.setdefault("valid_to", []).append("截止时间须晚于当前时间")
    if errors:
        raise FormRejected(GRANT_FORM, errors)
    return agent, clean


def _agent(session: Session, username: Any, errors: dict[str, list[str]]) -> Any:
    if not isinstance(username, str) or not username.strip():
        errors["agent_username"] = ["该字段为必填项"]
        return None
    user = user_by_username(session, username.strip())
    if user is None or not user.active:
        errors["agent_username"] = ["用户不存在或已停用"]
    elif user.role != AGENT:
        errors["agent_username"] = ["该用户不是帮办代办员"]
    return user


def _choices(value: Any, allowed: tuple, name: str, errors: dict[str, list[str]]) -> list:
    """A non-empty list of distinct allowed values, returned in the order of ``allowed``."""
    if not isinstance(value, list) or not value:
        errors[name] = ["该字段为必填项，须为非空列表"]
        return []
    wrong = [v for v in value if isinstance(v, bool) or v not in allowed]
    if wrong:
        errors[name] = [f"取值无效：{', '.join(map(str, wrong))}（可选：{', '.join(map(str, allowed))}）"]
    elif len(set(value)) != len(value):
        errors[name] = ["不得重复"]
    return [v for v in allowed if v in value]


def _moment(value: Any, name: str, errors: dict[str, list[str]]) -> datetime | None:
    """An aware datetime, given as one or as an ISO 8601 string with an offset."""
    if value is None or value == "":
        errors[name] = ["该字段为必填项"]
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            errors[name] = ["日期时间格式不正确（如 2026-11-02T09:30:00+08:00）"]
            return None
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        errors[name] = ["须为带时区的日期时间（如 2026-11-02T09:30:00+08:00）"]
        return None
    return value


def _reason(data: dict[str, Any]) -> str:
    errors = {name: ["未知字段"] for name in set(data) - {"reason"}}
    reason = data.get("reason") or ""
    if not isinstance(reason, str):
        errors["reason"] = ["类型不正确"]
    elif len(reason) > _REASON_MAX:
        errors["reason"] = [f"不得超过{_REASON_MAX}字"]
    if errors:
        raise FormRejected(REVOKE_FORM, errors)
    return reason.strip()
