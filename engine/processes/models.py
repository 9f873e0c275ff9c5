"""Process specs (published model versions) and process instances (workflow state)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import JsonDocument, UtcDateTime


class ProcessSpec(Base):
    """One published version of the model files, stored once (keyed by the files' sha256).

    The XML is kept so an instance started on an old version can still be loaded after the models
    on disk have changed: a changed model is a new version, never an edit.
    """

    __tablename__ = "process_spec"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(unique=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    files: Mapped[dict[str, str]] = mapped_column(JsonDocument)
    published_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ProcessInstance(Base):
    """A running or finished process of a project, with its SpiffWorkflow state.

    ``version`` is SQLAlchemy's optimistic counter (a backstop behind the row lock); ``revision`` is a
    random token rewritten on every save, so a worker's cached copy is reused only if it is exactly
    the state in the database (a rolled-back save never leaves a matching token behind).
    """

    __tablename__ = "process_instance"
    __table_args__ = (UniqueConstraint("project_code", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    spec_id: Mapped[int] = mapped_column(ForeignKey("process_spec.id"))
    process_id: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20), index=True)
    state: Mapped[str] = mapped_column(Text)
    serializer_version: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(default=1)
    revision: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - SQLAlchemy's declarative hook
