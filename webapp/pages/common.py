"""What every page shares: who may open it, where a person's work starts, and the Chinese words and
Beijing times the templates print."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, abort, g, has_request_context, request, url_for
from sqlalchemy.exc import SQLAlchemyError

import engine
from engine import waste_disposal
from forms import keys
from forms.decisions import ACCEPTANCE_DECISIONS, RESUBMISSION_DECISIONS, REVIEW_DECISIONS
from forms.time_limits import SPECIAL_PROCEDURE_KINDS

from .. import auth, db, materials

_SVG_WIDTH = re.compile(r'\swidth="([0-9.]+)"')
CHINA = timezone(timedelta(hours=8), "北京时间")
STAFF = (engine.WINDOW_CLERK, engine.EXAMINER, engine.DEPARTMENT_LEAD, engine.SUPERVISOR, engine.ADMINISTRATOR)
APPLICANTS = (engine.OWNER, engine.AGENT)
EVERYONE = APPLICANTS + STAFF

ACTIONS = {"register_project": "登记项目", "start_approval": "启动审批", "complete_task": "办理",
           "claim": "签收", "release": "退回待办池", "request_supplement": "一次性告知补正",
           "submit_supplement": "提交补正材料", "attach_material": "上传申请材料", "remove_material": "撤回申请材料",
           "rate_service": "服务评价（好差评）", "close_follow_up": "办结整改回访", "grant_authorisation": "授权代办",
           "revoke_authorisation": "撤销代办授权", "issue_certificate": "核发证照",
           "supersede_certificate": "证照被替代",
           "apply_phase_permit": "申请分阶段施工许可", "confirm_phase_commitment": "确认质量安全承诺",
           "issue_phase_permit": "核发分阶段施工许可", "order_comprehensive_permit": "申请建筑工程综合许可证",
           "commission_survey": "委托多测合一", "upload_survey_result": "提交多测合一成果",
           "cite_survey_result": "引用多测合一成果", "file_completion": "办理竣工验收备案",
           "apply_night_work": "申请夜间施工", "decide_night_work": "夜间施工审查决定",
           "auto_approve_night_work": "夜间施工重复申请按规则即时核准",
           "apply_waste_disposal": "申请建筑垃圾处置核准", "review_waste_disposal": "建筑垃圾处置核准分类审查",
           "issue_waste_disposal_licence": "核发建筑垃圾处置电子核准证",
           "refuse_waste_disposal": "建筑垃圾处置核准不予核准",
           "start_special_procedure": "启动特别程序", "end_special_procedure": "记录特别程序结果",
           "request_extension": "申请延期", "decide_extension": "审批延期申请", "supplement_lapsed": "逾期未补正",
           "clock_warning": "办理时限预警", "clock_overdue": "办理时限已超期", "deemed_consent": "超时未答复，视为同意",
           "timer_fired": "到期提醒", "settle_by_comprehensive_permit": "施工许可阶段由建筑工程综合许可证办结",
           "revoke_certificate": "撤销证照", "expire_certificate": "证照有效期届满", "credit_record": "记入信用记录",
           "reissue_certificate": "换发证照", "hand_out_results": "送达审批结果"}
_OUTCOMES = {keys.ACCEPTANCE_DECISION: ACCEPTANCE_DECISIONS,
             keys.REVIEW_DECISION: REVIEW_DECISIONS, keys.RESUBMISSION_DECISION: RESUBMISSION_DECISIONS}
_PLAIN_OUTCOMES = {"issued": "已核发", "refuse": "不予延期",
                   **{kind: f"{name}（特别程序）" for kind, name in SPECIAL_PROCEDURE_KINDS.items()},
                   "submitted": "已提交申请", "supplement": "要求补正", "inspected": "已踏勘",
                   **REVIEW_DECISIONS, **ACCEPTANCE_DECISIONS, **RESUBMISSION_DECISIONS, "reject": "不同意",
                   **engine.RATING_LEVELS}
PROVISIONAL_EXPLANATION = "该年节假日安排尚未公布，按法定节假日暂定，公布后自动调整"
ITEM_STATUS = {"ready": "待办理", engine.AWAITING_SUPPLEMENT: "等待申请人补正",
               engine.IN_SPECIAL_PROCEDURE: "特别程序中"}


def audience(*roles: str) -> Callable:
    """Only signed-in people with one of ``roles`` open the page; the view gets the actor first.

    This only keeps people on their own pages: what they may see and do is checked by the engine.
    """
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> Any:
            actor = auth.require_actor()
            if actor.role not in roles:
                abort(403)
            g.actor = actor
            return view(actor, *args, **kwargs)
        return guarded
    return decorate


_HOMES = {engine.WINDOW_CLERK: "window.inbox", engine.EXAMINER: "examiner.inbox",
          engine.DEPARTMENT_LEAD: "examiner.inbox", engine.SUPERVISOR: "supervisor.board",
          engine.ADMINISTRATOR: "admin.landing", engine.AGENT: "agency.inbox",
          engine.SURVEY_FIRM: "surveys.firm_home"}


def home_of(actor: engine.Actor | None) -> str:
    """Where a person's work starts."""
    if actor is None:
        return url_for("account.login")
    return url_for(_HOMES.get(actor.role, "owner.projects"))


