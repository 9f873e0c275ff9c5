"""The bad-credit list (失信名单): keeps owners out of 容缺受理 while a record is in force, and out of 告知承诺
while a ban runs (REFERENCE §3.1 credit gate, §3.2 consequences of breach)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from forms import keys

from ..audit.trail import Entry, record
from ..clocks.segments import local_date
from ..errors import FormRejected, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENT_LEAD, EXAMINER
from ..organisation.models import UserAccount
from ..runtime import Runtime
from .common import add_months
from .models import BREACHED, CommitmentCase, CreditRecord
from .published import commitment_entry
from .settings import settings_for


def bad_credit(session: Session, owner_id: int, today: date) -> CreditRecord | None:
    """The owner's record in force today, if any."""
    return session.scalar(select(CreditRecord).where(
        CreditRecord.owner_id == owner_id,
        or_(CreditRecord.in_force_until.is_(None), CreditRecord.in_force_until >= today))
        .order_by(CreditRecord.id.desc()).limit(1))


def commitment_ban(session: Session, owner_id: int, today: date) -> CreditRecord | None:
    """The record whose ban on 告知承诺 still runs today, if any."""
    return session.scalar(select(CreditRecord).where(
        CreditRecord.owner_id == owner_id, CreditRecord.banned_until.is_not(None),
        CreditRecord.banned_until >= today).order_by(CreditRecord.banned_until.desc()).limit(1))


def write_credit_record(session: Session, runtime: Runtime, actor: Actor | None, owner: UserAccount,  # noqa: PLR0913
                        reason: str, project_code: str | None, *, ban: bool,
                        case_id: int | None = None) -> CreditRecord:
    """A breach or other bad-credit finding; with ``ban`` it also bars 告知承诺 for ``ban_months``.
    ``actor`` None: imported from the unified credit platform (no case of ours)."""
    settings, today = settings_for(runtime), local_date(runtime.now())
    row = CreditRecord(owner_id=owner.id, owner_name=owner.organisation or owner.display_name, reason=reason,
                       project_code=project_code, commitment_case_id=case_id, recorded_at=runtime.now(),
                       in_force_until=add_months(today, settings.credit_months),
                       banned_until=add_months(today, settings.ban_months) if ban else None)
    session.add(row)
    session.flush()
    if project_code:
        record(session, runtime, actor, Entry("credit_record", project_code, details={
            "owner": row.owner_name, "reason": reason,
            "banned_until": row.banned_until.isoformat() if row.banned_until else ""}))
    return row


def report_bad_credit(session: Session, runtime: Runtime, actor: Actor, case_id: int, reason: str) -> CreditRecord:
    """The department that found a 告知承诺 breach records a further bad-credit finding on that case (the
    check itself already recorded one). The owner is the case's: nobody names an account, so the answer
    never tells who is an owner.

    :raise NotFound: no breached case of the actor's department with this id (another department's case,
        one not breached, and a missing one all answer alike). :raise FormRejected: no reason given.
    """
    case = session.get(CommitmentCase, case_id)
    entry = commitment_entry(case.item) if case is not None else None
    department = entry.department if entry is not None else None
    if (case is None or case.status != BREACHED or actor.role not in {EXAMINER, DEPARTMENT_LEAD}
            or actor.department_code != department):
        raise NotFound("没有本部门核查认定未履行承诺的告知承诺事项", case_id=case_id)
    if not reason.strip():
        raise FormRejected(keys.CREDIT_RECORD, {"reason": ["请填写失信原因"]})
    owner = session.get(UserAccount, case.owner_id)
    if owner is None:
        raise NotFound("没有本部门核查认定未履行承诺的告知承诺事项", case_id=case_id)
    return write_credit_record(session, runtime, actor, owner, reason.strip(), case.project_code, ban=False,
                               case_id=case.id)
