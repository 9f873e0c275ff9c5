"""Agency authorisations (授权委托) granted by owners to agents."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import JsonDocument, UtcDateTime

GRANTED, REVOKED = "granted", "revoked"


class AgencyAuthorisation(Base):
    """An owner lets an agent act on one project, for some stages and acts, for a period.

    ``stages`` holds stage numbers (1–4), ``acts`` act codes (see ``rules.ACTS``); both are sorted
    and free of duplicates. ``status`` is ``granted`` or ``revoked``; expiry is not stored but read
    from ``valid_to`` against the clock, so a grant is in force iff granted and
    ``valid_from <= now < valid_to``.
    """

    __tablename__ = "agency_authorisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    stages: Mapped[list[int]] = mapped_column(JsonDocument)
    acts: Mapped[list[str]] = mapped_column(JsonDocument)
    valid_from: Mapped[datetime] = mapped_column(UtcDateTime())
    valid_to: Mapped[datetime] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(16), default=GRANTED)
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoke_reason: Mapped[str | None] = mapped_column(Text)

    def in_force(self, now: datetime) -> bool:
        return self.status == GRANTED and self.valid_from <= now < self.valid_to
