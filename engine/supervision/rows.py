"""The result rows of the supervision queries (plain frozen dataclasses, no tables)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class SupervisionFilter:
    """Which clocks count: those started (accepted) on ``date_from`` … ``date_to`` (Beijing dates, both
    included; open-ended when None), of projects in ``category`` (any when None)."""

    date_from: date | None = None
    date_to: date | None = None
    category: str | None = None


@dataclass(frozen=True)
class AlertRow:
    """An open item whose clock reads 预警 or 逾期."""

    project_code: str
    project_name: str
    item: str
    stage: str
    state: str  # 预警 / 逾期
    used_days: int
    limit_days: int
    overdue_days: int
    deadline: date
    paused: bool
    provisional: bool = False  # 暂定: the deadline used a day of a year without an official schedule
    clock_key: str = ""  # to open the clock's events (drill-down)


@dataclass(frozen=True)
class DepartmentAlerts:
    """The items of one department in 预警/逾期, most overdue first."""

    department_code: str
    department: str
    warning: int
    overdue: int
    rows: list[AlertRow] = field(default_factory=list)


@dataclass(frozen=True)
class NetDays:
    """Net working days (pauses excluded) of the clocks of one department or one stage.

    ``clocks`` counts clock runs (a stage returned and accepted again is a second run), ``completed`` those
    stopped; ``total_days`` sums completed and running clocks (a running one as read now)."""

    code: str
    name: str
    clocks: int
    completed: int
    total_days: int

    @property
    def average_days(self) -> float | None:
        return round(self.total_days / self.clocks, 2) if self.clocks else None


@dataclass(frozen=True)
class ParallelRate:
    """REQ-S0-04 并联审批率: ``parallel`` of ``completed`` stage cases ran department reviews concurrently."""

    completed: int
    parallel: int

    @property
    def rate(self) -> float | None:
        return round(self.parallel / self.completed, 4) if self.completed else None


@dataclass(frozen=True)
class CategoryTotal:
    """Average total working days (sum of a project's stage clocks, pauses excluded) against the limit."""

    category: str
    name: str
    limit_days: int
    projects: int
    total_days: int
    completed: int
    completed_days: int

    @property
    def average_days(self) -> float | None:
        return round(self.total_days / self.projects, 2) if self.projects else None

    @property
    def average_completed_days(self) -> float | None:
        return round(self.completed_days / self.completed, 2) if self.completed else None


@dataclass(frozen=True)
class SupervisionStatistics:
    """Everything the supervisor board shows from the clocks, read at ``as_of``."""

    filter: SupervisionFilter
    as_of: datetime
    alerts: list[DepartmentAlerts]
    by_department: list[NetDays]
    by_stage: list[NetDays]
    parallel: ParallelRate
    categories: list[CategoryTotal]
