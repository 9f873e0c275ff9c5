"""Helpers shared by the acceptance modes: who may commit, dates on the working calendar, audit entries."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time
from typing import Any

from sqlalchemy.orm import Session

from ..agency.rules import COMMITMENT_REFUSED
from ..clocks import CHINA_TZ
from ..errors import NotAllowed, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import AGENT
from ..projects.models import Project
from ..projects.queries import lock_project

CLOSE_OF_BUSINESS = time(17, 30)  # a deadline day ends when the office closes (as the item clocks do)


def owner_in_person(session: Session, actor: Actor, project_code: str, **context: Any) -> Project:
    """Lock and return the project of which ``actor`` is the owner; a commitment is the owner's alone
    (an agent needs the owner to sign, REFERENCE §3.1 P-fzl8tp).

    ``context`` is what a refusal carries instead of the project code: a caller that found the project
    from another id (an instance) passes that id, so a refusal never names a project the actor sent no
    code of."""
    context = context or {"project_code": project_code}
    if actor.role == AGENT:
        raise NotAllowed(COMMITMENT_REFUSED, **context)
    project = lock_project(session, project_code)
    if project.owner_id != actor.user_id:
        raise NotFound("项目不存在", **context)
    return project


def at_close(day: date) -> datetime:
    return datetime.combine(day, CLOSE_OF_BUSINESS, CHINA_TZ)


def at_start(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), CHINA_TZ)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
