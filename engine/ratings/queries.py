"""Reading ratings: a project's stages with their rating and follow-up, and the follow-up lists of a
department (its examiners and lead) and of supervisors (电子监察, every department)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from ..catalogue import stages_of
from ..catalogue.stages import stage_name
from ..errors import NotAllowed
from ..organisation.actors import Actor
from ..organisation.lanes import ADMINISTRATOR, DEPARTMENT_LEAD, DEPARTMENTS, EXAMINER, SUPERVISOR
from ..projects.models import Project
from ..runtime import Runtime
from ..visibility import visible_project
from ..work_items.models import Decision
from .levels import LEVELS
from .models import OPEN, RatingFollowUp, ServiceRating


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    project_code: str
    project_name: str
    stage: str
    stage_name: str
    department_code: str
    department_name: str
    level: str
    level_name: str
    comment: str
    status: str
    opened_at: datetime
    due_on: date
    reply: str | None
    closed_at: datetime | None


@dataclass(frozen=True)
class StageRating:
    """One stage as the owner's rating page shows it: may it be rated, and what was said."""

    number: int
    stage: str
    name: str
    issued: bool
    level: str | None = None
    level_name: str | None = None
    comment: str = ""
    rated_at: datetime | None = None
    follow_up: FollowUpRow | None = None

    @property
    def may_rate(self) -> bool:
        return self.issued and self.level is None


def project_ratings(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> list[StageRating]:
    """Every stage of the project with its rating and follow-up, for whoever may see the project.

    :raise NotFound: no such project, or one the actor may not see.
    """
    return _stage_lines(session, visible_project(session, actor, project_code, runtime=runtime))


@dataclass(frozen=True)
class RatingsPage:
    project: Project
    stages: list[StageRating]


def ratings_page(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> RatingsPage:
    """The project (its name and owner head the page) and its stages' ratings, for whoever may see it.

    :raise NotFound: no such project, or one the actor may not see.
    """
    project = visible_project(session, actor, project_code, runtime=runtime)
    return RatingsPage(project, _stage_lines(session, project))


def _stage_lines(session: Session, project: Project) -> list[StageRating]:
    issued = set(session.scalars(select(Decision.stage).where(Decision.project_code == project.code,
                                                              Decision.form_key == keys.ISSUANCE)))
    ratings = {r.stage: r for r in session.scalars(select(ServiceRating).where(
        ServiceRating.project_code == project.code))}
    follow_ups = {f.stage: f for f in _follow_ups(session, project_code=project.code)}
    lines: list[StageRating] = []
    for s in stages_of(project.category):
        rating = ratings.get(s.process_id)
        if rating is None:
            lines.append(StageRating(s.number, s.process_id, s.name, s.process_id in issued))
            continue
        lines.append(StageRating(s.number, s.process_id, s.name, True, rating.level, LEVELS[rating.level],
                                 rating.comment, rating.rated_at, follow_ups.get(s.process_id)))
    return lines


def follow_ups(session: Session, actor: Actor, *, open_only: bool = False) -> list[FollowUpRow]:
    """The follow-ups the actor works on or supervises, oldest first: a department's examiners and lead
    see their department's, supervisors and administrators every department's.

    :raise NotAllowed: anyone else.
    """
    if actor.role in (SUPERVISOR, ADMINISTRATOR):
        return _follow_ups(session, open_only=open_only)
    if actor.role in (EXAMINER, DEPARTMENT_LEAD) and actor.department_code:
        return _follow_ups(session, department_code=actor.department_code, open_only=open_only)
    raise NotAllowed("只有审批部门和电子监察人员可以查看整改回访", role=actor.role)


def _follow_ups(session: Session, *, project_code: str | None = None, department_code: str | None = None,
                open_only: bool = False) -> list[FollowUpRow]:
    f = RatingFollowUp
    stmt = (select(f, ServiceRating, Project.name).join(ServiceRating, ServiceRating.id == f.rating_id)
            .join(Project, Project.code == f.project_code).order_by(f.opened_at, f.id))
    if project_code is not None:
        stmt = stmt.where(f.project_code == project_code)
    if department_code is not None:
        stmt = stmt.where(f.department_code == department_code)
    if open_only:
        stmt = stmt.where(f.status == OPEN)
    return [FollowUpRow(x.id, x.project_code, name, x.stage, stage_name(x.stage), x.department_code,
                        DEPARTMENTS.get(x.department_code, x.department_code), r.level, LEVELS[r.level], r.comment,
                        x.status, x.opened_at, x.due_on, x.reply, x.closed_at)
            for x, r, name in session.execute(stmt)]
