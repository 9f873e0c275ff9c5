"""Read and change the item catalogue; load the shipped seed the first time it is needed.

Changes are versions in time: ``add_item`` makes an item count for approvals started from now on,
``retire_item`` stops it counting; running cases keep the models they started with.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from forms import keys, office_rules
from forms.office_rules import REVIEW

from ..errors import NotFound
from ..organisation.lanes import DEPARTMENTS
from ..validation import validated
from .categories import SEED_DIR, categories
from .models import CatalogueItem
from .stages import stage_numbers

STAGE_NUMBERS = (1, 2, 3, 4)


@dataclass(frozen=True)
class ItemEntry:
    """What an administrator enters for one item of one category (see ``CatalogueItem``)."""

    code: str
    name: str
    department_code: str
    category: str
    stage: int
    committed_days: int
    phase: int = 1
    role: str = REVIEW
    joint_review: bool = False
    commitment_allowed: bool = False
    tolerance_allowed: bool = False
    materials: list[str] = field(default_factory=list)
    source: str = ""


def ensure_catalogue(session: Session, now: datetime) -> None:
    """Load ``seed/items.tsv`` if the catalogue has never been loaded (an empty table)."""
    if session.scalar(select(func.count()).select_from(CatalogueItem)):
        return
    form = _catalogue_form()  # one form for the whole seed: building it costs more than checking an entry
    for position, entry in enumerate(seed_entries()):
        session.add(_row(check_entry(entry, form), position, now))
    session.flush()


def seed_entries() -> list[ItemEntry]:
    """The shipped catalogue, one entry per item and category (``*`` expands to every category that runs
    a stage holding the item's stage)."""
    with (SEED_DIR / "items.tsv").open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    entries = []
    for rec in csv.DictReader(lines, delimiter="\t"):
        for category in _categories_of(rec["categories"], int(rec["stage"])):
            entries.append(ItemEntry(
                code=rec["code"], name=rec["name"], department_code=rec["department"], category=category,
                stage=int(rec["stage"]), committed_days=int(rec["days"]), phase=int(rec["phase"]), role=rec["role"],
                joint_review=rec["joint"] == "1", commitment_allowed=rec["commitment"] == "1",
                tolerance_allowed=rec["tolerance"] == "1", materials=rec["materials"].split(";"),
                source=rec["source"]))
    return entries


def _categories_of(spec: str, stage: int) -> list[str]:
    if spec != "*":
        return spec.split(",")
    return [code for code, cat in categories().items()
            if any(stage in stage_numbers(process_id) for process_id in cat.stages)]


def add_item(session: Session, entry: ItemEntry, now: datetime) -> CatalogueItem:
    """Add ``entry`` to the catalogue; approvals of its category started from ``now`` on include it.

    :raise FormRejected: a field is invalid (unknown department or category, a stage the category does not
        run, non-positive days, an unknown role); nothing is stored.
    """
    ensure_catalogue(session, now)
    last = session.scalar(select(func.max(CatalogueItem.position))) or 0
    row = _row(check_entry(entry), last + 1, now)
    session.add(row)
    session.flush()
    return row


def retire_item(session: Session, code: str, category: str, now: datetime) -> int:
    """Stop counting item ``code`` for ``category`` in approvals started from ``now`` on.

    :raise NotFound: no such item in force.
    """
    rows = list(session.scalars(in_force_query(now).where(CatalogueItem.code == code,
                                                          CatalogueItem.category == category)))
    if not rows:
        raise NotFound("目录中没有该审批事项", code=code, category=category)
    for row in rows:
        row.retired_at = now
    session.flush()
    return len(rows)


def items_in_force(session: Session, category: str, at: datetime) -> list[CatalogueItem] | list[ItemEntry]:
    """The category's items in force at ``at``, in catalogue order; the shipped seed while the catalogue
    was never loaded (reading never writes: ``ensure_catalogue`` runs in the write paths)."""
    if not session.scalar(select(func.count()).select_from(CatalogueItem)):
        return [entry for entry in seed_entries() if entry.category == category]
    stmt = in_force_query(at).where(CatalogueItem.category == category).order_by(CatalogueItem.position)
    return list(session.scalars(stmt))


def in_force_query(at: datetime) -> Select[CatalogueItem]:
    """The catalogue rows in force at ``at`` (a query to narrow further)."""
    return select(CatalogueItem).where(CatalogueItem.valid_from <= at,
                                       or_(CatalogueItem.retired_at.is_(None), CatalogueItem.retired_at > at))


def check_entry(entry: ItemEntry, form: office_rules.CatalogueItem | None = None) -> ItemEntry:
    """The entry if the catalogue-item form (``form``, else a new one) accepts it.

    :raise FormRejected: every wrong field at once."""
    schema = form or _catalogue_form()
    validated(keys.CATALOGUE_ITEM, {name: getattr(entry, name) for name in schema.fields}, schema)
    return entry


def _catalogue_form() -> office_rules.CatalogueItem:
    return office_rules.CatalogueItem(departments=DEPARTMENTS, stages_by_category={
        code: {n for process in category.stages for n in stage_numbers(process)}
        for code, category in categories().items()})


def _row(entry: ItemEntry, position: int, now: datetime) -> CatalogueItem:
    return CatalogueItem(
        code=entry.code, name=entry.name, department_code=entry.department_code, category=entry.category,
        stage=entry.stage, phase=entry.phase, role=entry.role, committed_days=entry.committed_days,
        joint_review=entry.joint_review, commitment_allowed=entry.commitment_allowed,
        tolerance_allowed=entry.tolerance_allowed, materials=list(entry.materials), source=entry.source,
        position=position, valid_from=now, retired_at=None)
