"""Errors raised by ``certificates``. Each carries the context needed to act on it.

A certificate that cannot be rendered faithfully is refused: a missing font, a character the font
cannot draw (it would come out as an empty box or ``\\x00`` in the text layer) or a missing field.
"""

from __future__ import annotations

APT_PACKAGE = "fonts-wqy-zenhei"


class CertificateError(ValueError):
    """Base of every error raised by ``certificates``; ``kind`` and ``field`` say where, if known."""

    def __init__(self, message: str, kind: str | None = None, field: str | None = None):
        self.kind, self.field = kind, field
        super().__init__(message)


class UnknownKind(CertificateError):
    """The ``kind`` of a certificate has no template."""

    def __init__(self, kind: str, known: tuple[str, ...]):
        self.known = known
        super().__init__(f"unknown certificate kind {kind!r}; known kinds: {', '.join(known)}", kind=kind)


class IncompleteCertificate(CertificateError):
    """Required fields of the kind are absent or blank; ``missing`` lists their labels in template order."""

    def __init__(self, kind: str, missing: tuple[str, ...]):
        self.missing = missing
        labels = "、".join(missing)
        super().__init__(f"{kind}: missing required fields: {labels}", kind=kind, field=missing[0])


class FontMissing(CertificateError):
    """The CJK TrueType font cannot be loaded; the message says which package provides it."""

    def __init__(self, path: str, reason: str):
        self.path, self.reason = path, reason
        super().__init__(
            f"CJK font {path!r} unusable ({reason}); install it with "
            f"`apt-get install {APT_PACKAGE}` or point CERT_FONT_PATH at a TrueType CJK font"
        )


class MissingGlyph(CertificateError):
    """Characters of the certificate are not in the font's cmap.

    ``problems`` holds ``(field, characters)`` for every affected field; ``field`` and ``characters``
    are those of the first one, so the common single-field case reads naturally.
    """

    def __init__(self, kind: str, font_path: str, problems: tuple[tuple[str, str], ...]):
        self.font_path, self.problems = font_path, problems
        self.characters = problems[0][1]
        details = "; ".join(f"{field}: {_describe(chars)}" for field, chars in problems)
        super().__init__(f"{kind}: font {font_path} has no glyph for {details}", kind=kind, field=problems[0][0])


def _describe(chars: str) -> str:
    """Show each character with its code point, because rare ones are often invisible in logs."""
    return " ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in chars)
