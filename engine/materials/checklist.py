"""The materials a stage application usually lists (申请材料清单), from ``checklist.tsv``.

The data comes from the 唐山 item catalogue rows that map to our approval items (REFERENCE, catalogue
file); it is a checklist the owner ticks off, not a condition for acceptance.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("checklist.tsv")


@dataclass(frozen=True)
class ChecklistEntry:
    stage: str
    item: str
    catalogue_item: str
    material: str


@cache
def _entries() -> tuple[ChecklistEntry, ...]:
    with DATA.open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return tuple(ChecklistEntry(r["stage"], r["item"], r["catalogue_item"], r["material"])
                 for r in csv.DictReader(lines, delimiter="\t"))


def stage_checklist(stage: str) -> list[ChecklistEntry]:
    """The stage's checklist, in catalogue order (empty for an unknown stage)."""
    return [e for e in _entries() if e.stage == stage]


def requirements(stage: str) -> set[str]:
    """The material names a material of this stage may say it fulfils."""
    return {e.material for e in stage_checklist(stage)}
