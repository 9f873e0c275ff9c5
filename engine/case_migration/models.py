"""One row per case moved to newer models: from which published version to which, the stages that moved, and
the state revision right after the move (the case may be moved back while its revision is still that one)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import JsonDocument, UtcDateTime


class CaseMigration(Base):
    __tablename__ = "case_migration"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch: Mapped[str] = mapped_column(String(32), index=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    from_spec_id: Mapped[int] = mapped_column(ForeignKey("process_spec.id"))
    to_spec_id: Mapped[int] = mapped_column(ForeignKey("process_spec.id"))
    stages: Mapped[list[str]] = mapped_column(JsonDocument)  # the stage processes that moved
    revision_after: Mapped[str] = mapped_column(String(32))
    migrated_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    migrated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    reverted_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reverted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
