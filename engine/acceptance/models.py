"""Tables of the acceptance modes: 容缺 cases, 告知承诺 cases, pre-permits and credit records."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import JsonDocument, UtcDateTime

# 容缺 case states, in the order a case normally passes them
SIGNED, OPEN, SUPPLIED = "signed", "open", "supplied"
COMPLETED, SUSPENDED, RETURNED = "completed", "suspended", "returned"
TOLERANCE_STATUS_NAMES = {SIGNED: "已签署承诺书", OPEN: "容缺受理（待补正）", SUPPLIED: "已补正待核验",
                          COMPLETED: "已补齐", SUSPENDED: "逾期中止办理（宽限期）", RETURNED: "已退件"}
# 告知承诺 and pre-permit states
APPROVED, VERIFIED, BREACHED = "approved", "verified", "breached"
COMMITMENT_STATUS_NAMES = {APPROVED: "已按承诺审批（待核查）", VERIFIED: "核查通过", BREACHED: "未履行承诺（已撤销）"}
VALID, CONVERTED, EXPIRED = "valid", "converted", "expired"
PRE_PERMIT_STATUS_NAMES = {VALID: "有效", CONVERTED: "已转为正式施工许可", EXPIRED: "已过期"}


class ToleranceCase(Base):
    """One item of a stage accepted with secondary materials missing (容缺受理), from the owner's signed
    commitment to the materials being supplied and checked, or the case being returned (退件)."""

    __tablename__ = "tolerance_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    stage: Mapped[str] = mapped_column(String(60))
    item: Mapped[str] = mapped_column(String(60))
    missing_materials: Mapped[list[str]] = mapped_column(JsonDocument)
    status: Mapped[str] = mapped_column(String(16), index=True)
    signed_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    accepted_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    supplement_due: Mapped[datetime | None] = mapped_column(UtcDateTime())
    grace_due: Mapped[datetime | None] = mapped_column(UtcDateTime())
    notice_number: Mapped[str | None] = mapped_column(String(40))
    deadline_instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    supplied_materials: Mapped[list[str] | None] = mapped_column(JsonDocument)
    supplied_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    checked_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    check_opinion: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    @property
    def status_name(self) -> str:
        return TOLERANCE_STATUS_NAMES[self.status]


class CommitmentCase(Base):
    """An item decided on the owner's written commitment (告知承诺制), and its after-the-fact verification."""

    __tablename__ = "commitment_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    item: Mapped[str] = mapped_column(String(60))
    commitment_text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    confirmed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    certificate_number: Mapped[str] = mapped_column(String(40))
    verification_due: Mapped[datetime] = mapped_column(UtcDateTime())
    verification_instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    verified_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    site_visit: Mapped[bool | None]
    findings: Mapped[str | None] = mapped_column(Text)

    @property
    def status_name(self) -> str:
        return COMMITMENT_STATUS_NAMES[self.status]


class PrePermit(Base):
    """A time-boxed 施工预许可 of limited scope (先建后验), converted into the formal permit or expired."""

    __tablename__ = "pre_permit"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    scope: Mapped[str] = mapped_column(String(200))
    application: Mapped[dict] = mapped_column(JsonDocument)
    status: Mapped[str] = mapped_column(String(16), index=True)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime())
    valid_until: Mapped[date] = mapped_column(Date)
    certificate_number: Mapped[str] = mapped_column(String(40))
    permit_number: Mapped[str | None] = mapped_column(String(40))
    validity_instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    works_flagged: Mapped[bool] = mapped_column(default=False)

    @property
    def status_name(self) -> str:
        return PRE_PERMIT_STATUS_NAMES[self.status]


class CreditRecord(Base):
    """A bad-credit entry (失信记录) of an owner: excludes 容缺受理 while in force, and with ``banned_until``
    bars 告知承诺 until that date (REFERENCE §3.1 credit gate, §3.2 consequences of breach)."""

    __tablename__ = "credit_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    owner_name: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    project_code: Mapped[str | None] = mapped_column(ForeignKey("project.code"))
    commitment_case_id: Mapped[int | None] = mapped_column(ForeignKey("commitment_case.id"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    in_force_until: Mapped[date | None] = mapped_column(Date)
    banned_until: Mapped[date | None] = mapped_column(Date)
