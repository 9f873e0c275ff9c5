"""What each event means to whom (办件提醒): the words and the people, written through ``notify``.

Every message names its event (``event_key``), so a person is told of one event once.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys
from forms.decisions import REVIEW_DECISIONS

from ..adjustments.models import APPROVED
from ..agency.models import GRANTED
from ..catalogue.stages import stage_name
from ..clocks import CHINA_TZ
from ..extensions import (
    AuthorisationChanged,
    ExtensionDecided,
    StageAccepted,
    SupplementRequested,
    SupplementSupplied,
    TaskCompleted,
    TimersFired,
)
from ..issuance.events import CertificateIssued
from ..organisation.lanes import EXAMINER
from ..organisation.models import Department
from ..projects.models import Project
from ..time_limits.due import deadline_timer
from ..work_items.models import WorkItem
from . import recipients
from .service import Message, notify, notify_all

SUBMITTED, ACCEPTED, DECIDED, ISSUED = "application_submitted", "accepted", "decided", "issued"
SUPPLEMENT, SUPPLIED, WARNING, OVERDUE = "supplement_requested", "supplement_supplied", "clock_warning", "clock_overdue"
EXTENSION, AUTHORISATION, TO_REVIEW = "extension_decided", "authorisation", "review_opened"
KIND_NAMES = {SUBMITTED: "新申请", ACCEPTED: "已受理", DECIDED: "审批决定", ISSUED: "证照核发", SUPPLEMENT: "补正通知",
              SUPPLIED: "补正已提交", WARNING: "时限预警", OVERDUE: "时限逾期", EXTENSION: "延期",
              AUTHORISATION: "代办授权", TO_REVIEW: "新的审查事项", "deadline_moved": "期限调整"}


def _project_link(code: str) -> str:
    return f"/projects/{code}"


def _department_name(session: Session, code: str | None) -> str:
    department = session.get(Department, code) if code else None
    return department.name if department else "综合窗口"


def task_completed(event: TaskCompleted) -> None:
    """A stage application reached the window; a department or the window decided."""
    session, item = event.session, event.item
    project = session.get_one(Project, item.project_code)
    what = f"项目“{project.name}”（{project.code}）{stage_name(item.stage)}"
    if item.form_key in keys.STAGE_APPLICATION_FORMS and event.outcome == "submitted":
        notify(session, event.runtime, recipients.window_clerks(session), SUBMITTED, f"新的申请待受理：{project.name}",
               f"{what}的申请已提交，请综合窗口受理。", "/window/", f"{SUBMITTED}:{item.task_id}")
    elif item.form_key in (keys.ACCEPTANCE_DECISION, keys.REVIEW_DECISION) and event.outcome in ("approve", "reject"):
        word = "不予受理" if item.form_key == keys.ACCEPTANCE_DECISION else REVIEW_DECISIONS[event.outcome]
        opinion = event.clean.get("opinion") or ""
        notify(session, event.runtime, recipients.applicant_side(session, project, event.runtime.now()), DECIDED,
               f"审批决定：{item.name}（{word}）",
               f"{what}：{_department_name(session, item.department_code)}对“{item.name}”作出决定：{word}。"
               + (f"意见：{opinion}" if opinion else ""), _project_link(project.code), f"{DECIDED}:{item.task_id}")


def stage_accepted(event: StageAccepted) -> None:
    project = event.session.get_one(Project, event.item.project_code)
    stage = stage_name(event.item.stage)
    notify(event.session, event.runtime, recipients.applicant_side(event.session, project, event.at), ACCEPTED,
           f"申请已受理：{stage}",
           f"项目“{project.name}”（{project.code}）{stage}的申请已于 {event.at.astimezone(CHINA_TZ):%Y-%m-%d %H:%M} "
           "由综合窗口受理，办理时限自受理起计算。", _project_link(project.code), f"{ACCEPTED}:{event.item.task_id}")


def reviews_opened(event: StageAccepted) -> None:
    """Each department whose review the acceptance opened finds it in its inbox: tell its examiners and lead
    (one message per item, all written together)."""
    session = event.session
    project = session.get_one(Project, event.item.project_code)
    items = list(session.scalars(select(WorkItem).where(
        WorkItem.instance_id == event.instance.id, WorkItem.stage == event.item.stage,
        WorkItem.role == EXAMINER).order_by(WorkItem.bpmn_id)))
    people = recipients.departments(session, [item.department_code for item in items])
    notify_all(session, event.runtime, [Message(
        people.get(item.department_code or "", []), TO_REVIEW, f"新的审查事项：{item.name}",
        f"项目“{project.name}”（{project.code}）{stage_name(item.stage)}已受理，“{item.name}”已进入本部门待办。",
        f"/examiner/tasks/{item.task_id}", f"{TO_REVIEW}:{item.task_id}") for item in items])


def certificate_issued(event: CertificateIssued) -> None:
    cert = event.certificate
    project = event.session.get_one(Project, cert.project_code)
    notify(event.session, event.runtime, recipients.applicant_side(event.session, project, event.runtime.now()),
           ISSUED, f"证照已核发：{cert.number}",
           f"项目“{project.name}”（{project.code}）{stage_name(cert.stage or '')}的证照已核发，编号 {cert.number}，"
           f"发证机关 {cert.issuing_authority}。", _project_link(project.code), f"{ISSUED}:{cert.id}")


def supplement_requested(event: SupplementRequested) -> None:
    request, session = event.request, event.session
    project = session.get_one(Project, request.project_code)
    due = request.due_at.astimezone(CHINA_TZ) if request.due_at else None
    until = f"（请于 {due:%Y-%m-%d} 前补正）" if due else ""
    notify(session, event.runtime, recipients.applicant_side(session, project, event.runtime.now()), SUPPLEMENT,
           f"补正通知：{request.task_name}{until}",
           f"项目“{project.name}”（{project.code}）“{request.task_name}”需要补正以下材料："
           f"{'、'.join(request.materials)}。{request.opinion or ''}"
           + (f"请于 {due:%Y-%m-%d %H:%M} 前提交补正材料。" if due else ""),
           f"/projects/{project.code}/supplements/{request.task_id}", f"{SUPPLEMENT}:{request.id}")


def supplement_supplied(event: SupplementSupplied) -> None:
    """Back to whoever asked: the item's department, or the window for a 补正 at acceptance (no department)."""
    request, session = event.request, event.session
    project = session.get_one(Project, request.project_code)
    desk = "examiner" if request.department_code else "window"
    people = (recipients.department(session, request.department_code) if request.department_code
              else recipients.window_clerks(session))
    notify(session, event.runtime, people, SUPPLIED, f"补正材料已提交：{request.task_name}",
           f"项目“{project.name}”（{project.code}）已就“{request.task_name}”提交补正材料，事项回到待办。",
           f"/{desk}/tasks/{request.task_id}", f"{SUPPLIED}:{request.id}")


