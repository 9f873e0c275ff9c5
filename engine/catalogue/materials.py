"""The materials the item catalogue requires of a stage application (申请材料, 必需): each item a stage
reviews or issues lists its own; a stage's application must carry them all."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from .stages import stage_numbers
from .store import items_in_force


def required_materials(session: Session, category: str, stage: str, at: datetime) -> dict[str, list[str]]:
    """Material → the names of the stage's items (in force at ``at`` for ``category``) that require it, in
    catalogue order; empty for a process that is not a stage."""
    numbers = stage_numbers(stage)
    wanted: dict[str, list[str]] = {}
    for item in items_in_force(session, category, at):
        if item.stage in numbers:
            for material in item.materials:
                wanted.setdefault(material, []).append(item.name)
    return wanted
