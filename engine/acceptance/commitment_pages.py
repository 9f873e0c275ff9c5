"""What the 告知承诺 pages show, one query per page: a listed item with its text for the owner to sign (and the
project's decisions on it), the department's commitments to verify, and one commitment at its verification."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENT_LEAD, EXAMINER
from ..projects.models import Project
from ..runtime import Runtime
from ..visibility import visible_project
from ..work_items.models import WorkItem
from .models import APPROVED, CommitmentCase
from .published import CommitmentEntry, commitment_entry, commitment_list, listed_commitment


@dataclass(frozen=True)
class CommitmentOfferPage:
    project: Project
    entry: CommitmentEntry
    cases: tuple[CommitmentCase, ...]


def commitment_offer(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                     item: str) -> CommitmentOfferPage:
    """A listed 告知承诺 item for the project: conditions, the commitment text, the decisions made on it.

    :raise NotFound: a project the actor may not see, or an item not on the list.
    """
    project = visible_project(session, actor, project_code, runtime=runtime)
    entry = commitment_entry(item)
    if entry is None:
        raise NotFound("该事项不在告知承诺事项清单内", item=item)
    cases = session.scalars(select(CommitmentCase).where(CommitmentCase.project_code == project.code,
                                                         CommitmentCase.item == entry.item)
                            .order_by(CommitmentCase.id.desc()))
    return CommitmentOfferPage(project, entry, tuple(cases))


@dataclass(frozen=True)
class VerificationRow:
    case: CommitmentCase
    project_name: str
    item_name: str
    due_now: bool  # the verification date has come: the check may be recorded


def _department(actor: Actor) -> str:
    if actor.role not in {EXAMINER, DEPARTMENT_LEAD} or actor.department_code is None:
        raise NotAllowed("只有审批部门可以核查承诺履行情况")
    return actor.department_code


def commitment_desk(session: Session, actor: Actor) -> list[VerificationRow]:
    """The department's 告知承诺 decisions: those due for verification first, then those still waiting for
    their date, then the verified ones (newest first).

    :raise NotAllowed: not an examiner or lead of a department.
    """
    department = _department(actor)
    items = {e.item for e in commitment_list() if e.department == department}
    rows = session.execute(select(CommitmentCase, Project.name)
                           .join(Project, Project.code == CommitmentCase.project_code)
                           .where(CommitmentCase.item.in_(items)).order_by(CommitmentCase.id.desc()))
    due = _due_instances(session)
    found = [VerificationRow(c, name, listed_commitment(c.item).name,
                             c.status == APPROVED and c.verification_instance_id in due) for c, name in rows]
    return sorted(found, key=lambda r: (not r.due_now, r.case.status != APPROVED, -r.case.id))


def _due_instances(session: Session, instance_id: int | None = None) -> set[int]:
    stmt = select(WorkItem.instance_id).where(WorkItem.bpmn_id == "verify")
    if instance_id is not None:
        stmt = stmt.where(WorkItem.instance_id == instance_id)
    return set(session.scalars(stmt))


@dataclass(frozen=True)
class VerificationPage:
    row: VerificationRow
    entry: CommitmentEntry
    project: Project
    now: datetime


def commitment_verification(session: Session, runtime: Runtime, actor: Actor, case_id: int) -> VerificationPage:
    """One 告知承诺 decision of the actor's department, with whether its verification is due.

    :raise NotAllowed: not department staff. :raise NotFound: no such case, or another department's.
    """
    department = _department(actor)
    case = session.get(CommitmentCase, case_id)
    entry = commitment_entry(case.item) if case is not None else None
    if case is None or entry is None or entry.department != department:
        raise NotFound("没有该告知承诺事项", case_id=case_id)
    project = session.get_one(Project, case.project_code)
    due = case.status == APPROVED and bool(_due_instances(session, case.verification_instance_id))
    return VerificationPage(VerificationRow(case, project.name, entry.name, due), entry, project, runtime.now())