def local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site (never another host), else None."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else None


def posted_instance_id() -> int:
    """The instance a task form was rendered for (the engine checks that the task belongs to it)."""
    try:
        return int(request.form.get("instance_id", ""))
    except ValueError:
        abort(400, description="缺少办件编号，请从待办页面重新进入")


def applicant_task_url(code: str, task_id: str, form_key: str) -> str:
    """Where an owner's or agent's work item opens: a stage application at its task list, anything else at its form."""
    endpoint = "applications.task_list" if form_key in keys.STAGE_APPLICATION_FORMS else "owner.task"
    return url_for(endpoint, code=code, task_id=task_id)


def to_do_url(code: str, to_do: engine.ApplicantToDo) -> str:
    """The page where the applicant does what a feature asks (``engine.ApplicantToDo``): a 容缺 case's supply,
    the phase-permit page where the owner confirms the 质量安全承诺."""
    if to_do.kind == "tolerance_case":
        return url_for("acceptance_modes.case", code=code, case_id=to_do.ref)
    return url_for("phases.project", code=code)


def department_name(code: str | None) -> str:
    """A department's name as the table holds it now, read once per request, so an administrator's rename shows
    on the next page in every worker; outside a request (nothing to read from) the shipped names."""
    if not has_request_context():
        return engine.DEPARTMENTS.get(code or "", code or "")
    if "department_names" not in g:
        g.department_names = engine.department_names(db.session())
    names: dict[str, str] = g.department_names
    return names.get(code or "", code or "")


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(material_max_bytes=lambda: materials.limits().max_bytes, csrf_token=auth.csrf_token,
                                 ROLE_NAMES=engine.ROLE_NAMES, STAGES=engine.ALL_STAGES, ITEM_STATUS=ITEM_STATUS,
                                 NIGHT_WORK_RULES=engine.NIGHT_WORK_RULES, CATEGORIES=engine.CATEGORIES,
                                 SURVEY_CONSUMERS={d for s in engine.SURVEYS for d in s.consumers},
                                 WASTE_REVIEWERS={r.department for r in waste_disposal.DEFAULT_RULES.reviews},
                                 UTILITY_COMPANIES=engine.UTILITY_COMPANIES,
                                 OFFSITE_DEPARTMENTS={p.department for p in engine.UTILITY_RULES.offsite_permits},
                                 COMMITMENT_DEPARTMENTS={e.department for e in engine.commitment_list()},
                                 PROVISIONAL_EXPLANATION=PROVISIONAL_EXPLANATION, applicant_task_url=applicant_task_url,
                                 to_do_url=to_do_url)
    app.jinja_env.filters.update(cn_time=cn_time, waited=waited, stage_name=engine.stage_name,
                                 category_name=lambda code: engine.CATEGORIES.get(code, code),
                                 department_name=department_name,
                                 outcome_name=outcome_name, action_name=lambda a: ACTIONS.get(a, "办理"),
                                 handover_method=lambda m: engine.HANDOVER_METHODS.get(m, m),
                                 instance_status=lambda s: engine.STATUS_NAMES.get(s or "", "未启动"),
                                 svg_width=svg_width, file_size=file_size,
                                 material_type=lambda t: engine.MATERIAL_TYPE_NAMES.get(t, t))
    app.context_processor(_header)


def _header() -> dict[str, Any]:
    """The header's actor, unread message count and, for administrators and supervisors, the calendar warning."""
    from .. import db

    actor = g.get("actor") or auth.current_actor()
    if actor is None:
        return {"actor": None}
    unread = _quietly(lambda: engine.unread_count(db.session(), actor))
    status = _quietly(lambda: engine.calendar_status(db.session(), db.runtime())) if actor.role in (
        engine.SUPERVISOR, engine.ADMINISTRATOR) else (lambda: None)
    return {"actor": actor, "unread_messages": unread, "calendar_status": status}


def _quietly(read: Callable[[], Any]) -> Callable[[], Any]:
    """Read only when the header renders; an error page after a failed database statement (the transaction is
    aborted and will be rolled back) still renders, without the count."""
    def call() -> Any:
        try:
            return read()
        except SQLAlchemyError:
            return None
    return call


def file_size(n: int) -> str:
    """Bytes, as people read them: "820 字节", "1.5 KB", "20 MB"."""
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} 字节"


def svg_width(svg: str) -> int:
    """The width the diagram was laid out at (its root ``width``), for the page to size it."""
    found = _SVG_WIDTH.search(svg[: svg.find(">") + 1])
    return round(float(found.group(1))) if found else 0


def cn_time(value: datetime | None) -> str:
    return value.astimezone(CHINA).strftime("%Y-%m-%d %H:%M") if value else ""


def waited(delta: timedelta) -> str:
    """Calendar time, in words: "2天3小时", "45分钟"."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days}天{hours}小时"
    if hours:
        return f"{hours}小时{minutes}分钟"
    return f"{minutes}分钟" if minutes else "不足1分钟"


def outcome_name(outcome: str | None, form_key: str | None = None) -> str:
    if outcome is None:
        return ""
    return _OUTCOMES.get(form_key or "", {}).get(outcome) or _PLAIN_OUTCOMES.get(outcome, "")
