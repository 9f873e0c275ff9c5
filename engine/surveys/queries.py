"""What the 多测合一 pages read: a survey firm's commissions, the firms an owner may commission, and where
a project's commission stands (never the result's figures: ``results.project_survey`` shows those)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import SURVEY_FIRM
from ..organisation.models import UserAccount
from ..projects.models import Project
from ..projects.queries import visible_project
from ..runtime import Runtime
from .models import COMPLETED, SurveyCommission, SurveyResult, SurveyResultUse
from .results import SurveyView, project_survey


@dataclass(frozen=True)
class Commission:
    """One commission as its firm or the project's owner sees it."""

    project_code: str
    project_name: str
    owner_name: str
    site_address: str
    firm_name: str
    commissioned_at: datetime
    completed: bool
    result_number: str | None
    cited_by: tuple[str, ...]  # department codes, in citation order


def firm_commissions(session: Session, actor: Actor) -> list[Commission]:
    """The signed-in survey firm's commissions, newest first. :raise NotAllowed: not a survey firm."""
    if actor.role != SURVEY_FIRM:
        raise NotAllowed("只有测绘单位可以查看受托的多测合一项目", role=actor.role)
    rows = session.scalars(select(SurveyCommission).where(SurveyCommission.firm_id == actor.user_id)
                           .order_by(SurveyCommission.commissioned_at.desc(), SurveyCommission.id.desc()))
    return [_commission(session, row) for row in rows]


@dataclass(frozen=True)
class SurveyPage:
    """Everything the project's 多测合一 page shows: the firms to pick from (before the commission), the
    commission, and the result with its figures once submitted."""

    project: Project
    commission: Commission | None
    result: SurveyView | None
    firms: list[tuple[str, str]]


def survey_page(session: Session, actor: Actor, project_code: str, *, runtime: Runtime | None = None) -> SurveyPage:
    """:raise NotFound: the actor may not see the project."""
    project = visible_project(session, actor, project_code, runtime=runtime)
    current = project_commission(session, actor, project.code, runtime=runtime)
    result = project_survey(session, actor, project.code, runtime=runtime) if current and current.completed else None
    return SurveyPage(project, current, result, survey_firms(session) if current is None else [])


def firm_commission(session: Session, actor: Actor, project_code: str) -> Commission:
    """One of the firm's commissions. :raise NotFound: not commissioned to this firm (or no such project)."""
    found = [c for c in firm_commissions(session, actor) if c.project_code == project_code]
    if not found:
        raise NotFound("项目不存在或未委托本单位测绘", project_code=project_code)
    return found[0]


def project_commission(session: Session, actor: Actor, project_code: str, *,
                       runtime: Runtime | None = None) -> Commission | None:
    """The project's commission (None before the owner commissions a firm), for whoever may see the project."""
    project = visible_project(session, actor, project_code, runtime=runtime)
    row = session.scalar(select(SurveyCommission).where(SurveyCommission.project_code == project.code))
    return _commission(session, row) if row is not None else None


def survey_firms(session: Session) -> list[tuple[str, str]]:
    """(account, name) of every active survey firm, for the owner to pick from (nobody types an account)."""
    rows = session.execute(select(UserAccount.username, UserAccount.display_name).where(
        UserAccount.role == SURVEY_FIRM, UserAccount.active.is_(True)).order_by(UserAccount.display_name))
    return [(username, name) for username, name in rows]


def _commission(session: Session, row: SurveyCommission) -> Commission:
    project = session.get_one(Project, row.project_code)
    firm = session.get_one(UserAccount, row.firm_id)
    result = session.scalar(select(SurveyResult).where(SurveyResult.commission_id == row.id))
    cited = tuple(session.scalars(select(SurveyResultUse.department_code).where(
        SurveyResultUse.result_id == result.id).order_by(SurveyResultUse.id))) if result else ()
    return Commission(project.code, project.name, project.owner_name, project.site_address or "", firm.display_name,
                      row.commissioned_at, row.status == COMPLETED, result.number if result else None, cited)
