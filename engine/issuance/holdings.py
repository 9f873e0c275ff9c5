"""我的证照: the certificates of every project an owner holds (or an agent acts on under a grant with 查看)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..agency.queries import delegated_projects
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT, OWNER
from ..projects.queries import owned_projects
from ..runtime import Runtime
from .models import Certificate


@dataclass(frozen=True)
class ProjectCertificates:
    project_code: str
    project_name: str
    certificates: list[Certificate]  # oldest first


def my_certificates(session: Session, actor: Actor, *, runtime: Runtime | None = None) -> list[ProjectCertificates]:
    """Projects that hold at least one certificate, each with all of them (valid, superseded, revoked…)."""
    if actor.role == AGENT:
        projects = [(p.project_code, p.project_name) for p in delegated_projects(session, actor, runtime=runtime)]
    elif actor.role == OWNER:
        projects = [(p.code, p.name) for p in owned_projects(session, actor)]
    else:
        projects = []
    names = dict(projects)
    rows: list[Certificate] = list(session.scalars(
        select(Certificate).where(Certificate.project_code.in_(list(names)))
        .order_by(Certificate.issued_at, Certificate.id))) if names else []
    held: dict[str, list[Certificate]] = {}
    for cert in rows:
        held.setdefault(cert.project_code, []).append(cert)
    return [ProjectCertificates(code, names[code], held[code]) for code, _ in projects if code in held]
