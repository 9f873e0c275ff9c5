"""The night-work permit table: one row per application, from submission to its decision."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import UtcDateTime

PENDING, APPROVED, REFUSED = "pending", "approved", "refused"
STATUS_NAMES = {PENDING: "审查中", APPROVED: "已准予", REFUSED: "不予准许"}
BY_REVIEW, BY_RULE = "review", "repeat_rule"
BASIS_NAMES = {BY_REVIEW: "部门审查", BY_RULE: "重复申请按规则即时核准"}


class NightWorkPermit(Base):
    """An application for night work on a project's site and, once decided, its permit."""

    __tablename__ = "night_work_permit"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    general_contractor: Mapped[str] = mapped_column(String(100))
    contractor_credit_code: Mapped[str] = mapped_column(String(18), index=True)
    works: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(String(300))
    first_night: Mapped[date] = mapped_column(Date)
    last_night: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[str] = mapped_column(String(5))
    end_time: Mapped[str] = mapped_column(String(5))
    noise_measures: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    basis: Mapped[str | None] = mapped_column(String(16))
    repeat_of_id: Mapped[int | None] = mapped_column(ForeignKey("night_work_permit.id"))
    reviewing_department: Mapped[str] = mapped_column(ForeignKey("department.code"))
    submitted_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    acting_for: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    opinion: Mapped[str] = mapped_column(Text, default="")
    certificate_number: Mapped[str | None] = mapped_column(String(40))

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[self.status]

    @property
    def basis_name(self) -> str:
        return BASIS_NAMES.get(self.basis or "", "")

    @property
    def nights(self) -> int:
        return (self.last_night - self.first_night).days + 1
