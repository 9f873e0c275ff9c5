"""Special procedures (特别程序) and extension requests (延期申请) on an item."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import UtcDateTime

PENDING, APPROVED, REFUSED = "pending", "approved", "refused"
EXTENSION_STATUS_NAMES = {PENDING: "待审批", APPROVED: "已批准", REFUSED: "不予延期"}


class _OnItem:
    """Which item (work item of which instance, stage and department) the row is about."""

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    task_id: Mapped[str] = mapped_column(String(36), index=True)
    task_name: Mapped[str] = mapped_column(String(120))
    stage: Mapped[str] = mapped_column(String(60))
    department_code: Mapped[str] = mapped_column(ForeignKey("department.code"), index=True)


class SpecialProcedure(_OnItem, Base):
    """A 特别程序 on an item: running while ``ended_at`` is NULL (at most one per item at a time)."""

    __tablename__ = "special_procedure"

    kind: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(Text)
    limit_days: Mapped[int]
    started_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    result: Mapped[str | None] = mapped_column(Text)
    ended_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class DeadlineExtension(_OnItem, Base):
    """An examiner's request for more working days on an item, and the department lead's decision.

    ``deadline_before``/``deadline_after``: the item's deadline when the lead approved (what the owner is told).
    """

    __tablename__ = "deadline_extension"

    days: Mapped[int]
    reason: Mapped[str] = mapped_column(Text)
    requested_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(16), index=True, default=PENDING)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    note: Mapped[str | None] = mapped_column(Text)
    deadline_before: Mapped[date | None] = mapped_column(Date)
    deadline_after: Mapped[date | None] = mapped_column(Date)
