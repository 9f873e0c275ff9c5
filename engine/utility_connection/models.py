"""Tables of 水电气联动报装: the one application, its services (one per utility) and its off-site permits."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import JsonDocument, UtcDateTime

# The application: submitted → accepted (or returned) → surveyed (联合踏勘 recorded) → connected (every service).
SUBMITTED, RETURNED, ACCEPTED, SURVEYED, CONNECTED = "submitted", "returned", "accepted", "surveyed", "connected"
APPLICATION_STATUS = {SUBMITTED: "待窗口受理", RETURNED: "已退回", ACCEPTED: "已受理，待联合踏勘",
                      SURVEYED: "已联合踏勘，各单位办理中", CONNECTED: "已全部开通"}
# A service: waiting for the joint survey → 受理勘查 → 验收开通 → connected.
AWAITING_SURVEY, SURVEYING, CONNECTING, DONE = "awaiting_survey", "surveying", "connecting", "connected"
SERVICE_STATUS = {AWAITING_SURVEY: "待联合踏勘", SURVEYING: "待受理勘查", CONNECTING: "待验收开通", DONE: "已开通"}
STEP_NAMES = {SURVEYING: "受理勘查", CONNECTING: "验收开通"}
# An off-site permit under 告知承诺: granted on the commitment, verified later.
COMMITTED, KEPT, BREACHED = "committed", "kept", "breached"
PERMIT_STATUS = {COMMITTED: "已按承诺准予，待核查", KEPT: "核查通过", BREACHED: "未履行承诺，已撤销"}


class UtilityApplication(Base):
    """One 联动报装 application of a project: one form, one window, one joint site survey."""

    __tablename__ = "utility_application"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    contact_person: Mapped[str] = mapped_column(String(50))
    contact_phone: Mapped[str] = mapped_column(String(32))
    demand: Mapped[str] = mapped_column(Text)
    offsite_works: Mapped[list[str]] = mapped_column(JsonDocument)  # permits asked for under 告知承诺
    submitted_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    acting_for: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    accepted_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    window_opinion: Mapped[str] = mapped_column(Text, default="")
    survey_date: Mapped[date | None] = mapped_column(Date)
    surveyed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    surveyed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    survey_participants: Mapped[str] = mapped_column(String(300), default="")
    survey_findings: Mapped[str] = mapped_column(Text, default="")

    @property
    def status_name(self) -> str:
        return APPLICATION_STATUS[self.status]


class UtilityService(Base):
    """One utility of an application, handled by its company: 受理勘查 → 验收开通 within its own limit."""

    __tablename__ = "utility_service"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("utility_application.id"), index=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    service: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(40))
    company_code: Mapped[str] = mapped_column(ForeignKey("department.code"), index=True)
    limit_days: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), index=True)
    deadline_instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"))
    connection_plan: Mapped[str] = mapped_column(Text, default="")
    surveyed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    surveyed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    account_number: Mapped[str] = mapped_column(String(40), default="")
    connection_opinion: Mapped[str] = mapped_column(Text, default="")
    connected_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    connected_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    @property
    def status_name(self) -> str:
        return SERVICE_STATUS[self.status]

    @property
    def clock_key(self) -> str:
        return f"utility:{self.id}"


class OffsiteWorksPermit(Base):
    """An off-site works permit (占道/掘路/占绿) granted at acceptance under 告知承诺, verified by its department."""

    __tablename__ = "utility_offsite_permit"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("utility_application.id"), index=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(40))
    department_code: Mapped[str] = mapped_column(ForeignKey("department.code"), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    verify_by: Mapped[date] = mapped_column(Date)
    verified_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    opinion: Mapped[str] = mapped_column(Text, default="")

    @property
    def status_name(self) -> str:
        return PERMIT_STATUS[self.status]
