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
from .models import VALID, Certificate

#: Certificates that allow construction on the site (a phase permit or a pre-permit allows part of it).
CONSTRUCTION_ALLOWED = ("construction_permit", "comprehensive_construction_permit", "phased_construction_permit",
                        "construction_pre_permit")


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


def construction_allowed(session: Session, project_code: str) -> bool:
    """Whether the project holds a valid certificate that allows construction on its site."""
    number = session.scalar(select(Certificate.number).where(
        Certificate.project_code == project_code, Certificate.kind.in_(CONSTRUCTION_ALLOWED),
        Certificate.status == VALID).limit(1))
    return number is not None
