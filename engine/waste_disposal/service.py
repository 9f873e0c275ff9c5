"""Use cases: one application for a construction-waste disposal licence (一表申请), each department's review
of its part (分类审批), and — when the last department agrees — the one e-licence, issued in the name of the
行政审批局 with a verification QR code an inspector scans on the road."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from ..agency.rules import APPLY, act_for_owner
from ..audit.trail import Entry, record
from ..clocks.segments import local_date
from ..errors import FormRejected, InvalidState, NotAllowed, NotFound
from ..issuance import Certificate, Issue, issue_document
from ..issuance import settings_for as issuance_settings
from ..issuance.models import VALID
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT, DEPARTMENT_LEAD, EXAMINER
from ..projects.models import Project
from ..projects.queries import lock_project, project_for_owner
from ..runtime import Runtime
from ..validation import validated
from .models import APPROVED, PENDING, REFUSED, WasteDisposalLicence, WasteDisposalReview
from .rules import CATEGORIES, DEFAULT_RULES, WasteDisposalRules, disposal_sites

APPLICATION, REVIEW = keys.WASTE_DISPOSAL_APPLICATION, keys.WASTE_DISPOSAL_REVIEW
CATEGORY_FIELDS = tuple(CATEGORIES)
#: Waste is carried away once construction may start: a construction permit, a phase permit or a pre-permit.
CONSTRUCTION_ALLOWED = ("construction_permit", "comprehensive_construction_permit", "phased_construction_permit",
                        "construction_pre_permit")
LICENCE_KIND = "construction_waste_disposal_licence"


def apply_waste_disposal(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                         data: dict[str, Any], rules: WasteDisposalRules = DEFAULT_RULES) -> WasteDisposalLicence:
    """File one application; each department that answers for one of its categories gets its review.

    :raise NotFound: not the actor's project. :raise NotAllowed: an agent without an authorisation to apply.
    :raise InvalidState: construction not yet allowed on the site. :raise FormRejected: bad form, a site not in
    the list or not taking these categories, days in the past or longer than the licence may last.
    """
    project, applicant = _applicant(session, runtime, actor, project_code)
    clean = validated(APPLICATION, data)
    categories = [name for name in CATEGORY_FIELDS if clean.pop(name)]
    _check_rules(clean, categories, local_date(runtime.now()), rules)
    _require_construction_allowed(session, project.code)
    lock_project(session, project.code)  # the project's audit chain
    licence = _new_licence(runtime, project, applicant, clean, categories)
    session.add(licence)
    session.flush()
    for review in rules.reviews_for(categories):
        session.add(WasteDisposalReview(licence_id=licence.id, department_code=review.department,
                                        aspect=review.aspect, status=PENDING, opinion=""))
    _audit(session, runtime, applicant, licence, "apply_waste_disposal", None, {
        "categories": categories, "reviews": [r.department for r in rules.reviews_for(categories)]})
    session.flush()
    session.refresh(licence)
    return licence


def decide_waste_review(session: Session, runtime: Runtime, actor: Actor, review_id: int,
                        data: dict[str, Any], rules: WasteDisposalRules = DEFAULT_RULES) -> WasteDisposalLicence:
    """A department agrees or refuses its part. One refusal refuses the application; the last agreement issues
    the licence.

    :raise NotFound: no such review. :raise NotAllowed: not staff of the reviewing department.
    :raise InvalidState: already decided. :raise FormRejected: bad decision form.
    """
    review = session.get(WasteDisposalReview, review_id)
    if review is None:
        raise NotFound("建筑垃圾处置核准审查事项不存在", review_id=review_id)
    if actor.role not in (EXAMINER, DEPARTMENT_LEAD) or actor.department_code != review.department_code:
        raise NotAllowed("只有负责该项审查的部门可以作出决定", review_id=review_id)
    clean = validated(REVIEW, data)
    licence = review.licence
    lock_project(session, licence.project_code)  # one decision at a time: the last agreement issues the licence
    session.refresh(review)
    session.refresh(licence)
    if review.status != PENDING or licence.status != PENDING:
        raise InvalidState(f"该申请已{licence.status_name}，本部门意见为{review.status_name}，不能再次决定",
                           review_id=review_id)
    review.status = APPROVED if clean["decision"] == "approve" else REFUSED
    review.opinion, review.decided_by, review.decided_at = clean["opinion"] or "", actor.user_id, runtime.now()
    _audit(session, runtime, actor, licence, "review_waste_disposal", review.status, {
        "department": review.department_code, "opinion": review.opinion})
    _conclude(session, runtime, licence, rules)
    session.flush()
    return licence


def _applicant(session: Session, runtime: Runtime, actor: Actor, code: str) -> tuple[Project, Actor]:
    if actor.role != AGENT:
        return project_for_owner(session, actor, code), actor
    project = session.get(Project, code)
    if project is None:
        raise NotFound("项目不存在", project_code=code)
    return project, act_for_owner(session, runtime, actor, project, act=APPLY)


def _check_rules(clean: dict[str, Any], categories: list[str], today: date, rules: WasteDisposalRules) -> None:
    errors: dict[str, list[str]] = {}
    site = disposal_sites().get(clean["disposal_site"])
    if site is None:
        errors["disposal_site"] = ["请从消纳场所名录中选择"]
    elif not site.accepts.issuperset(categories):
        refused = "、".join(CATEGORIES[c] for c in categories if c not in site.accepts)
        errors["disposal_site"] = [f"{site.name}不接收{refused}，请另选消纳场所或分次申请"]
    first, last = clean["first_day"], clean["last_day"]
    if first < today:
        errors["first_day"] = ["起始日期不得早于今天"]
    elif (first - today).days > rules.max_days_ahead:
        errors["first_day"] = [f"最早可提前{rules.max_days_ahead}天申请"]
    if last > rules.last_allowed_day(first):
        errors["last_day"] = [f"核准有效期最长{rules.validity_months}个月，截止日期最晚为"
                              f"{_cn(rules.last_allowed_day(first))}，期满可再次申请"]
    if errors:
        raise FormRejected(APPLICATION, errors)


def _require_construction_allowed(session: Session, project_code: str) -> None:
    permit = session.scalar(select(Certificate.number).where(
        Certificate.project_code == project_code, Certificate.kind.in_(CONSTRUCTION_ALLOWED),
        Certificate.status == VALID).limit(1))
    if permit is None:
        raise InvalidState("本项目尚未取得施工许可（含分阶段施工许可、施工预许可），不能申请建筑垃圾处置核准",
                           project_code=project_code)


def _new_licence(runtime: Runtime, project: Project, applicant: Actor, clean: dict[str, Any],
                 categories: list[str]) -> WasteDisposalLicence:
    site = disposal_sites()[clean["disposal_site"]]
    return WasteDisposalLicence(
        project_code=project.code, status=PENDING, categories=",".join(categories),
        vehicle_plates="\n".join(clean.pop("vehicle_plates")), disposal_district=site.district_code,
        submitted_by=applicant.user_id, acting_for=applicant.acting_for_id, submitted_at=runtime.now(),
        **{k: v for k, v in clean.items() if k != "sealed_transport"})


def _conclude(session: Session, runtime: Runtime, licence: WasteDisposalLicence, rules: WasteDisposalRules) -> None:
    statuses = {r.status for r in licence.reviews}
    if REFUSED in statuses:
        licence.status, licence.decided_at = REFUSED, runtime.now()
        _audit(session, runtime, None, licence, "refuse_waste_disposal", REFUSED, {})
    elif statuses == {APPROVED}:
        _issue(session, runtime, licence, rules)


def _issue(session: Session, runtime: Runtime, licence: WasteDisposalLicence, rules: WasteDisposalRules) -> None:
    project = session.get_one(Project, licence.project_code)
    settings = issuance_settings(runtime)
    cert = issue_document(session, runtime, None, Issue(
        kind=LICENCE_KIND, project_code=project.code, instance_id=None, stage=None,
        department_code=rules.issuing_department, holder=project.owner_name,
        issuing_authority=settings.authority(rules.issuing_department), valid_until=licence.last_day,
        fields=printed_fields(licence, project)))
    licence.status, licence.decided_at, licence.certificate_number = APPROVED, runtime.now(), cert.number
    _audit(session, runtime, None, licence, "issue_waste_disposal_licence", APPROVED, {"certificate": cert.number})


def printed_fields(licence: WasteDisposalLicence, project: Project) -> tuple[tuple[str, str], ...]:
    """What the licence prints and the QR page shows an inspector: validity, route, vehicles, disposal site."""
    site = disposal_sites()[licence.disposal_site]
    kinds = "、".join(CATEGORIES[c] for c in licence.category_codes)
    return (("工程名称", project.name), ("项目代码", project.code), ("产生地点", project.site_address or ""),
            ("运输单位", licence.transport_company), ("建筑垃圾类别及数量", f"{kinds}，约{licence.volume_m3}立方米"),
            ("运输路线", licence.route), ("运输车辆", "、".join(licence.plates)),
            ("消纳场所", f"{site.name}（{site.address}）"),
            ("有效期限", f"{_cn(licence.first_day)}至{_cn(licence.last_day)}"))


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _audit(session: Session, runtime: Runtime, actor: Actor | None, licence: WasteDisposalLicence, action: str,
           after: str | None, details: dict[str, Any]) -> None:
    record(session, runtime, actor, Entry(action, licence.project_code, None, None, "建筑垃圾处置核准",
                                          PENDING if after else None, after or PENDING, after,
                                          {"licence": licence.id, **details}))
