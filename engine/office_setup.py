"""Setting up a real office: the organisation (departments from ``organisation/departments.tsv``) and the
item catalogue with its categories (``catalogue/seed/``), never demo accounts. Idempotent: running it
again after a release adds what is new and changes nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .catalogue import ensure_catalogue
from .catalogue.categories import categories
from .catalogue.models import CatalogueItem
from .db import serialise_set_up
from .organisation.accounts import seed_departments
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
