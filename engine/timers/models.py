"""Timer rows, rebuilt from the workflow after every action."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import UtcDateTime


class Timer(Base):
    """A timer event a process instance waits on."""

    __tablename__ = "timer"

    task_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    bpmn_id: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(120))
    stage: Mapped[str] = mapped_column(String(60))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
