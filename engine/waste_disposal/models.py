"""The tables of 建筑垃圾处置核准: one row per application (and, once every department approved, its licence)
and one row per department's review of it."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..types import UtcDateTime

PENDING, APPROVED, REFUSED = "pending", "approved", "refused"
STATUS_NAMES = {PENDING: "审查中", APPROVED: "已核准", REFUSED: "不予核准"}
REVIEW_NAMES = {PENDING: "待审查", APPROVED: "同意", REFUSED: "不同意"}


class WasteDisposalLicence(Base):
    """An application to carry construction waste from a project's site to a disposal site, and its licence."""

    __tablename__ = "waste_disposal_licence"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    transport_company: Mapped[str] = mapped_column(String(100))
    transport_credit_code: Mapped[str] = mapped_column(String(18))
    categories: Mapped[str] = mapped_column(String(100))  # codes of rules.CATEGORIES, comma-separated
    volume_m3: Mapped[int] = mapped_column(Integer)
    route: Mapped[str] = mapped_column(Text)
    vehicle_plates: Mapped[str] = mapped_column(Text)  # one plate per line
    disposal_site: Mapped[str] = mapped_column(String(20))
    # The site's district when the licence was applied for: the district that supervises where it ends.
    disposal_district: Mapped[str] = mapped_column(String(6), index=True)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    submitted_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    acting_for: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    certificate_number: Mapped[str | None] = mapped_column(String(40))
    reviews: Mapped[list[WasteDisposalReview]] = relationship(
        back_populates="licence", order_by="WasteDisposalReview.id", lazy="selectin")

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[self.status]

    @property
    def category_codes(self) -> list[str]:
        return self.categories.split(",")

    @property
    def plates(self) -> list[str]:
        return self.vehicle_plates.splitlines()


class WasteDisposalReview(Base):
    """One department's review of the part of an application it answers for (分类审批)."""

    __tablename__ = "waste_disposal_review"
    __table_args__ = (UniqueConstraint("licence_id", "department_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    licence_id: Mapped[int] = mapped_column(ForeignKey("waste_disposal_licence.id"), index=True)
    department_code: Mapped[str] = mapped_column(ForeignKey("department.code"), index=True)
    aspect: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(16), index=True)
    opinion: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    licence: Mapped[WasteDisposalLicence] = relationship(back_populates="reviews")

    @property
    def status_name(self) -> str:
        return REVIEW_NAMES[self.status]
