"""Use cases of the application: apply once for every utility (open from stage 2), the window's acceptance
(every utility's clock starts, off-site permits granted on the commitment) and the one joint site survey."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from ..agency.rules import APPLY, act_for_owner
from ..catalogue.stages import stage_numbers
from ..clocks.segments import local_date
from ..errors import InvalidState, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT
from ..processes import workflow
from ..projects.models import Project
from ..projects.queries import lock_project, project_for_owner
from ..runtime import Runtime
from ..time_limits.calendar_store import refresh_calendar
from ..time_limits.due import OVERDUE, WARNING, iso, item_due_at
from ..work_items.models import Decision
from .common import audit, checked, locked_application, require_window, services_of, start_clock
from .models import (
    ACCEPTED,
    AWAITING_SURVEY,
    COMMITTED,
    RETURNED,
    SUBMITTED,
    SURVEYED,
    SURVEYING,
    OffsiteWorksPermit,
    UtilityApplication,
    UtilityService,
)
from .rules import DEFAULT_RULES, KINDS, UtilityRules

DEADLINE_PROCESS = "utility_deadline"
OPEN_STATES = (SUBMITTED, ACCEPTED, SURVEYED)


def apply_utility_connection(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                             data: dict[str, Any], rules: UtilityRules = DEFAULT_RULES) -> UtilityApplication:
    """The owner (or an agent allowed to apply) files the one application for every utility it needs.

    :raise NotFound: not the actor's project. :raise NotAllowed: an agent without a grant to apply.
    :raise InvalidState: stage 2 not yet accepted, or an application is still open.
    :raise FormRejected: bad form, or a service not offered here.
    """
    project, applicant = _applicant(session, runtime, actor, project_code)
    clean = checked(keys.UTILITY_APPLICATION, data, more=lambda c: rules.services_error(_choices(c)))
    _require_stage_two(session, project.code)
    lock_project(session, project.code)
    if session.scalar(select(UtilityApplication.id).where(UtilityApplication.project_code == project.code,
                                                          UtilityApplication.status.in_(OPEN_STATES))) is not None:
        raise InvalidState("本项目已有办理中的联动报装申请，请在其中查看进度", project_code=project.code)
    application = UtilityApplication(
        project_code=project.code, status=SUBMITTED, contact_person=clean["contact_person"],
        contact_phone=clean["contact_phone"], demand=clean["demand"],
        offsite_works=[p.code for p in rules.offsite_permits if clean[p.code]], submitted_by=applicant.user_id,
        acting_for=applicant.acting_for_id, submitted_at=runtime.now(), window_opinion="")
    session.add(application)
    session.flush()
    for kind, option in _choices(clean).items():
        rule = rules.chosen(kind, option)
        assert rule is not None and rule.limit_days  # services_error refused anything else
        session.add(UtilityService(application_id=application.id, project_code=project.code, service=rule.code,
                                   name=rule.name, company_code=rule.company, limit_days=rule.limit_days,
                                   status=AWAITING_SURVEY))
    session.flush()
    audit(session, runtime, applicant, project.code, "utility_apply", (None, SUBMITTED), {
        "application": application.id, "services": [s.service for s in services_of(session, application.id)]})
    return application


def accept_utility_connection(session: Session, runtime: Runtime, actor: Actor, application_id: int,
                              data: dict[str, Any], rules: UtilityRules = DEFAULT_RULES) -> UtilityApplication:
    """The comprehensive window accepts (every utility's clock starts now; off-site permits are granted on the
    commitment, to be verified) or returns the application with a reason.

    :raise NotAllowed: not the window. :raise InvalidState: not waiting for acceptance. :raise FormRejected.
    """
    require_window(actor)
    today = local_date(runtime.now())
    clean = checked(keys.UTILITY_ACCEPTANCE, data, more=lambda c: {"survey_date": ["联合踏勘日期不得早于今天"]}
                    if c["survey_date"] is not None and c["survey_date"] < today else {})
    application = locked_application(session, application_id)
    if application.status != SUBMITTED:
        raise InvalidState(f"该申请{application.status_name}，不能再受理", application_id=application_id)
    application.accepted_by, application.accepted_at = actor.user_id, runtime.now()
    application.window_opinion = clean["opinion"] or ""
    if clean["decision"] == "return":
        application.status = RETURNED
        audit(session, runtime, actor, application.project_code, "utility_return", (SUBMITTED, RETURNED),
              {"application": application.id, "opinion": application.window_opinion})
        return application
    application.status, application.survey_date = ACCEPTED, clean["survey_date"]
    audit(session, runtime, actor, application.project_code, "utility_accept", (SUBMITTED, ACCEPTED),
          {"application": application.id, "survey_date": clean["survey_date"].isoformat()})
    _start_services(session, runtime, actor, application)
    _grant_offsite_permits(session, runtime, actor, application, rules)
    return application


def record_joint_survey(session: Session, runtime: Runtime, actor: Actor, application_id: int,
                        data: dict[str, Any]) -> UtilityApplication:
    """The window records the one joint site survey (联合踏勘) with every company; each company may then do its
    受理勘查. :raise NotAllowed: not the window. :raise InvalidState: not accepted or already recorded."""
    require_window(actor)
    clean = checked(keys.UTILITY_JOINT_SURVEY, data)
    application = locked_application(session, application_id)
    if application.status != ACCEPTED:
        raise InvalidState(f"该申请{application.status_name}，不能记录联合踏勘（每个申请只踏勘一次）",
                           application_id=application_id)
    application.status, application.surveyed_by, application.surveyed_at = SURVEYED, actor.user_id, runtime.now()
    application.survey_participants, application.survey_findings = clean["participants"], clean["findings"]
    for service in services_of(session, application.id):
        service.status = SURVEYING
    session.flush()
    audit(session, runtime, actor, application.project_code, "utility_joint_survey", (ACCEPTED, SURVEYED),
          {"application": application.id, "participants": clean["participants"]}, task_name="联合踏勘")
    return application


def _applicant(session: Session, runtime: Runtime, actor: Actor, code: str) -> tuple[Project, Actor]:
    if actor.role != AGENT:
        return project_for_owner(session, actor, code), actor
    project = session.get(Project, code)
    if project is None:
        raise NotFound("项目不存在", project_code=code)
    return project, act_for_owner(session, runtime, actor, project, act=APPLY)


def _choices(clean: dict[str, Any]) -> dict[str, str]:
    return {kind: clean[kind] for kind in KINDS if clean[kind] not in (None, "none")}  # empty = not applying


def _require_stage_two(session: Session, project_code: str) -> None:
    """Open from stage 2 (REFERENCE §9, P39): the window has accepted 工程建设许可 (or a later stage)."""
    accepted = session.scalars(select(Decision.stage).where(
        Decision.project_code == project_code, Decision.form_key == keys.ACCEPTANCE_DECISION,
        Decision.outcome == "accept"))
    if not any(max(stage_numbers(stage), default=0) >= 2 for stage in accepted):
        raise InvalidState("水电气联动报装自工程建设许可阶段受理后方可申请，本项目尚未进入该阶段",
                           project_code=project_code)


def _start_services(session: Session, runtime: Runtime, actor: Actor, application: UtilityApplication) -> None:
    """Each utility's own clock and deadline timers (时限预警/逾期), from the window's acceptance."""
    now, calendar = runtime.now(), refresh_calendar(session, runtime)
    for service in services_of(session, application.id):
        due = {f"{which}_due": iso(item_due_at(service.service, which, service.limit_days, now, calendar))
               for which in (WARNING, OVERDUE)}
        instance, _ = workflow.start(session, runtime, application.project_code, f"utility:{service.id}",
                                     DEADLINE_PROCESS, due)
        service.deadline_instance_id = instance.id
        start_clock(session, instance, service, now)
        audit(session, runtime, actor, application.project_code, "utility_clock_started", (None, AWAITING_SURVEY),
              {"service": service.service, "limit_days": service.limit_days, "overdue_due": due["overdue_due"]},
              task_name=f"{service.name}报装")


def _grant_offsite_permits(session: Session, runtime: Runtime, actor: Actor, application: UtilityApplication,
                           rules: UtilityRules) -> None:
    verify_by = runtime.calendar.add_working_days(local_date(runtime.now()), rules.verification_days)
    for offsite in (p for p in rules.offsite_permits if p.code in application.offsite_works):
        permit = OffsiteWorksPermit(application_id=application.id, project_code=application.project_code,
                                    kind=offsite.code, name=offsite.name, department_code=offsite.department,
                                    status=COMMITTED, granted_at=runtime.now(), verify_by=verify_by, opinion="")
        session.add(permit)
        session.flush()
        audit(session, runtime, actor, application.project_code, "utility_offsite_granted", (None, COMMITTED),
              {"permit": permit.id, "kind": permit.kind, "department": permit.department_code,
               "verify_by": verify_by.isoformat(), "basis": "告知承诺"}, task_name=permit.name)
    session.flush()
