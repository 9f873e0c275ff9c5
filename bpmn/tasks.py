"""The shapes in which the engine sees tasks and timers (plain data, no SpiffWorkflow types)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class HumanTask:
    """A READY user task: who (lane), with which form (form_key), in which process (stage)."""

    id: str
    bpmn_id: str
    name: str
    lane: str | None
    form_key: str | None
    process_id: str
    properties: Mapping[str, str] = field(default_factory=dict)
    documentation: str | None = None


@dataclass(frozen=True)
class DueTimer:
    """A timer the instance waits on, and when it is due."""

    task_id: str
    bpmn_id: str
    process_id: str
    name: str
    due_at: datetime
