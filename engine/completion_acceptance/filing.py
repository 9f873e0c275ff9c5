"""竣工验收备案: due within 15 days of passing joint acceptance (竣工验收备案管理办法 art. 4; REFERENCE §1.4,
§5). The deadline opens when the 竣工联合验收意见书 is issued; the owner sees it on the project, the
supervisors (电子监察) see every open one, and the owner records the filing once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..audit.trail import Entry, record
from ..clocks.segments import local_date
from ..errors import InvalidState, NotAllowed, NotFound
from ..issuance import Certificate
from ..organisation.actors import Actor
from ..organisation.lanes import ADMINISTRATOR, SUPERVISOR
from ..projects.models import Project
from ..projects.queries import lock_project, project_for_owner
from ..runtime import Runtime
from ..visibility import visible_project
from .models import CompletionFiling

FILING_DAYS = 15  # calendar days (日), not working days
DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class FilingDeadline:
    """The filing as people read it today."""

    project_code: str
    project_name: str
    opinion_number: str
    opinion_issued_on: date
    due_on: date
    days_left: int
    state: str  # 待备案 / 即将到期 / 已逾期 / 已备案
    filed_on: date | None


def open_filing(session: Session, opinion: Certificate) -> CompletionFiling:
    """The joint opinion was issued (on ``CertificateIssued``, see ``hooks``): the filing falls due 15 days later."""
    filing = CompletionFiling(project_code=opinion.project_code, opinion_number=opinion.number,
                              opinion_issued_on=opinion.issue_date,
                              due_on=opinion.issue_date + timedelta(days=FILING_DAYS))
    session.add(filing)
    session.flush()
    return filing


def project_filing(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> FilingDeadline:
    """The project's filing deadline. :raise NotFound: not visible, or no joint opinion yet."""
    project = visible_project(session, actor, project_code, runtime=runtime)
    return _deadline(project, _filing(session, project.code), local_date(runtime.now()))


def open_filings(session: Session, runtime: Runtime, actor: Actor) -> list[FilingDeadline]:
    """Every filing not yet made, soonest first (电子监察). :raise NotAllowed: not a supervisor."""
    if actor.role not in (SUPERVISOR, ADMINISTRATOR):
        raise NotAllowed("只有电子监察人员可以查看全部备案期限", role=actor.role)
    rows = session.execute(select(CompletionFiling, Project)
                           .join(Project, Project.code == CompletionFiling.project_code)
                           .where(CompletionFiling.filed_at.is_(None)).order_by(CompletionFiling.due_on))
    today = local_date(runtime.now())
    return [_deadline(project, filing, today) for filing, project in rows]


def file_completion(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> FilingDeadline:
    """The owner records the 竣工验收备案 (late filings are recorded too, and read as late).

    :raise NotFound: not the owner's project, or no joint opinion yet. :raise InvalidState: already filed.
    """
    project = project_for_owner(session, actor, project_code)
    lock_project(session, project.code)
    filing = _filing(session, project.code)
    if filing.filed_at is not None:
        raise InvalidState("竣工验收备案已经办理", project_code=project.code)
    filing.filed_at, filing.filed_by = runtime.now(), actor.user_id
    session.flush()
    record(session, runtime, actor, Entry("file_completion", project.code, task_name="竣工验收备案",
                                          status_after="filed", details={"due_on": filing.due_on.isoformat()}))
    return _deadline(project, filing, local_date(runtime.now()))


def _filing(session: Session, code: str) -> CompletionFiling:
    filing = session.scalar(select(CompletionFiling).where(CompletionFiling.project_code == code))
    if filing is None:
        raise NotFound("尚未出具竣工联合验收意见书，无需办理竣工验收备案", project_code=code)
    return filing


def _deadline(project: Project, filing: CompletionFiling, today: date) -> FilingDeadline:
    filed_on = local_date(filing.filed_at) if filing.filed_at else None
    days_left = (filing.due_on - (filed_on or today)).days
    if filed_on is not None:
        state = "已备案" if days_left >= 0 else "逾期备案"
    else:
        state = "已逾期" if days_left < 0 else "即将到期" if days_left <= DUE_SOON_DAYS else "待备案"
    return FilingDeadline(project.code, project.name, filing.opinion_number, filing.opinion_issued_on,
                          filing.due_on, days_left, state, filed_on)
