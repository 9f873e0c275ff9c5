"""The published lists (REQ-S3-01, REQ-S3-02): items that may be accepted with materials missing (容缺受理清单)
and items decided on a written commitment (告知承诺事项清单). Seeded as data (``engine/seeds/acceptance_lists.json``)
and readable by anyone; a 容缺 deadline longer than the item's committed days is refused at load."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..catalogue import seed_entries
from ..errors import ConfigurationError
from ..organisation.lanes import DEPARTMENTS

SEED = Path(__file__).resolve().parents[1] / "seeds" / "acceptance_lists.json"


@dataclass(frozen=True)
class ToleranceEntry:
    item: str
    name: str
    department: str
    department_name: str
    main_materials: tuple[str, ...]
    tolerable_materials: tuple[str, ...]
    supplement_days: int
    committed_days: int
    method: str
    consequence: str


@dataclass(frozen=True)
class CommitmentEntry:
    item: str
    name: str
    department: str
    department_name: str
    conditions: str
    commitment_text: str
    verification_days: int


@cache
def _lists(path: Path = SEED) -> tuple[tuple[ToleranceEntry, ...], tuple[CommitmentEntry, ...]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    tolerance = tuple(_tolerance(row) for row in doc["tolerance"])
    commitment = tuple(CommitmentEntry(
        item=row["item"], name=row["name"], department=row["department"],
        department_name=DEPARTMENTS[row["department"]], conditions=row["conditions"],
        commitment_text=row["commitment_text"], verification_days=int(row["verification_days"]))
        for row in doc["commitment"])
    return tolerance, commitment


def _committed_days(item: str) -> int:
    """The item's committed days in the catalogue — the shortest over the categories that have it."""
    days = [e.committed_days for e in seed_entries() if e.code == item]
    if not days:
        raise ConfigurationError("清单中的事项不在审批事项目录中", item=item)
    return min(days)


def _tolerance(row: dict) -> ToleranceEntry:
    committed = _committed_days(row["item"])
    if not 1 <= int(row["supplement_days"]) <= committed:  # 台州 P8: never longer than the item's own time
        raise ConfigurationError("容缺补正时限不得超过事项承诺时限", item=row["item"], committed_days=committed)
    return ToleranceEntry(
        item=row["item"], name=row["name"], department=row["department"],
        department_name=DEPARTMENTS[row["department"]], main_materials=tuple(row["main_materials"]),
        tolerable_materials=tuple(row["tolerable_materials"]), supplement_days=int(row["supplement_days"]),
        committed_days=committed, method=row["method"], consequence=row["consequence"])


def tolerance_list() -> tuple[ToleranceEntry, ...]:
    """The published 容缺受理清单."""
    return _lists()[0]


def commitment_list() -> tuple[CommitmentEntry, ...]:
    """The published 告知承诺事项清单."""
    return _lists()[1]


def tolerance_entry(item: str) -> ToleranceEntry | None:
    return next((e for e in tolerance_list() if e.item == item), None)


def commitment_entry(item: str) -> CommitmentEntry | None:
    return next((e for e in commitment_list() if e.item == item), None)


def listed_tolerance(item: str) -> ToleranceEntry:
    """The entry of an item that was on the 容缺 list when its case opened (the list is shipped data)."""
    entry = tolerance_entry(item)
    if entry is None:
        raise ConfigurationError("该事项已不在容缺受理清单中", item=item)
    return entry


def listed_commitment(item: str) -> CommitmentEntry:
    """The entry of an item that was on the 告知承诺 list when its case opened (the list is shipped data)."""
    entry = commitment_entry(item)
    if entry is None:
        raise ConfigurationError("该事项已不在告知承诺事项清单中", item=item)
    return entry
