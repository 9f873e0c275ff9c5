"""Read-only lists of authorisations: a project's (for its owner) and an agent's own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from ..catalogue.stages import STAGES
from ..errors import NotAllowed
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT
from ..organisation.models import UserAccount
from ..projects.models import Project
from ..projects.queries import project_for_owner
from ..runtime import Runtime
from .models import GRANTED, AgencyAuthorisation
from .rules import ACTS, in_force, now_of

IN_FORCE, NOT_YET, EXPIRED, REVOKED_STATE = "有效", "未生效", "已过期", "已撤销"
_STAGE_NAMES = {s.number: s.name for s in STAGES}


@dataclass(frozen=True)
class AuthorisationRow:
    """A grant as people read it, with names and its state at "now" (有效/未生效/已过期/已撤销)."""

    id: int
    project_code: str
    project_name: str
    owner_name: str
    agent_username: str
    agent_name: str
    stages: list[int]
    stage_names: list[str]
    acts: list[str]
    act_names: list[str]
    valid_from: datetime
    valid_to: datetime
    status: str
    state: str
    granted_at: datetime
    revoked_at: datetime | None
    revoke_reason: str | None


@dataclass(frozen=True)
class DelegatedProject:
    """A project an agent may currently act on, with the grants in force."""

    project_code: str
    project_name: str
    owner_name: str
    authorisations: list[AuthorisationRow] = field(default_factory=list)


def project_authorisations(session: Session, actor: Actor, project_code: str, *,
                           runtime: Runtime | None = None) -> list[AuthorisationRow]:
    """Every grant of the owner's project, newest first. :raise NotFound: not the actor's project."""
    project = project_for_owner(session, actor, project_code)
    return _rows(session, _query().where(AgencyAuthorisation.project_code == project.code), now_of(runtime))


def agent_authorisations(session: Session, actor: Actor, *, runtime: Runtime | None = None) -> list[AuthorisationRow]:
    """Every grant an agent has received (in force or not), newest first. :raise NotAllowed: not an agent."""
    _require_agent(actor)
    return _rows(session, _query().where(AgencyAuthorisation.agent_id == actor.user_id), now_of(runtime))


def delegated_projects(session: Session, actor: Actor, *, runtime: Runtime | None = None) -> list[DelegatedProject]:
    """The projects an agent may act on now, each with its grants in force. :raise NotAllowed: not an agent."""
    _require_agent(actor)
    now = now_of(runtime)
    rows = _rows(session, _query().where(AgencyAuthorisation.agent_id == actor.user_id, in_force(now)), now)
    projects: dict[str, DelegatedProject] = {}
    for row in sorted(rows, key=lambda r: (r.project_code, r.id)):
        shown = projects.setdefault(row.project_code,
                                    DelegatedProject(row.project_code, row.project_name, row.owner_name))
        shown.authorisations.append(row)
    return list(projects.values())


def _require_agent(actor: Actor) -> None:
    if actor.role != AGENT:
        raise NotAllowed("只有帮办代办员有代办项目", role=actor.role)


def _query() -> Select:
    agent = aliased(UserAccount)
    return (select(AgencyAuthorisation, Project.name, Project.owner_name, agent.username, agent.display_name)
            .join(Project, Project.code == AgencyAuthorisation.project_code)
            .join(agent, agent.id == AgencyAuthorisation.agent_id)
            .order_by(AgencyAuthorisation.granted_at.desc(), AgencyAuthorisation.id.desc()))


def _rows(session: Session, stmt: Select, now: datetime) -> list[AuthorisationRow]:
    return [_row(g, project_name, owner_name, username, agent_name, now)
            for g, project_name, owner_name, username, agent_name in session.execute(stmt)]


def _row(g: AgencyAuthorisation, project_name: str, owner_name: str, username: str, agent_name: str,
         now: datetime) -> AuthorisationRow:
    return AuthorisationRow(
        g.id, g.project_code, project_name, owner_name, username, agent_name, list(g.stages),
        [_STAGE_NAMES[n] for n in g.stages], list(g.acts), [ACTS[a] for a in g.acts], g.valid_from, g.valid_to,
        g.status, _state(g, now), g.granted_at, g.revoked_at, g.revoke_reason)


def _state(g: AgencyAuthorisation, now: datetime) -> str:
    if g.status != GRANTED:
        return REVOKED_STATE
    if now < g.valid_from:
        return NOT_YET
    return IN_FORCE if now < g.valid_to else EXPIRED
