"""The demo job: a 社会投资一般项目 driven through all four stages by the people who do it.

Used by ``approval demo`` (the README's first command) and by the embedded web demo. It goes through
the same use cases as everyone else; nothing is short-cut.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from forms import keys

from .db import serialise_set_up
from .organisation.accounts import create_user, seed_departments, user_by_username
from .organisation.actors import Actor, actor_for
from .organisation.lanes import (
    ADMINISTRATOR,
    AGENT,
    DEPARTMENTS,
    EXAMINER,
    OWNER,
    SUPERVISOR,
    SURVEY_FIRM,
    WINDOW_CLERK,
)
from .organisation.models import UserAccount
from .organisation.passwords import hash_password
from .projects.models import Project
from .projects.registration import register_project, start_approval
from .runtime import Runtime
from .surveys.models import SurveyCommission, SurveyResult
from .surveys.results import commission_survey, upload_survey_result
from .work_items.completion import complete_task
from .work_items.models import WorkItem

DEMO_PASSWORD = "demo-2026"  # noqa: S105 - printed on the demo's login page; never used in production
DEMO_OWNER = "owner"

_STAFF = [("window", "综合窗口 王晓", WINDOW_CLERK, None), ("supervisor", "电子监察 李明", SUPERVISOR, None),
          ("admin", "系统管理员", ADMINISTRATOR, None), ("agent", "帮办代办员 赵帮", AGENT, None),
          ("survey", "武汉市测绘研究院", SURVEY_FIRM, None)]


def seed_demo_people(session: Session, runtime: Runtime) -> None:
    """Departments, one examiner per department, the window, a supervisor, an admin, an agent, an owner."""
    seed_departments(session)
    people: list[tuple[str, str, str, str | None]] = [*_STAFF, (DEMO_OWNER, "示例置业有限公司", OWNER, None)]
    people += [(f"exam_{code}", f"{name}审批员", EXAMINER, code) for code, name in DEPARTMENTS.items()]
    demo_hash = hash_password(DEMO_PASSWORD)  # hashed once: every demo account shares the published password
    for username, name, role, department in people:
        if user_by_username(session, username) is None:
            create_user(session, runtime, username=username, display_name=name, role=role,
                        password_hash=demo_hash, department_code=department,
                        organisation=name if role == OWNER else None)


def demo_project_code(runtime: Runtime) -> str:
    return f"{runtime.now():%Y}-420104-70-03-{secrets.randbelow(10**6):06d}"


def register_demo_project(session: Session, runtime: Runtime, code: str | None = None,
                          category: str = "social_investment_project") -> Project:
    owner = _actor(session, DEMO_OWNER)
    project = register_project(session, runtime, owner, {
        "project_code": code or demo_project_code(runtime), "project_name": "汉江湾示范住宅小区",
        "category": category, "owner_name": "示例置业有限公司",
        "site_address": "武汉市硚口区汉江湾路88号"})
    start_approval(session, runtime, owner, project.code)
    return project


def drive_one_action(session: Session, runtime: Runtime, project_code: str) -> str | None:
    """Complete the oldest open work item of the project with an approving decision.
    Returns the task name, or None when nothing is left to do."""
    item = session.scalars(select(WorkItem).where(WorkItem.project_code == project_code)
                           .order_by(WorkItem.since, WorkItem.stage, WorkItem.bpmn_id).limit(1)).first()
    if item is None:
        return None
    if item.form_key == keys.STAGE_4_APPLICATION:
        complete_demo_survey(session, runtime, project_code)
    actor = _actor(session, _username_for(item))
    complete_task(session, runtime, actor, item.instance_id, item.task_id, demo_form(item.form_key, project_code))
    return item.name


def complete_demo_survey(session: Session, runtime: Runtime, project_code: str) -> None:
    """多测合一 before joint acceptance: the owner commissions the demo firm, which submits its result."""
    if session.scalar(select(SurveyResult.id).where(SurveyResult.project_code == project_code)) is not None:
        return
    if session.scalar(select(SurveyCommission.id).where(SurveyCommission.project_code == project_code)) is None:
        commission_survey(session, runtime, _actor(session, DEMO_OWNER), project_code, {"firm_username": "survey"})
    upload_survey_result(session, runtime, _actor(session, "survey"), project_code, DEMO_SURVEY)


DEMO_SURVEY: dict[str, Any] = {"surveyor": "注册测绘师 周明", "figures": {
    "planning_as_built": {"总建筑面积": "68012.35", "地上建筑面积": "56008.10", "地下建筑面积": "12004.25",
                          "容积率": "2.49", "建筑密度": "24.8"},
    "as_built_floor_area": {"竣工建筑面积": "68012.35"},
    "property_title_area": {"产权面积": "55120.40", "套数": "612"},
    "civil_defence_basement_area": {"人防地下室面积": "6020.00"},
    "cadastral": {"宗地面积": "25000.00"},
    "green_space": {"绿地面积": "8760.00", "绿地率": "35.0"},
    "fire_protection": {"消防车道宽度": "4.0", "消防登高场地面积": "1350.00"},
    "underground_pipelines": {"管线长度": "3860.5"},
}}


def _username_for(item: WorkItem) -> str:
    if item.role == OWNER:
        return DEMO_OWNER
    return "window" if item.role == WINDOW_CLERK else f"exam_{item.department_code}"


def demo_owner(session: Session) -> Actor:
    """The demo project's owner (seeded by ``seed_demo_people``)."""
    return _actor(session, DEMO_OWNER)


