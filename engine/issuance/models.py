"""The certificate register and its number counters."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

import certificates

from ..db import Base
from ..types import JsonDocument, UtcDateTime

VALID, SUPERSEDED, REVOKED, EXPIRED = "valid", "superseded", "revoked", "expired"
STATUSES = (VALID, SUPERSEDED, REVOKED, EXPIRED)
STATUS_NAMES = {VALID: "有效", SUPERSEDED: "已被替代", REVOKED: "已撤销", EXPIRED: "已失效"}


class Certificate(Base):
    """One issued certificate: what was printed (``data``, the ``pdf`` and its ``sha256``) and its status.

    Printed content never changes: a correction is a new certificate that ``supersedes`` this one
    (``superseded_by_id`` points to it). ``data`` holds the ``certificates.CertificateData`` fields as
    JSON, so the PDF can be re-rendered and compared byte for byte (rendering is deterministic).
    """

    __tablename__ = "certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"), index=True)
    stage: Mapped[str | None] = mapped_column(String(60))
    department_code: Mapped[str | None] = mapped_column(ForeignKey("department.code"))
    holder: Mapped[str] = mapped_column(String(200))
    issuing_authority: Mapped[str] = mapped_column(String(120))
    issue_date: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    data: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), index=True)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("certificate.id"))
    issued_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime())
    status_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revocation_reason: Mapped[str | None] = mapped_column(Text)

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[self.status]

    @property
    def title(self) -> str:
        """The certificate's printed title, e.g. 建筑工程施工许可证."""
        return certificates.get_template(self.kind).title

    @property
    def printed_number(self) -> str:
        """The number as printed, e.g. 建字第420104202600001号."""
        return certificates.get_template(self.kind).number_format.format(number=self.number).removeprefix("编号：")


class CertificateCounter(Base):
    """The last sequence number used in one numbering series and period (a day, a year, a main permit).

    Allocation locks the row (``SELECT … FOR UPDATE``), so two issuers never take the same number.
    """

    __tablename__ = "certificate_counter"

    series: Mapped[str] = mapped_column(String(40), primary_key=True)
    period: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[int]


class ResultHandover(Base):
    """统一出件: the window handed a stage's certificates to the applicant (one row per stage, never changed)."""

    __tablename__ = "result_handover"
    __table_args__ = (UniqueConstraint("project_code", "stage", name="uq_result_handover_project_code_stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    stage: Mapped[str] = mapped_column(String(60))
    numbers: Mapped[list[str]] = mapped_column(JsonDocument)
    method: Mapped[str] = mapped_column(String(16))
    received_by: Mapped[str] = mapped_column(String(80))
    handed_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    handed_at: Mapped[datetime] = mapped_column(UtcDateTime())
