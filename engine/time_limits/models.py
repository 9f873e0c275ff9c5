"""Holiday schedules loaded by an administrator, time-limit rules, and append-only clock events."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import JsonDocument, UtcDateTime


class CalendarYear(Base):
    """A year whose State Council schedule was loaded: its working days are exactly what was declared."""

    __tablename__ = "calendar_year"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    source: Mapped[str] = mapped_column(String(200))
    loaded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class CalendarDay(Base):
    """One listed day: a holiday or a make-up working day (调休)."""

    __tablename__ = "calendar_day"

    day: Mapped[date] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    is_working_day: Mapped[bool]
    note: Mapped[str] = mapped_column(String(80), default="")


class ClockEventRow(Base):
    """One event of a stage's or an item's clock. Rows are only ever added."""

    __tablename__ = "clock_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    clock_key: Mapped[str] = mapped_column(String(80), index=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    stage: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(120))
    department_code: Mapped[str | None] = mapped_column(ForeignKey("department.code"))
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)  # the latest: are the 电子监察 aggregates current
    limit_days: Mapped[int | None]
    days: Mapped[int | None]
    reason: Mapped[str | None] = mapped_column(String(40))


class TimeLimitRule(Base):
    """A category's total and per-stage limits (working days), in force from ``effective_from``.

    Never edited: a new rule with a later ``effective_from`` takes over. A project is bound to the rule in
    force on the day its first stage was accepted (``Project.time_limit_rule_id``), so a change never moves
    its deadlines.
    """

    __tablename__ = "time_limit_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    category: Mapped[str] = mapped_column(String(40), index=True)
    effective_from: Mapped[date] = mapped_column(Date)
    total_days: Mapped[int]
    stage_days: Mapped[dict[str, int]] = mapped_column(JsonDocument)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ClockAlarm(Base):
    """A clock without deadline timers of its own (a 特别程序, the 综合许可 order, a joint acceptance step) that the
    sweeper found 逾期: recorded once, so its ``clock_overdue`` audit entry is written once."""

    __tablename__ = "clock_alarm"

    clock_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
