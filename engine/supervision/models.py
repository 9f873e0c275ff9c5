"""The 电子监察 aggregates: what the statistics need, kept up to date with every clock event in the event's own
transaction (``engine.supervision.upkeep``), so a supervisor's figures read a few thousand rows, not every
clock event ever recorded. Everything here can be rebuilt from ``clock_event`` (``engine.supervision.rebuild``).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import UtcDateTime


class SupervisionTally(Base):
    """Counts of clock events per figure, group, project category and Beijing day.

    ``figure`` is ``item`` (grouped by department), ``stage`` (grouped by stage) or ``completed`` (the stage
    clocks of completed approvals, group ``""``). ``opened`` counts started/resumed events, ``closed``
    paused/stopped ones: net working days are ``Σ (closed - opened) · rank(day) + (opened - closed) · rank(today)``
    (``engine.supervision.days``), so the working calendar is applied when reading, never stored."""

    __tablename__ = "supervision_tally"

    figure: Mapped[str] = mapped_column(String(12), primary_key=True)
    group_code: Mapped[str] = mapped_column(String(60), primary_key=True)
    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    opened: Mapped[int] = mapped_column(default=0)
    closed: Mapped[int] = mapped_column(default=0)
    started: Mapped[int] = mapped_column(default=0)
    stopped: Mapped[int] = mapped_column(default=0)


class SupervisionOpenClock(Base):
    """An item or utility clock that started and has not stopped: the only clocks that can be in 预警/逾期."""

    __tablename__ = "supervision_open_clock"

    clock_key: Mapped[str] = mapped_column(String(80), primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    limit_days: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())

    __table_args__ = (Index("ix_supervision_open_clock_limit_started", "limit_days", "started_at"),)


class SupervisedProject(Base):
    """A project whose first stage clock started (at ``first_started_at``): the projects the category figures
    count."""

    __tablename__ = "supervised_project"

    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), primary_key=True)
    category: Mapped[str] = mapped_column(String(40), index=True)
    first_started_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SupervisedCompletion(Base):
    """An approval instance that ended 办结 and whose stage clocks are counted in the ``completed`` tally."""

    __tablename__ = "supervised_completion"

    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), primary_key=True,
                                             autoincrement=False)


class SupervisionParallel(Base):
    """Completed stage cases and how many of them ran department reviews in parallel, per project category."""

    __tablename__ = "supervision_parallel"

    category: Mapped[str] = mapped_column(String(40), primary_key=True)
    completed: Mapped[int] = mapped_column(default=0)
    parallel: Mapped[int] = mapped_column(default=0)