def _actor(session: Session, username: str) -> Actor:
    user = user_by_username(session, username)
    assert user is not None, f"demo user {username} missing: seed_demo_people first"
    return actor_for(session, user.id)


def demo_form(form_key: str, project_code: str) -> dict[str, Any]:
    """Plausible form data for each form key, as a diligent owner and examiners would enter it."""
    return _DEMO_FORMS[form_key](project_code)


_CONTACT = {"contact_person": "陈工", "contact_phone": "13800138000"}
_DEMO_FORMS: dict[str, Callable[[str], dict[str, Any]]] = {
    keys.STAGE_1_APPLICATION: lambda code: {
        "project_code": code, "project_name": "汉江湾示范住宅小区", "category": "social_investment_project",
        "site_address": "武汉市硚口区汉江湾路88号", "land_area": "25000.00", "building_area": "68000.00",
        "total_investment": "52000.00", "land_route": "transfer", "land_use": "residential",
        "land_approval_no": "武政土〔2026〕8号", "owner_name": "示例置业有限公司", **_CONTACT},
    keys.STAGE_2_APPLICATION: lambda code: {
        "design_unit": "中南建筑设计院股份有限公司", "scheme_summary": "住宅8栋及配套商业，容积率2.5。",
        "above_ground_area": "56000.00", "underground_area": "12000.00", "building_height": "99.80",
        "floors_above": 33, "floors_below": 2, "civil_defence_basement_required": True, **_CONTACT},
    keys.STAGE_3_APPLICATION: lambda code: {
        "general_contractor": "中建三局第一建设工程有限责任公司", "supervision_unit": "武汉华建工程监理有限公司",
        "survey_unit": "湖北省勘察设计院", "design_unit": "中南建筑设计院股份有限公司",
        "drawing_review_certificate_no": "鄂审图2026-0815", "contract_price": "38000.00",
        "contract_duration_days": 900, "construction_scale": "住宅8栋，总建筑面积68000平方米",
        "project_manager": "刘建国", "chief_supervisor": "孙立", "funds_commitment": True, **_CONTACT},
    keys.STAGE_4_APPLICATION: lambda code: {
        "construction_start_date": "2026-03-01", "completion_date": "2026-10-30", "structure_type": "框架剪力墙",
        "floors": 33, "total_floor_area": "68000.00", "quality_report_no": "质监2026-1102", **_CONTACT},
    keys.STAGE_23_APPLICATION: lambda code: {**_DEMO_FORMS[keys.STAGE_2_APPLICATION](code),
                                          **_DEMO_FORMS[keys.STAGE_3_APPLICATION](code)},
    keys.ACCEPTANCE_DECISION: lambda code: {"decision": "accept", "opinion": "材料齐全，予以受理"},
    keys.REVIEW_DECISION: lambda code: {"decision": "approve", "opinion": "符合要求，同意"},
    keys.ISSUANCE: lambda code: {"certificate_remarks": "准予许可"},
    keys.RESUBMISSION_DECISION: lambda code: {"decision": "resubmit"},
}


def ensure_demo(session: Session, runtime: Runtime) -> Project | None:
    """Seed the demo people and one demo project on a database without accounts; else do nothing.

    Used by the web application's ``SEED_DEMO`` start-up. Returns the project it registered, if any.
    Idempotent, so several workers starting at once seed once (their transactions queue on the lock).
    """
    serialise_set_up(session)  # gunicorn workers starting together on a fresh database: one seeds
    if session.scalar(select(UserAccount.id).limit(1)) is not None:
        return None
    seed_demo_people(session, runtime)
    return register_demo_project(session, runtime)
