"""The 竣工验收备案 a project owes after its joint acceptance opinion."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import UtcDateTime


class CompletionFiling(Base):
    """Opened when the 竣工联合验收意见书 is issued: the filing is due ``due_on`` (15 days later)."""

    __tablename__ = "completion_filing"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), unique=True)
    opinion_number: Mapped[str] = mapped_column(String(40))
    opinion_issued_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    filed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    filed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
