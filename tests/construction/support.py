"""Helpers of the construction tests: forms as an owner fills them, snapshots, PDF read-back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, undefer

from engine import grant_authorisation
from engine.audit.models import AuditEvent
from engine.construction.models import ComprehensiveLicence, ComprehensiveOrder, PhasePermitApplication
from engine.issuance import Certificate
from engine.processes.models import ProcessInstance
from engine.surveys.models import SurveyCommission, SurveyResult, SurveyResultUse
from engine.work_items.models import WorkItem
from tests.support.office import Office
from tests.support.refusals import refused_unchanged

FIRST_PHASE = {
    "phase": "excavation_support_earthworks", "general_contractor": "中建三局第一建设工程有限责任公司",
    "bid_notice_no": "ZB-2026-0815", "survey_unit": "湖北省勘察设计院", "design_unit": "中南建筑设计院股份有限公司",
    "supervision_unit": "武汉华建工程监理有限公司", "contract_price": "38000.00", "contract_duration_days": 900,
    "construction_scale": "住宅8栋，总建筑面积68000平方米", "project_manager": "刘建国", "chief_supervisor": "孙立",
    "quality_safety_commitment": True,
}

HEADER = {"construction_scale": "住宅8栋，总建筑面积68000平方米", "contract_price": "38000.00",
          "general_contractor": "中建三局第一建设工程有限责任公司", "supervision_unit": "武汉华建工程监理有限公司",
          "contract_duration_days": 900}
FACTS = {
    "night_work_permit": {"night_work_from": "2026-11-10", "night_work_to": "2026-11-12",
                          "night_work_hours": "22:00至次日06:00", "night_work_reason": "底板混凝土连续浇筑"},
    "construction_waste_disposal_approval": {"spoil_route": "汉西一路—建设大道—三环线",
                                             "disposal_site": "东西湖区走马岭消纳场", "spoil_volume": "12000.00",
                                             "spoil_vehicles": 20},
    "traffic_road_occupation_permit": {"road_location": "汉西一路东侧人行道", "occupation_from": "2026-11-10",
                                       "occupation_to": "2027-02-10", "traffic_measures": "设置围挡及导行标志"},
}


def comprehensive_form(*licences: str) -> dict[str, Any]:
    form: dict[str, Any] = {"licences": list(licences), **HEADER}
    for code in licences:
        form |= FACTS.get(code, {})
    return form


def grant_agent(office, code: str, acts: list[str]) -> None:
    with office.step() as s:
        now = office.runtime.now()
        grant_authorisation(s, office.runtime, office.actor(s, "owner"), code, {
            "agent_username": "agent", "stages": [3], "acts": acts, "valid_from": now.isoformat(),
            "valid_to": (now + timedelta(days=30)).isoformat()})


def snapshot(office) -> tuple:
    """Everything an action could change: counted and hashed, so a refusal can be shown to change nothing."""
    tables = (PhasePermitApplication, ComprehensiveOrder, ComprehensiveLicence, Certificate, ProcessInstance,
              WorkItem, SurveyCommission, SurveyResult, SurveyResultUse)
    with office.step(write=False) as s:
        counts = tuple(s.scalar(select(func.count()).select_from(t)) for t in tables)
        statuses = tuple(s.execute(select(PhasePermitApplication.id, PhasePermitApplication.status)))
        certs = tuple(s.execute(select(Certificate.number, Certificate.status)))
        audit = tuple(s.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id)))
        return counts, statuses, certs, audit


def certificate(office, number: str) -> Certificate:
    with office.step(write=False) as s:
        return s.scalar(select(Certificate).options(undefer(Certificate.pdf)).where(Certificate.number == number))


def refused(office: Office, error: type[Exception], call: Callable[[Session], object]) -> Exception:
    """Run ``call`` in one step, expect ``error``, and check that nothing changed (``snapshot``)."""

    def act() -> None:
        with office.step() as s:
            call(s)

    return refused_unchanged(lambda: snapshot(office), error, act)
