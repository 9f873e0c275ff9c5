"""Use cases: apply for night work (approved at once when the repeat rule holds), and the reviewing
department's decision. Every approval issues a 夜间施工许可 with a verification QR code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from ..agency.applicant import project_and_applicant
from ..audit.trail import Entry, record
from ..clocks.segments import local_date
from ..errors import FormRejected, InvalidState, NotAllowed, NotFound
from ..issuance import Issue, issue_document
from ..issuance import settings_for as issuance_settings
from ..issuance.holdings import construction_allowed
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENT_LEAD, EXAMINER
from ..projects.models import Project
from ..projects.queries import lock_project
from ..runtime import Runtime
from ..validation import validated
from .models import APPROVED, BY_REVIEW, BY_RULE, PENDING, REFUSED, NightWorkPermit
from .rules import DEFAULT_RULES, NightWorkRules

APPLICATION, DECISION = keys.NIGHT_WORK_APPLICATION, keys.NIGHT_WORK_DECISION


def apply_night_work(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                     data: dict[str, Any], rules: NightWorkRules = DEFAULT_RULES) -> NightWorkPermit:
    """File a night-work application for the project's site; a repeat application within the rules is
    approved at once, any other waits for the reviewing department.

    :raise NotFound: not the actor's project. :raise NotAllowed: an agent without an authorisation to apply.
    :raise InvalidState: the site has no construction permit yet. :raise FormRejected: bad form or hours/nights.
    """
    project, applicant = project_and_applicant(session, runtime, actor, project_code)
    clean = _checked(APPLICATION, data, lambda c: {**rules.hours_error(c["start_time"], c["end_time"]),
                                                   **rules.nights_error(c["first_night"], c["last_night"],
                                                                        local_date(runtime.now()))})
    _require_construction_allowed(session, project.code)
    lock_project(session, project.code)  # one decision at a time per site: the repeat rule reads earlier ones
    permit = NightWorkPermit(project_code=project.code, status=PENDING, reviewing_department=rules.reviewing_department,
                             submitted_by=applicant.user_id, acting_for=applicant.acting_for_id,
                             submitted_at=runtime.now(), opinion="", **clean)
    session.add(permit)
    session.flush()
    basis = _repeat_basis(session, runtime, permit, rules)
    _audit(session, runtime, applicant, permit, "apply_night_work", None, {"nights": permit.nights})
    if basis is not None:
        _approve(session, runtime, None, permit, project, BY_RULE, f"重复申请，依据{basis.certificate_number}即时核准")
        permit.repeat_of_id = basis.id
    return permit


def decide_night_work(session: Session, runtime: Runtime, actor: Actor, permit_id: int,
                      data: dict[str, Any]) -> NightWorkPermit:
    """The reviewing department approves (a permit is issued and published) or refuses with a reason.

    :raise NotFound: no such application. :raise NotAllowed: not staff of the reviewing department.
    :raise InvalidState: already decided. :raise FormRejected: bad decision form.
    """
    permit = session.get(NightWorkPermit, permit_id)
    if permit is None:
        raise NotFound("夜间施工申请不存在", permit_id=permit_id)
    if actor.role not in (EXAMINER, DEPARTMENT_LEAD) or actor.department_code != permit.reviewing_department:
        raise NotAllowed("只有负责审查夜间施工的部门可以作出决定", permit_id=permit_id)
    if permit.status != PENDING:
        raise InvalidState(f"该申请已{permit.status_name}，不能再次决定", permit_id=permit_id)
    clean = _checked(DECISION, data, lambda c: {})
    lock_project(session, permit.project_code)  # the project's audit chain; then read the decision state fresh
    session.refresh(permit)
    if permit.status != PENDING:
        raise InvalidState(f"该申请已{permit.status_name}，不能再次决定", permit_id=permit_id)
    project = session.get_one(Project, permit.project_code)
    if clean["decision"] == "approve":
        _approve(session, runtime, actor, permit, project, BY_REVIEW, clean["opinion"] or "")
    else:
        _decide(session, runtime, actor, permit, _Verdict(REFUSED, None, clean["opinion"]))
    return permit


def _checked(form_key: str, data: dict[str, Any], rule_errors: Any) -> dict[str, Any]:
    clean = validated(form_key, data)
    errors = rule_errors(clean)
    if errors:
        raise FormRejected(form_key, errors)
    clean.pop("resident_agreement", None)  # required to be confirmed; the confirmation is the application itself
    return clean


def _require_construction_allowed(session: Session, project_code: str) -> None:
    if not construction_allowed(session, project_code):
        raise InvalidState("本项目尚未取得施工许可（含分阶段施工许可、施工预许可），不能申请夜间施工",
                           project_code=project_code)


def _repeat_basis(session: Session, runtime: Runtime, permit: NightWorkPermit,
                  rules: NightWorkRules) -> NightWorkPermit | None:
    """The reviewed permit for the same site and contractor that makes this a repeat application, if any."""
    since = runtime.now() - timedelta(days=rules.repeat_within_days)
    earlier = session.scalars(select(NightWorkPermit).where(
        NightWorkPermit.project_code == permit.project_code,
        NightWorkPermit.contractor_credit_code == permit.contractor_credit_code,
        NightWorkPermit.status == APPROVED, NightWorkPermit.basis == BY_REVIEW,
        NightWorkPermit.decided_at >= since).order_by(NightWorkPermit.decided_at.desc()))
    return next((e for e in earlier if rules.within_hours(permit.start_time, permit.end_time,
                                                          e.start_time, e.end_time)), None)


@dataclass(frozen=True)
class _Verdict:
    status: str
    basis: str | None
    opinion: str
    number: str | None = None


def _approve(session: Session, runtime: Runtime, actor: Actor | None, permit: NightWorkPermit, project: Project,
             basis: str, opinion: str) -> None:
    settings = issuance_settings(runtime)
    cert = issue_document(session, runtime, actor, Issue(
        kind="night_work_permit", project_code=project.code, instance_id=None, stage=None,
        department_code=permit.reviewing_department, holder=project.owner_name,
        issuing_authority=settings.authority(permit.reviewing_department),
        valid_until=permit.last_night + timedelta(days=1), fields=_printed(permit, project, basis)))
    _decide(session, runtime, actor, permit, _Verdict(APPROVED, basis, opinion, cert.number))


def _decide(session: Session, runtime: Runtime, actor: Actor | None, permit: NightWorkPermit,
            verdict: _Verdict) -> None:
    permit.status, permit.basis, permit.opinion = verdict.status, verdict.basis, verdict.opinion
    permit.certificate_number = verdict.number
    permit.decided_by, permit.decided_at = (actor.user_id if actor else None), runtime.now()
    action = "auto_approve_night_work" if verdict.basis == BY_RULE else "decide_night_work"
    _audit(session, runtime, actor, permit, action, verdict.status, {
        "certificate": verdict.number, "basis": verdict.basis, "repeat_of": permit.repeat_of_id})
    session.flush()


def _printed(permit: NightWorkPermit, project: Project, basis: str) -> tuple[tuple[str, str], ...]:
    return (("工程名称", project.name), ("项目代码", project.code), ("建设地址", project.site_address or ""),
            ("施工单位", permit.general_contractor), ("夜间施工内容", permit.works),
            ("施工日期", f"{_cn(permit.first_night)}至{_cn(permit.last_night)}（共{permit.nights}晚）"),
            ("施工时段", f"每晚{permit.start_time}至次日{permit.end_time}"),
            ("噪声防治措施", permit.noise_measures),
            ("核准方式", "重复申请按规则即时核准" if basis == BY_RULE else "部门审查"))


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _audit(session: Session, runtime: Runtime, actor: Actor | None, permit: NightWorkPermit, action: str,
           after: str | None, details: dict[str, Any]) -> None:
    record(session, runtime, actor, Entry(action, permit.project_code, None, None, "夜间施工审批", PENDING if after
                                          else None, after or PENDING, after, {"permit": permit.id, **details}))
