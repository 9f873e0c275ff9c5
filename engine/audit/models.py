"""Audit events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..organisation.models import UserAccount
from ..types import JsonDocument, UtcDateTime


class AuditEvent(Base):
    """One action, as it happened. Never updated or deleted.

    Events form one hash chain per ``chain`` (a process instance, or a project for actions outside
    any instance): ``hash`` covers the event's fields and the previous event's hash, and
    ``(chain, seq)`` is unique, so an edited, removed or inserted row breaks verification and two
    writers can never fork a chain silently.
    """

    __tablename__ = "audit_event"
    __table_args__ = (UniqueConstraint("chain", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chain: Mapped[str] = mapped_column(String(60))
    seq: Mapped[int]
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("process_instance.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    actor_name: Mapped[str] = mapped_column(String(80))
    acting_for_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    task_id: Mapped[str | None] = mapped_column(String(36))
    task_name: Mapped[str | None] = mapped_column(String(120))
    status_before: Mapped[str | None] = mapped_column(String(24))
    status_after: Mapped[str | None] = mapped_column(String(24))
    decision: Mapped[str | None] = mapped_column(String(20))
    details: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    acting_for: Mapped[UserAccount | None] = relationship(foreign_keys=[acting_for_id], viewonly=True,
                                                          lazy="selectin")

    @property
    def acting_for_name(self) -> str | None:
        """Whom an agent acted for ("代 建设单位 X 办理"), by the account's current name; None otherwise."""
        return self.acting_for.display_name if self.acting_for is not None else None
