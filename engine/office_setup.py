"""Setting up a real office: the organisation (departments from ``organisation/departments.tsv``) and the
item catalogue with its categories (``catalogue/seed/``), never demo accounts. Idempotent: running it
again after a release adds what is new and changes nothing else. Also what the API publishes of it:
departments, categories and the catalogue in force."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .catalogue import ItemEntry, ensure_catalogue, items_in_force
from .catalogue.categories import Category, categories
from .catalogue.models import CatalogueItem
from .db import serialise_set_up
from .errors import NotFound
from .organisation.accounts import seed_departments
from .organisation.lanes import DEPARTMENTS
from .organisation.models import Department
from .runtime import Runtime


@dataclass(frozen=True)
class OfficeSetUp:
    departments: int
    catalogue_items: int
    categories: int


def set_up_office(session: Session, runtime: Runtime) -> OfficeSetUp:
    serialise_set_up(session)
    seed_departments(session)
    ensure_catalogue(session, runtime.now())
    return OfficeSetUp(departments=session.scalar(select(func.count()).select_from(Department)) or 0,
                       catalogue_items=session.scalar(select(func.count()).select_from(CatalogueItem)) or 0,
                       categories=len(categories()))


@dataclass(frozen=True)
class DepartmentRow:
    code: str
    name: str


def department_list(session: Session) -> list[DepartmentRow]:
    """The office's departments (set up by ``approval setup``), in the order of ``departments.tsv``."""
    order = {code: n for n, code in enumerate(DEPARTMENTS)}
    rows = session.execute(select(Department.code, Department.name)).all()
    return sorted((DepartmentRow(code, name) for code, name in rows), key=lambda d: order.get(d.code, len(order)))


def category_list() -> list[Category]:
    return list(categories().values())


def catalogue_of(session: Session, runtime: Runtime, category: str) -> list[CatalogueItem] | list[ItemEntry]:
    """The items of ``category`` in force now (the items an approval started now would contain).

    :raise NotFound: no such category."""
    if category not in categories():
        raise NotFound("项目类别不存在", category=category)
    return items_in_force(session, category, runtime.now())
