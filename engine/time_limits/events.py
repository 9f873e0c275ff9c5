"""A stored clock event as ``engine.clocks`` takes it (the ledger, the kept states and every reader of events)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from ..clocks import ClockEvent, EventKind
from .models import ClockEventRow


class _EventColumns(Protocol):
    kind: str
    at: datetime
    limit_days: int | None
    days: int | None
    reason: str | None


def clock_event(row: ClockEventRow | _EventColumns) -> ClockEvent:
    """A stored event as ``evaluate`` takes it."""
    if row.kind == EventKind.STARTED:
        return ClockEvent.started(row.at, row.limit_days or 0)
    if row.kind == EventKind.PAUSED:
        return ClockEvent.paused(row.at, row.reason or "correction")
    if row.kind == EventKind.EXTENDED:
        return ClockEvent.extended(row.at, row.days or 0, row.reason or "")
    return ClockEvent.resumed(row.at) if row.kind == EventKind.RESUMED else ClockEvent.stopped(row.at)
