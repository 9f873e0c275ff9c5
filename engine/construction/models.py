"""Phase permit applications (分阶段施工许可) and the 自选下单 orders and licences of the
建筑工程综合许可证."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import JsonDocument, UtcDateTime

AWAITING_COMMITMENT, SUBMITTED, ISSUED = "awaiting_commitment", "submitted", "issued"
PHASE_STATUS_NAMES = {AWAITING_COMMITMENT: "待建设单位确认承诺", SUBMITTED: "待核发", ISSUED: "已核发"}


class PhasePermitApplication(Base):
    """One application for the permit of one construction phase.

    ``materials`` holds what the first application of the project entered (parties, contract, scale);
    a later phase does not ask for them again: it points to that application (``materials_from_id``).
    The quality and safety commitment is the owner's own act (``commitment_confirmed_by``): an agent may
    prepare the application, but it waits for the owner before it can be issued.
    """

    __tablename__ = "phase_permit_application"
    __table_args__ = (UniqueConstraint("project_code", "phase"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    phase: Mapped[str] = mapped_column(String(40))
    materials: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    materials_from_id: Mapped[int | None] = mapped_column(ForeignKey("phase_permit_application.id"))
    status: Mapped[str] = mapped_column(String(24))
    submitted_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    acting_for: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    commitment_confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    commitment_confirmed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    main_number: Mapped[str | None] = mapped_column(String(40))
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    issued_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ComprehensiveOrder(Base):
    """One 自选下单 order: the licences picked, the one form, and the process instance that approves it."""

    __tablename__ = "comprehensive_order"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), unique=True)
    licences: Mapped[list[str]] = mapped_column(JsonDocument)
    form: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    submitted_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    acting_for: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))


class ComprehensiveLicence(Base):
    """A licence granted inside the project's 综合许可证: its own number, scope, validity and conditions.

    It keeps its number when the certificate is re-issued with a licence added.
    """

    __tablename__ = "comprehensive_licence"
    __table_args__ = (UniqueConstraint("project_code", "licence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("comprehensive_order.id"), index=True)
    licence: Mapped[str] = mapped_column(String(60))
    department_code: Mapped[str] = mapped_column(ForeignKey("department.code"))
    number: Mapped[str] = mapped_column(String(40), unique=True)
    scope: Mapped[str] = mapped_column(Text)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    conditions: Mapped[str] = mapped_column(Text)
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime())
