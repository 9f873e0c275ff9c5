"""Service ratings (好差评) and the follow-ups (整改回访) bad ratings open."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import UtcDateTime

OPEN, CLOSED = "open", "closed"


class ServiceRating(Base):
    """The owner's rating of one stage of a project: one per project and stage, never changed."""

    __tablename__ = "service_rating"
    __table_args__ = (UniqueConstraint("project_code", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    stage: Mapped[str] = mapped_column(String(60))
    level: Mapped[str] = mapped_column(String(24))
    comment: Mapped[str] = mapped_column(Text, default="")
    rated_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    rated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class RatingFollowUp(Base):
    """整改回访 of a bad rating, owned by the stage's lead department until its lead closes it."""

    __tablename__ = "rating_follow_up"

    id: Mapped[int] = mapped_column(primary_key=True)
    rating_id: Mapped[int] = mapped_column(ForeignKey("service_rating.id"), unique=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    stage: Mapped[str] = mapped_column(String(60))
    department_code: Mapped[str] = mapped_column(ForeignKey("department.code"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=OPEN, index=True)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
    due_on: Mapped[date] = mapped_column(Date)
    reply: Mapped[str | None] = mapped_column(Text)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
