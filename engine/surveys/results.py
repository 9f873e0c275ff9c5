"""多测合一 use cases (REFERENCE §4, REQ-S1-03, REQ-S2-06): the owner commissions one survey firm once;
the firm uploads one result set with figures for every configured survey; each department whose
acceptance consumes a survey cites that one row (never a copy); joint acceptance cannot be applied for
until the result is in (``require_complete``, a precondition of the stage-4 application, see ``hooks``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys
from forms import surveys as surveys_form

from ..audit.trail import Entry, record
from ..clocks.segments import local_date
from ..errors import Conflict, FormRejected, InvalidState, NotAllowed, NotFound
from ..issuance import allocate_number, settings_for
from ..issuance.settings import NumberingRule
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENT_LEAD, EXAMINER, SURVEY_FIRM
from ..organisation.models import UserAccount
from ..projects.models import Project
from ..projects.queries import get_project, lock_project, project_for_owner
from ..runtime import Runtime
from ..validation import validated
from ..visibility import visible_project
from .models import COMMISSIONED, COMPLETED, SurveyCommission, SurveyResult, SurveyResultUse


@dataclass(frozen=True)
class Survey:
    """One survey merged into the commission: its indicators and the departments that consume it."""

    code: str
    name: str
    indicators: tuple[str, ...]
    consumers: tuple[str, ...]


SURVEYS: tuple[Survey, ...] = (
    Survey("planning_as_built", "规划竣工测绘", ("总建筑面积", "地上建筑面积", "地下建筑面积", "容积率", "建筑密度"),
           ("natural_resources",)),
    Survey("as_built_floor_area", "房屋竣工建筑面积", ("竣工建筑面积",), ("housing_construction",)),
    Survey("property_title_area", "房屋产权面积", ("产权面积", "套数"), ("natural_resources", "housing_construction")),
    Survey("civil_defence_basement_area", "人防地下室面积", ("人防地下室面积",), ("civil_defence",)),
    Survey("cadastral", "地籍", ("宗地面积",), ("natural_resources",)),
    Survey("green_space", "绿地", ("绿地面积", "绿地率"), ("landscaping",)),
    Survey("fire_protection", "消防", ("消防车道宽度", "消防登高场地面积"), ("housing_construction",)),
    Survey("underground_pipelines", "地下管线", ("管线长度",), ("housing_construction",)),
)
RESULT_RULE = NumberingRule("DC{area}{date:%Y}{seq:05d}", "survey_result")
COMPLETE_REQUIRED = "多测合一成果尚未提交，不能申请竣工验收"


@dataclass(frozen=True)
class SurveyView:
    """The shared result as one department (or the owner) sees it."""

    result_id: int
    number: str
    firm_name: str
    surveyor: str
    uploaded_at: Any
    surveys: tuple[tuple[str, str, dict[str, Any]], ...]  # (code, name, figures)
    cited_by: tuple[str, ...]


def commission_survey(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                      data: dict[str, Any]) -> SurveyCommission:
    """The owner commissions one survey firm for every configured survey (一次委托).

    :raise NotFound: not the owner's project. :raise FormRejected: no such survey firm.
    :raise Conflict: the project already has its commission.
    """
    project = _locked(session, project_for_owner(session, actor, project_code).code)
    username = str(data.get("firm_username") or "").strip()
    firm = session.scalar(select(UserAccount).where(UserAccount.username == username, UserAccount.active.is_(True),
                                                    UserAccount.role == SURVEY_FIRM))
    if firm is None:
        raise FormRejected(keys.SURVEY_COMMISSION, {"firm_username": ["请填写已登记的测绘单位账号"]})
    if session.scalar(select(SurveyCommission.id).where(SurveyCommission.project_code == project.code)):
        raise Conflict("本项目已委托测绘单位（多测合一只委托一次）", project_code=project.code)
    commission = SurveyCommission(project_code=project.code, firm_id=firm.id, surveys=[s.code for s in SURVEYS],
                                  status=COMMISSIONED, commissioned_by=actor.user_id, commissioned_at=runtime.now())
    session.add(commission)
    session.flush()
    _audit(session, runtime, actor, project.code, "commission_survey", (None, COMMISSIONED),
           {"firm": firm.username, "surveys": commission.surveys})
    return commission


def upload_survey_result(session: Session, runtime: Runtime, actor: Actor, project_code: str,
                         data: dict[str, Any]) -> SurveyResult:
    """The commissioned firm submits the one result set: figures for every survey, signed by its surveyor.

    :raise NotFound: the actor is not this project's commissioned firm. :raise InvalidState: already submitted.
    :raise FormRejected: a survey or indicator missing, or not a non-negative number.
    """
    commission = _commission_of_firm(session, actor, project_code)
    _locked(session, commission.project_code)
    if commission.status == COMPLETED:
        raise InvalidState("多测合一成果已经提交，不能重复提交", project_code=project_code)
    figures, surveyor = _validated(data)
    settings = settings_for(runtime)
    numbering = replace(settings, rules={**settings.rules, "survey_result": RESULT_RULE})
    result = SurveyResult(commission_id=commission.id, project_code=commission.project_code,
                          number=allocate_number(session, numbering, "survey_result", local_date(runtime.now())),
                          figures={"surveys": figures, "surveyor": surveyor}, uploaded_by=actor.user_id,
                          uploaded_at=runtime.now())
    session.add(result)
    commission.status = COMPLETED
    session.flush()
    _audit(session, runtime, actor, commission.project_code, "upload_survey_result", (COMMISSIONED, COMPLETED),
           {"number": result.number})
    return result


def cite_survey_result(session: Session, runtime: Runtime, actor: Actor, project_code: str) -> SurveyView:
    """A department's acceptance cites the shared result (recorded once per department) and sees the
    surveys it consumes.

    :raise NotAllowed: not department staff, or the department consumes no survey.
    :raise NotFound: no such project. :raise InvalidState: no result yet.
    """
    department = actor.department_code
    if actor.role not in (EXAMINER, DEPARTMENT_LEAD) or not department:
        raise NotAllowed("只有验收部门可以引用多测合一成果", role=actor.role)
    if not any(department in s.consumers for s in SURVEYS):
        raise NotAllowed("本部门的验收不使用多测合一成果", department=department)
    # the result is shared with every consuming department, whether or not it has a task on the project yet
    project = _locked(session, get_project(session, project_code).code)
    result = _result(session, project.code)
    used = select(SurveyResultUse.id).where(SurveyResultUse.result_id == result.id,
                                           SurveyResultUse.department_code == department)
    if session.scalar(used) is None:
        session.add(SurveyResultUse(result_id=result.id, department_code=department, used_by=actor.user_id,
                                    used_at=runtime.now()))
        session.flush()
        _audit(session, runtime, actor, project.code, "cite_survey_result", (None, None),
               {"number": result.number, "department": department})
    return _view(session, result, department)


def project_survey(session: Session, actor: Actor, project_code: str, *,
                   runtime: Runtime | None = None) -> SurveyView:
    """The whole result for whoever may see the project. :raise InvalidState: no result yet."""
    project = visible_project(session, actor, project_code, runtime=runtime)
    return _view(session, _result(session, project.code), None)


def require_complete(session: Session, project_code: str) -> None:
    """Joint acceptance needs the 多测合一 result. :raise InvalidState: it is not in yet."""
    get_project(session, project_code)
    if session.scalar(select(SurveyResult.id).where(SurveyResult.project_code == project_code)) is None:
        raise InvalidState(COMPLETE_REQUIRED, project_code=project_code)


# --- internals -------------------------------------------------------------------------------------------

def _validated(data: dict[str, Any]) -> tuple[dict[str, dict[str, str]], str]:
    """The figures per survey and the surveyor. :raise FormRejected: every survey still to correct."""
    schema = surveys_form.SurveyResult(surveys=[(s.code, s.name, s.indicators) for s in SURVEYS])
    clean = validated(keys.SURVEY_RESULT, data if isinstance(data, dict) else {}, schema)
    return clean["figures"], clean["surveyor"]


def _commission_of_firm(session: Session, actor: Actor, code: str) -> SurveyCommission:
    commission = session.scalar(select(SurveyCommission).where(SurveyCommission.project_code == code))
    if commission is None or actor.role != SURVEY_FIRM or commission.firm_id != actor.user_id:
        raise NotFound("项目不存在或未委托本单位测绘", project_code=code)
    return commission


def _result(session: Session, code: str) -> SurveyResult:
    result = session.scalar(select(SurveyResult).where(SurveyResult.project_code == code))
    if result is None:
        raise InvalidState("多测合一成果尚未提交", project_code=code)
    return result


def _view(session: Session, result: SurveyResult, department: str | None) -> SurveyView:
    commission = session.get_one(SurveyCommission, result.commission_id)
    firm = session.get_one(UserAccount, commission.firm_id)
    cited = tuple(session.scalars(select(SurveyResultUse.department_code).where(
        SurveyResultUse.result_id == result.id).order_by(SurveyResultUse.id)))
    surveys = tuple((s.code, s.name, result.figures["surveys"][s.code]) for s in SURVEYS
                    if department is None or department in s.consumers)
    return SurveyView(result.id, result.number, firm.display_name, result.figures["surveyor"], result.uploaded_at,
                      surveys, cited)


def _locked(session: Session, code: str) -> Project:
    """The project row serialises its audit chain (and its one commission)."""
    return lock_project(session, code)


def _audit(session: Session, runtime: Runtime, actor: Actor, code: str, action: str,
           status: tuple[str | None, str | None], details: dict[str, Any]) -> None:
    record(session, runtime, actor, Entry(action, code, task_name="多测合一", status_before=status[0],
                                          status_after=status[1], details=details))
