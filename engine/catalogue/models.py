"""The item catalogue (审批事项目录), a table an administrator can change.

Versioned by time, never edited in place: an item is added with ``valid_from`` and retired with
``retired_at``. A case keeps what was in force when it started: the generated models of its process spec
carry the items and their committed days, so a later change never moves its deadlines.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import JsonDocument, UtcDateTime


class CatalogueItem(Base):
    """One approval item for one project category and stage.

    ``phase``: items of a stage with the same phase are reviewed in parallel, phases in ascending order (an
    item that must not run beside others gets a phase of its own).
    ``role``: ``review`` (a department's review) or ``issue`` (the stage's issuance, in phase order).
    """

    __tablename__ = "catalogue_item"
    __table_args__ = (Index("ix_catalogue_item_category_stage", "category", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60))
    name: Mapped[str] = mapped_column(String(100))
    department_code: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(40))
    stage: Mapped[int]
    phase: Mapped[int]
    role: Mapped[str] = mapped_column(String(10))
    committed_days: Mapped[int]
    joint_review: Mapped[bool]
    commitment_allowed: Mapped[bool]
    tolerance_allowed: Mapped[bool]
    materials: Mapped[list[str]] = mapped_column(JsonDocument)
    source: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int]
    valid_from: Mapped[datetime] = mapped_column(UtcDateTime())
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
