"""The bad-credit list (失信名单): keeps owners out of 容缺受理 while a record is in force, and out of 告知承诺
while a ban runs (REFERENCE §3.1 credit gate, §3.2 consequences of breach)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from forms import keys

from ..audit.trail import Entry, record
from ..clocks.segments import local_date
from ..errors import FormRejected, NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import ADMINISTRATOR, EXAMINER, OWNER, SUPERVISOR
from ..organisation.models import UserAccount
from ..runtime import Runtime
from .common import add_months
from .models import CreditRecord
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


def write_credit_record(session: Session, runtime: Runtime, actor: Actor | None, owner: UserAccount, reason: str,
                        project_code: str | None, *, ban: bool) -> CreditRecord:
    """A breach or other bad-credit finding; with ``ban`` it also bars 告知承诺 for ``ban_months``."""
    settings, today = settings_for(runtime), local_date(runtime.now())
    row = CreditRecord(owner_id=owner.id, owner_name=owner.organisation or owner.display_name, reason=reason,
                       project_code=project_code, recorded_at=runtime.now(),
                       in_force_until=add_months(today, settings.credit_months),
                       banned_until=add_months(today, settings.ban_months) if ban else None)
    session.add(row)
    session.flush()
    if project_code:
        record(session, runtime, actor, Entry("credit_record", project_code, details={
            "owner": row.owner_name, "reason": reason,
            "banned_until": row.banned_until.isoformat() if row.banned_until else ""}))
    return row


def report_bad_credit(session: Session, runtime: Runtime, actor: Actor, owner_username: str,
                      reason: str) -> CreditRecord:
    """Staff put an owner on the bad-credit list (e.g. from the unified credit platform).

    :raise NotAllowed: not staff. :raise FormRejected: no reason given. :raise NotFound: no such owner (an
    account of another role is no 建设单位 and cannot be put on the list).
    """
    if actor.role not in {ADMINISTRATOR, SUPERVISOR, EXAMINER}:
        raise NotAllowed("只有监管或审批人员可以记录失信信息")
    if not reason.strip():
        raise FormRejected(keys.CREDIT_RECORD, {"reason": ["请填写失信原因"]})
    owner = session.scalar(select(UserAccount).where(UserAccount.username == owner_username,
                                                     UserAccount.role == OWNER))
    if owner is None:
        raise NotFound("没有该建设单位", username=owner_username)
    return write_credit_record(session, runtime, actor, owner, reason.strip(), None, ban=False)
