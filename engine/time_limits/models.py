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


class ClockStateRow(Base):
    """A clock's state kept beside its events (``engine.clocks.kept``), written with each event in the same
    transaction, so a reading costs the same after 1 or 100 补正 rounds. Never the source of truth: it can be
    rebuilt from the events (``approval clocks rebuild``), and a reading it cannot answer (of the past, on a
    calendar other than ``calendar_key``'s, of a clock whose events ``evaluate`` refuses: ``calendar_key`` None)
    is taken from the events. Its subject columns are the clock's first event's."""

    __tablename__ = "clock_state"

    clock_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    stage: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(120))
    department_code: Mapped[str | None] = mapped_column(ForeignKey("department.code"))
    events: Mapped[int]
    last_event_id: Mapped[int]
    calendar_key: Mapped[str | None] = mapped_column(String(64))
    limit_days: Mapped[int]
    status: Mapped[str] = mapped_column(String(16))
    status_at: Mapped[datetime] = mapped_column(UtcDateTime())
    status_reason: Mapped[str | None] = mapped_column(String(40))
    resumed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_days: Mapped[int]
    used_before_last: Mapped[int]
    deadline: Mapped[date | None] = mapped_column(Date)
    due_at_overdue: Mapped[datetime | None] = mapped_column(UtcDateTime())
    overdue_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_span_start: Mapped[datetime | None] = mapped_column(UtcDateTime())
    last_span_end: Mapped[datetime | None] = mapped_column(UtcDateTime())
