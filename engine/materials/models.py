"""Material blobs (content-addressed bytes) and the materials attached to projects' stages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base
from ..types import UtcDateTime


class MaterialBlob(Base):
    """The bytes of one distinct content, stored once however often it is attached. Never updated."""

    __tablename__ = "material_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    content_type: Mapped[str] = mapped_column(String(80))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Material(Base):
    """A file attached to one stage of a project. Removing it only marks it removed (``removed_at``):
    the audit trail keeps pointing at bytes that still exist."""

    __tablename__ = "material"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_code: Mapped[str] = mapped_column(ForeignKey("project.code"), index=True)
    stage: Mapped[str] = mapped_column(String(60))
    requirement: Mapped[str | None] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(ForeignKey("material_blob.sha256"), index=True)
    size: Mapped[int]
    content_type: Mapped[str] = mapped_column(String(80))
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    acting_for: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    removed_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
