"""Shared set-up: stage 1 accepted on Monday 2026-11-02 09:30; the 环境影响评价 review (5 working days) of the
生态环境局; a lead for that department and one for another."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from engine.adjustments.models import DeadlineExtension, SpecialProcedure
from engine.audit.models import AuditEvent
from engine.organisation.accounts import create_user
from engine.time_limits.models import ClockEventRow
from engine.timers.models import Timer
from engine.work_items.models import WorkItem

CHINA = timezone(timedelta(hours=8))
REVIEW = "review_environmental_impact_assessment"
LEADS = {"lead_ecology": "ecology_environment", "lead_nr": "natural_resources"}


def beijing(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CHINA)


def seed_leads(office) -> None:
    with office.step() as s:
        for username, department in LEADS.items():
            create_user(s, office.runtime, username=username, display_name=f"{department}负责人",
                        role="department_lead", password="demo-2026", department_code=department)


def accepted_project(office) -> tuple[str, str]:
    """A project whose stage 1 the window accepted at the clock's time; (code, the review's task id)."""
    code, _ = office.new_project()
    office.act(code, "apply")
    office.act(code, "accept")
    return code, office.item(code, REVIEW).task_id


def snapshot(step, code: str) -> tuple:
    """Everything a refused adjustment could have touched."""
    with step(write=False) as s:
        def count(model: type) -> int:
            return s.scalar(select(func.count()).select_from(model).where(model.project_code == code))
        timers = sorted((t.bpmn_id, t.due_at.isoformat()) for t in s.scalars(select(Timer)))
        items = sorted((i.task_id, i.status) for i in s.scalars(select(WorkItem).where(WorkItem.project_code == code)))
        extensions = sorted((e.id, e.status) for e in s.scalars(select(DeadlineExtension)))
        return (count(ClockEventRow), count(AuditEvent), count(SpecialProcedure), extensions, timers, items)


def review_timers(step) -> dict[str, datetime]:
    with step(write=False) as s:
        return {t.bpmn_id.split("_")[0]: t.due_at.astimezone(CHINA)
                for t in s.scalars(select(Timer).where(Timer.bpmn_id.endswith(REVIEW)))}
