"""多测合一: the owner's one commission of a survey firm, its one result set, and who consumed it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import JsonDocument, UtcDateTime

COMMISSIONED, COMPLETED = "commissioned", "completed"
STATUS_NAMES = {COMMISSIONED: "测绘中", COMPLETED: "成果已提交"}


class SurveyCommission(Base):
    """The project's single survey commission (一次委托): one firm, the configured surveys."""

    __tablename__ = "survey_commission"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), unique=True)
    firm_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    surveys: Mapped[list[str]] = mapped_column(JsonDocument)
    status: Mapped[str] = mapped_column(String(16))
    commissioned_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    commissioned_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SurveyResult(Base):
    """The one result set (成果共享): figures per survey, uploaded once by the commissioned firm."""

    __tablename__ = "survey_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    commission_id: Mapped[int] = mapped_column(ForeignKey("survey_commission.id"), unique=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), unique=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    figures: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SurveyResultUse(Base):
    """A department's acceptance read the shared result: a reference to the one row, never a copy."""

    __tablename__ = "survey_result_use"
    __table_args__ = (UniqueConstraint("result_id", "department_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("survey_result.id"), index=True)
    department_code: Mapped[str] = mapped_column(ForeignKey("department.code"))
    used_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    used_at: Mapped[datetime] = mapped_column(UtcDateTime())