def timers_fired(event: TimersFired) -> None:
    """时限预警 to the item's department; 逾期 also to the supervisors (电子监察). Set-based, as a sweeper fires
    many at once: one query for the items, one for their departments' people, one ``notify_all``."""
    fired = [(found.review_bpmn_id, WARNING if found.kind == "warning" else OVERDUE)
             for found in map(deadline_timer, event.bpmn_ids) if found and found.kind in ("warning", "overdue")]
    if not fired:
        return
    session = event.session
    items: dict[str, list[WorkItem]] = {}
    reviews = {review for review, _ in fired}
    for item in session.scalars(select(WorkItem).where(WorkItem.instance_id == event.instance.id,
                                                       WorkItem.bpmn_id.in_(reviews)).order_by(WorkItem.task_id)):
        items.setdefault(item.bpmn_id, []).append(item)
    people = recipients.departments(session, [i.department_code for group in items.values() for i in group])
    watchers = recipients.supervisors(session) if any(kind == OVERDUE for _, kind in fired) else []
    notify_all(session, event.runtime, [
        _clock_message(event, item, kind, [*people.get(item.department_code or "", []),
                                           *(watchers if kind == OVERDUE else [])])
        for review, kind in fired for item in items.get(review, [])])


def _clock_message(event: TimersFired, item: WorkItem, kind: str, people: list[int]) -> Message:
    project = event.session.get_one(Project, item.project_code)
    word = "即将到期（时限预警）" if kind == WARNING else "已超过办理时限（逾期）"
    return Message(people, kind, f"{KIND_NAMES[kind]}：{item.name}",
                   f"项目“{project.name}”（{project.code}）“{item.name}”{word}，请尽快办理。",
                   f"/examiner/tasks/{item.task_id}", f"{kind}:{item.task_id}:{event.at.isoformat()}")


def extension_decided(event: ExtensionDecided) -> None:
    ext, session = event.extension, event.session
    project = session.get_one(Project, ext.project_code)
    what = f"项目“{project.name}”（{project.code}）“{ext.task_name}”"
    if ext.status == APPROVED:
        people = [ext.requested_by, *recipients.applicant_side(session, project, event.runtime.now())]
        title = f"延期已批准：{ext.task_name}"
        body = (f"{what}的办理时限延长 {ext.days} 个工作日，"
                f"截止日期由 {ext.deadline_before} 调整为 {ext.deadline_after}。")
    else:
        people, title = [ext.requested_by], f"延期申请未获批准：{ext.task_name}"
        body = f"{what}的延期申请（{ext.days} 个工作日）未获批准。{ext.note or ''}"
    notify(session, event.runtime, people, EXTENSION, title, body, _project_link(project.code),
           f"{EXTENSION}:{ext.id}")


def authorisation_changed(event: AuthorisationChanged) -> None:
    grant, session = event.authorisation, event.session
    project = session.get_one(Project, grant.project_code)
    granted = grant.status == GRANTED
    title = f"{'获得代办授权' if granted else '代办授权已撤销'}：{project.name}"
    body = (f"建设单位“{project.owner_name}”授权您代办项目“{project.name}”（{project.code}），"
            f"有效期至 {grant.valid_to.astimezone(CHINA_TZ):%Y-%m-%d}。" if granted else
            f"建设单位“{project.owner_name}”撤销了您对项目“{project.name}”（{project.code}）的代办授权。"
            + (f"理由：{grant.revoke_reason}" if grant.revoke_reason else ""))
    notify(session, event.runtime, [grant.agent_id], AUTHORISATION, title, body, "/agent/",
           f"{AUTHORISATION}:{grant.id}:{grant.status}")
