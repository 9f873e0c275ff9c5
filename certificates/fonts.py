"""The embedded CJK TrueType font, and the check that it can draw every character of a certificate.

The font is embedded (as a subset) so that a certificate looks the same in every viewer; the
non-embedded CID font ``STSong-Light`` is never used. A character missing from the font would be
drawn as nothing and extract as ``\\x00``, so it is refused before rendering instead.

Font choice: ``CERT_FONT_PATH`` if set, else WenQuanYi Zen Hei (best coverage of rare name
characters), else WenQuanYi Micro Hei. Each font file is registered once per process.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from .errors import FontMissing, MissingGlyph

ENV_VAR = "CERT_FONT_PATH"
# Debian's fonts first (Zen Hei covers the most rare name characters); the copy of Micro Hei shipped
# with the package (Apache-2.0, see fonts/wqy-microhei.COPYRIGHT.txt) keeps a machine without the
# Debian packages able to issue certificates.
BUNDLED_FONT = str(Path(__file__).parent / "fonts" / "wqy-microhei.ttc")
DEFAULT_FONT_PATHS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    BUNDLED_FONT,
)


@dataclass(frozen=True)
class CertificateFont:
    """A registered font: the reportlab name to draw with, its file and its cmap."""

    name: str
    path: str
    code_points: frozenset[int]

    def missing(self, text: str) -> str:
        """Characters of ``text`` the font cannot draw, each once, in order; whitespace is layout."""
        found = (ch for ch in text if not ch.isspace() and ord(ch) not in self.code_points)
        return "".join(dict.fromkeys(found))


def certificate_font() -> CertificateFont:
    """The font to render with: the ``CERT_FONT_PATH`` override, else the first Debian WenQuanYi font.

    Raises ``FontMissing`` (naming the apt package) when the chosen file is absent or unusable.
    """
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return register_font(override)
    present = [path for path in DEFAULT_FONT_PATHS if Path(path).is_file()]
    return register_font(present[0] if present else DEFAULT_FONT_PATHS[0])


@functools.cache
def register_font(path: str) -> CertificateFont:
    """Load and register the TrueType font at ``path`` (index 0 of a .ttc) once per process."""
    if not Path(path).is_file():
        raise FontMissing(path, "no such file")
    name = f"CertCJK-{Path(path).stem}-{hashlib.sha256(path.encode()).hexdigest()[:8]}"
    try:
        font = TTFont(name, path, subfontIndex=0)
    except (TTFError, OSError) as exc:
        raise FontMissing(path, str(exc)) from exc
    pdfmetrics.registerFont(font)
    return CertificateFont(name, path, frozenset(font.face.charToGlyph))


def check_glyphs(font: CertificateFont, kind: str, texts: Iterable[tuple[str, str]]) -> None:
    """Raise ``MissingGlyph`` naming every field whose text has characters the font lacks."""
    by_field: dict[str, str] = {}
    for field, text in texts:
        missing = font.missing(text)
        if missing:
            by_field[field] = "".join(dict.fromkeys(by_field.get(field, "") + missing))
    if by_field:
        raise MissingGlyph(kind, font.path, tuple(by_field.items()))
