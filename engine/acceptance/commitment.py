"""告知承诺制: decide at once on the owner's written commitment, verify afterwards.

The owner confirms the published commitment text (an agent alone may not); the decision certificate
(告知承诺制审批决定书) is issued at once and a ``post_verification`` instance waits for the verification date,
when the examiner's check appears. Breach → the certificate is revoked (the verification page says 已撤销), a
credit record is written and, by default, the owner is barred from 告知承诺 for six months.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from ..audit.trail import Entry, record
from ..clocks.due import iso
from ..clocks.segments import local_date
from ..errors import Conflict, InvalidState, NotAllowed, NotFound
from ..issuance import Issue, issue_document, revoke
from ..issuance import settings_for as issuance_settings
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENT_LEAD, EXAMINER
from ..organisation.models import UserAccount
from ..processes import workflow
from ..runtime import Runtime
from ..validation import validated
from ..work_items.models import WorkItem
from .common import at_start, chinese_date, owner_in_person
from .credit import commitment_ban, write_credit_record
from .errors import CommitmentBanned, NotOnList
from .models import APPROVED, BREACHED, VERIFIED, CommitmentCase
from .published import commitment_entry, listed_commitment

VERIFICATION_PROCESS = "post_verification"


def check_not_banned(session: Session, runtime: Runtime, owner_id: int) -> None:
    """:raise CommitmentBanned: a breached commitment's ban still runs."""
    ban = commitment_ban(session, owner_id, local_date(runtime.now()))
    if ban is not None and ban.banned_until is not None:  # a ban always has its end date
        raise CommitmentBanned(f"因未履行承诺被记入失信记录，{chinese_date(ban.banned_until)}前不得适用告知承诺制",
                               banned_until=ban.banned_until.isoformat())


def apply_with_commitment(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                          data: dict) -> CommitmentCase:
    """The owner confirms the commitment for a listed item; the approval is decided at once.

    :raise NotAllowed: an agent. :raise NotFound: not the owner's project. :raise NotOnList: item not listed.
    :raise CommitmentBanned: the owner is barred from 告知承诺.
    """
    project = owner_in_person(session, actor, project_code)
    clean = validated(keys.COMMITMENT_APPLICATION, data)
    entry = commitment_entry(clean["item"])
    if entry is None:
        raise NotOnList(keys.COMMITMENT_APPLICATION, "item", "该事项不在告知承诺事项清单内")
    check_not_banned(session, runtime, project.owner_id)
    _not_decided_yet(session, project.code, entry.item)
    now = runtime.now()
    due = at_start(runtime.calendar.add_working_days(local_date(now), entry.verification_days))
    cert = issue_document(session, runtime, actor, Issue(
        kind="commitment_approval", project_code=project.code, instance_id=None, stage=None,
        department_code=entry.department, holder=project.owner_name,
        issuing_authority=issuance_settings(runtime).authority(entry.department), fields=(
            ("申请人", project.owner_name), ("项目名称", project.name), ("项目代码", project.code),
            ("审批事项", entry.name), ("承诺内容", entry.commitment_text),
            ("事后核查", f"{chinese_date(due.date())}起核查承诺履行情况"))))
    case = CommitmentCase(project_code=project.code, owner_id=project.owner_id, item=entry.item,
                          commitment_text=entry.commitment_text, status=APPROVED, confirmed_at=now,
                          certificate_number=cert.number, verification_due=due)
    session.add(case)
    session.flush()
    instance, _ = workflow.start(session, runtime, project.code, f"post_verification:{case.id}",
                                 VERIFICATION_PROCESS, {"verification_due": iso(due)})
    case.verification_instance_id = instance.id
    session.flush()
    _audit(session, runtime, actor, case, ("commitment_approve", None), {"certificate": cert.number})
    return case


def _not_decided_yet(session: Session, project_code: str, item: str) -> None:
    """:raise Conflict: the project already has a standing decision on the item (a second confirmation, from a
    second tab or a resent form, must not issue a second 决定书); one revoked after a breach does not count."""
    standing = session.scalar(select(CommitmentCase.certificate_number).where(
        CommitmentCase.project_code == project_code, CommitmentCase.item == item,
        CommitmentCase.status.in_((APPROVED, VERIFIED))).limit(1))
    if standing is not None:
        raise Conflict(f"本项目已按告知承诺作出该事项的审批决定（决定书 {standing}），无需再次申请", item=item)


def verify_commitment(session: Session, runtime: Runtime, actor: Actor, case_id: int, data: dict) -> CommitmentCase:
    """The examiner records the after-the-fact check (事后核查) once the verification date has come.

    :raise NotAllowed: not staff of the item's department. :raise InvalidState: the check is not due (yet).
    """
    case = session.get(CommitmentCase, case_id)
    if case is None:
        raise NotFound("没有该告知承诺事项", case_id=case_id)
    entry = listed_commitment(case.item)
    if actor.role not in {EXAMINER, DEPARTMENT_LEAD} or actor.department_code != entry.department:
        raise NotAllowed("只有审批部门可以核查承诺履行情况", department=entry.department)
    instance = workflow.lock(session, case.verification_instance_id)
    clean = validated(keys.COMMITMENT_VERIFICATION, data)
    task = session.scalar(select(WorkItem).where(WorkItem.instance_id == instance.id, WorkItem.bpmn_id == "verify"))
    if task is None or case.status != APPROVED:
        raise InvalidState("当前没有待核查的承诺（核查日期未到或已核查）", case_id=case_id)
    run = workflow.load(session, runtime, instance)
    now = runtime.now()
    run.complete(task.task_id, {}, now=now)
    workflow.save(session, runtime, instance, run, now)
    case.verified_by, case.verified_at = actor.user_id, now
    case.site_visit, case.findings = bool(clean.get("site_visit")), clean.get("findings") or ""
    case.status = VERIFIED if clean["decision"] == "pass" else BREACHED
    _audit(session, runtime, actor, case, ("commitment_verify", APPROVED),
           {"site_visit": case.site_visit, "findings": case.findings}, clean["decision"])
    if case.status == BREACHED:
        reason = f"告知承诺事后核查发现未履行承诺：{case.findings}"
        revoke(session, runtime, actor, case.certificate_number, reason[:500])
        owner = session.get_one(UserAccount, case.owner_id)
        banned = clean.get("ban") is not False  # the ban is the default consequence (广州 P12)
        write_credit_record(session, runtime, actor, owner, reason, case.project_code, ban=banned, case_id=case.id)
    session.flush()
    return case


def _audit(session: Session, runtime: Runtime, actor: Actor, case: CommitmentCase,
           transition: tuple[str, str | None], details: dict, decision: str | None = None) -> None:
    action, before = transition
    entry = listed_commitment(case.item)
    record(session, runtime, actor, Entry(
        action, case.project_code, case.verification_instance_id, task_name=f"告知承诺：{entry.name}",
        status_before=before, status_after=case.status, decision=decision,
        details={"case_id": case.id, "item": case.item, **details}))
