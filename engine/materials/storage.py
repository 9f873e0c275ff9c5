"""What an upload is, whether it may be stored, and storing its bytes once.

* Type: detected from the magic bytes only. PDF (``%PDF-``), JPEG (``FF D8 FF``), PNG (its 8-byte
  signature) and OFD (GB/T 33190: a ZIP container with ``OFD.xml`` at its root). Any other ZIP, an
  HTML page or an executable renamed ``.pdf`` is refused.
* Name: shown to people and sent back as a download name, never used as a path. A name with a path
  separator, a drive or stream colon, a leading dot, NUL, control or bidi-format characters, or more
  than ``MAX_NAME`` characters is refused rather than "cleaned", so what people see is what was sent.
* Bytes: one ``material_blob`` row per sha256, inserted with ON CONFLICT DO NOTHING so two uploads
  of the same content never collide.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from .errors import MaterialNameRefused, MaterialTooLarge, MaterialTypeRefused
from .models import MaterialBlob

MIB = 1024 * 1024
PDF, JPEG, PNG, OFD = "application/pdf", "image/jpeg", "image/png", "application/ofd"
TYPE_NAMES = {PDF: "PDF", JPEG: "JPEG 图片", PNG: "PNG 图片", OFD: "OFD 版式文档"}
MAX_NAME = 120
_REFUSED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # control, bidi/format, unassigned, separators


@dataclass(frozen=True)
class MaterialLimits:
    """Configuration of uploads (the web application reads it from ``MATERIAL_*`` settings)."""

    max_bytes: int = 20 * MIB
    allowed_types: frozenset[str] = field(default_factory=lambda: frozenset(TYPE_NAMES))


@dataclass(frozen=True)
class Upload:
    """A checked upload, ready to store."""

    display_name: str
    data: bytes
    sha256: str
    content_type: str

    @property
    def size(self) -> int:
        return len(self.data)


def checked(name: str | None, data: bytes, limits: MaterialLimits) -> Upload:
    """The upload if its name, size and detected type are acceptable.

    :raise MaterialNameRefused, MaterialTooLarge, MaterialTypeRefused: with a Chinese reason.
    """
    display_name = safe_name(name)
    if len(data) > limits.max_bytes:
        raise MaterialTooLarge(f"文件超过大小上限（{_size(limits.max_bytes)}）", max_bytes=limits.max_bytes,
                               size=len(data))
    if not data:
        raise MaterialTypeRefused("文件为空", display_name=display_name)
    content_type = detect_type(data)
    if content_type is None or content_type not in limits.allowed_types:
        allowed = "、".join(TYPE_NAMES.get(t, t) for t in sorted(limits.allowed_types))
        raise MaterialTypeRefused(f"文件类型不受支持，仅接受 {allowed}（按文件内容识别，与扩展名无关）",
                                  display_name=display_name)
    return Upload(display_name, data, hashlib.sha256(data).hexdigest(), content_type)


def detect_type(data: bytes) -> str | None:
    """The content type the bytes really are, or None if none we know."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"PK\x03\x04") and _is_ofd(data):
        return OFD
    return None


def _is_ofd(data: bytes) -> bool:
    # Only the central directory is read; nothing is extracted, so a ZIP bomb costs nothing here.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "OFD.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def safe_name(name: str | None) -> str:
    """The display name as sent (NFC, surrounding spaces trimmed) if it is safe to show and to offer
    as a download name.

    :raise MaterialNameRefused: empty, too long, a path or a name with control characters.
    """
    text = unicodedata.normalize("NFC", name or "").strip()
    if not text:
        raise MaterialNameRefused("文件名不能为空")
    if len(text) > MAX_NAME:
        raise MaterialNameRefused(f"文件名过长（不超过{MAX_NAME}个字符）", length=len(text))
    if any(unicodedata.category(c) in _REFUSED_CATEGORIES for c in text):
        raise MaterialNameRefused("文件名含有控制字符或不可见字符")
    if "/" in text or "\\" in text or ":" in text:
        raise MaterialNameRefused("文件名不能包含路径（/、\\ 或 :）", display_name=text)
    if text.startswith("."):
        raise MaterialNameRefused("文件名不能以“.”开头", display_name=text)
    return text


def store_blob(session: Session, upload: Upload) -> None:
    """Insert the bytes unless that content is stored already (by anyone, in any project)."""
    values = {"sha256": upload.sha256, "size": upload.size, "content_type": upload.content_type,
              "data": upload.data}
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(MaterialBlob).values(**values).on_conflict_do_nothing(index_elements=["sha256"]))


def _size(n: int) -> str:
    return f"{n / MIB:g} MiB" if n >= MIB else f"{n} 字节"
