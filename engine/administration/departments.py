"""The departments the office knows, with how many people and catalogue items each has; an administrator adds
one or renames one. A department keeps its code for ever (work items, catalogue rules and accounts refer to
it); only the name people read changes, and each change is recorded with who made it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forms import departments, keys

from ..catalogue.store import in_force_query
from ..errors import FormRejected, NotFound
from ..organisation.actors import Actor
from ..organisation.lanes import DEPARTMENTS, LANES
from ..organisation.models import Department, DepartmentChange, UserAccount
from ..runtime import Runtime
from ..validation import validated
from .common import require_administrator

FORM = keys.DEPARTMENT


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


def department_names(session: Session) -> dict[str, str]:
    """Code → the name the table holds now (a rename shows at once, in every worker: read per request)."""
    return {**DEPARTMENTS, **dict(session.execute(select(Department.code, Department.name)).all())}


def add_department(session: Session, runtime: Runtime, actor: Actor, data: Mapping[str, str]) -> Department:
    """A new department from ``code`` and ``name`` as typed on the page.

    :raise NotAllowed: not an administrator. :raise FormRejected: bad or taken code or name; nothing stored."""
    require_administrator(actor)
    entry = validated(FORM, {k: data.get(k, "") for k in ("code", "name")}, departments.NewDepartment())
    errors = _name_taken(session, entry["name"], None)
    if session.get(Department, entry["code"]) is not None or entry["code"] in DEPARTMENTS:
        errors["code"] = ["该部门代码已被使用，请换一个"]
    if errors:
        raise FormRejected(FORM, errors)
    department = Department(code=entry["code"], name=entry["name"])
    session.add(department)
    session.flush()  # the change row refers to it
    _record(session, runtime, actor, department, None)
    return department


def rename_department(session: Session, runtime: Runtime, actor: Actor, code: str,
                      data: Mapping[str, str]) -> tuple[str, Department]:
    """Give department ``code`` the ``name`` typed on the page; returns the old name and the department.

    :raise NotAllowed: not an administrator. :raise NotFound: no such department.
    :raise FormRejected: bad name, or another department's; nothing stored."""
    require_administrator(actor)
    department = department_of(session, actor, code)
    entry = validated(FORM, {"name": data.get("name", "")}, departments.DepartmentRename())
    errors = _name_taken(session, entry["name"], code)
    if not errors and entry["name"] == department.name:
        errors["name"] = ["新名称与现名称相同"]
    if errors:
        raise FormRejected(FORM, errors)
    before, department.name = department.name, entry["name"]
    _record(session, runtime, actor, department, before)
    return before, department


def department_of(session: Session, actor: Actor, code: str) -> Department:
    """:raise NotAllowed: not an administrator. :raise NotFound: no such department."""
    require_administrator(actor)
    department = session.get(Department, code)
    if department is None:
        raise NotFound("没有这个审批部门", department_code=code)
    return department


def _name_taken(session: Session, name: str, own_code: str | None) -> dict[str, list[str]]:
    """Another department's name (now, or as a process model's lane), or the window's or owner's lane."""
    holder = session.scalar(select(Department.code).where(Department.name == name))
    lane = LANES.get(name)
    lane_holder = lane.department_code or lane.name if lane is not None else None  # 综合窗口 is nobody's
    if (holder is not None and holder != own_code) or (lane_holder is not None and lane_holder != own_code):
        return {"name": ["已有同名的部门，请换一个名称"]}
    return {}


def _record(session: Session, runtime: Runtime, actor: Actor, department: Department, before: str | None) -> None:
    session.add(DepartmentChange(department_code=department.code, action="renamed" if before else "added",
                                 name_before=before, name_after=department.name, actor_id=actor.user_id,
                                 actor_name=actor.display_name, changed_at=runtime.now()))
