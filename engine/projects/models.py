"""Projects and stage applications."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import JsonDocument, UtcDateTime


class Project(Base):
    """A construction project, identified by its national 项目代码 (GB/T 40058)."""

    __tablename__ = "project"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(40), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    owner_name: Mapped[str] = mapped_column(String(200))
    site_address: Mapped[str] = mapped_column(String(300), default="")
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime())
    time_limit_rule_id: Mapped[int | None] = mapped_column(ForeignKey("time_limit_rule.id"))


class StageApplication(Base):
    """One submission of a stage's single application form; a resubmission is a new round."""

    __tablename__ = "stage_application"
    __table_args__ = (UniqueConstraint("instance_id", "stage", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    stage: Mapped[str] = mapped_column(String(60))
    round: Mapped[int]
    form_key: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    submitted_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    acting_for: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ApplicationDraft(Base):
    """The validated answers of the form of one work item, saved until the applicant submits the stage
    application from the check-your-answers page (then it is deleted: the submission is the record)."""

    __tablename__ = "application_draft"

    task_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    stage: Mapped[str] = mapped_column(String(60))
    form_key: Mapped[str] = mapped_column(String(60))
    data: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    saved_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime())
