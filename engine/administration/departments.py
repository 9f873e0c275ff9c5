"""The departments the office knows, with how many people and catalogue items each has."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..catalogue.store import in_force_query
from ..organisation.actors import Actor
from ..organisation.models import Department, UserAccount
from .common import require_administrator


@dataclass(frozen=True)
class DepartmentOverview:
    code: str
    name: str
    staff: int
    items: int


def department_rows(session: Session, actor: Actor, now: datetime) -> list[DepartmentOverview]:
    """Every department with its active staff and the catalogue items it answers for at ``now``.

    :raise NotAllowed: not an administrator."""
    require_administrator(actor)
    staff: dict[str | None, int] = dict(session.execute(select(UserAccount.department_code, func.count()).where(
        UserAccount.active.is_(True)).group_by(UserAccount.department_code)).all())
    in_force = in_force_query(now).subquery()
    per_department = select(in_force.c.department_code, func.count(func.distinct(in_force.c.code)))
    items: dict[str, int] = dict(session.execute(per_department.group_by(in_force.c.department_code)).all())
    return [DepartmentOverview(d.code, d.name, staff.get(d.code, 0), items.get(d.code, 0))
            for d in session.scalars(select(Department).order_by(Department.code))]
