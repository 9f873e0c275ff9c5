"""Paragraph styles and the two custom flowables of a certificate: a centred heading and the QR code.

Every style uses the embedded CJK font and ``wordWrap='CJK'`` (Chinese text breaks between any two
characters, and long URLs break too). The TrueType collection has no bold face, so headings are
emboldened by stroking the glyph outlines (text render mode 2).
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, paragraph

QR_SIZE = 30 * mm
QR_QUIET_ZONE = 4  # modules of white margin the QR standard asks for
STATUS_RED = colors.Color(0.78, 0.05, 0.05)
CAPTION = "扫码核验"


@dataclass(frozen=True)
class Density:
    """Type sizes and spacing; a certificate that overflows one page is retried with ``COMPACT``."""

    body: float = 10.5  # 五号, the body size of Chinese official documents
    leading: float = 15.0
    cell_top: float = 4.0
    cell_bottom: float = 5.0
    preamble: float = 12.0
    preamble_leading: float = 21.0
    note: float = 9.0
    note_leading: float = 13.0
    gap: float = 4 * mm


REGULAR = Density()
SNUG = Density(10.0, 14.0, 3.0, 4.0, 12.0, 19.0, 8.5, 12.5, 3 * mm)
COMPACT = Density(9.5, 13.0, 2.5, 3.5, 11.0, 18.0, 8.5, 11.5, 2.5 * mm)
DENSITIES = (REGULAR, SNUG, COMPACT)

# reportlab's list of characters that may not begin a line (they hang in the margin instead) has the
# ideographic comma and full stop but lacks the other full-width punctuation of Chinese text.
# (A module constant that types-reportlab does not list.)
paragraph.ALL_CANNOT_START += "".join(  # type: ignore[attr-defined]
    ch for ch in "，；：！？》〉" if ch not in paragraph.ALL_CANNOT_START  # type: ignore[attr-defined]
)


@functools.cache
def styles(font: str, density: Density = REGULAR) -> dict[str, ParagraphStyle]:
    """Named paragraph styles for ``font`` at ``density``; built once and never mutated."""
    size, leading = density.body, density.leading
    base = ParagraphStyle("base", fontName=font, fontSize=size, leading=leading, wordWrap="CJK")

    def derive(name: str, **overrides: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **overrides)

    preamble, note = density.preamble, density.note
    return {
        "number": derive("number", fontSize=11, alignment=TA_RIGHT),
        "preamble": derive(
            "preamble",
            fontSize=preamble,
            leading=density.preamble_leading,
            alignment=TA_JUSTIFY,
            firstLineIndent=2 * preamble,
        ),
        "label": derive("label", alignment=TA_CENTER),
        "value": derive("value", alignment=TA_LEFT),
        "block_title": derive("block_title", fontSize=size + 0.5, leading=leading),
        "block_number": derive("block_number", alignment=TA_RIGHT),
        "notes_heading": derive("notes_heading", fontSize=11, leading=16, spaceAfter=2),
        "note": derive(
            "note",
            fontSize=note,
            leading=density.note_leading,
            leftIndent=1.7 * note,
            firstLineIndent=-1.7 * note,
            alignment=TA_JUSTIFY,
        ),
        "status": derive("status", fontSize=15, leading=19, textColor=STATUS_RED),
        "url": derive("url", fontSize=6.5, leading=8.5),
        "signature": derive("signature", fontSize=12, leading=20, alignment=TA_RIGHT),
    }


@functools.cache
def resized(style: ParagraphStyle, size: float, keep_leading: bool) -> ParagraphStyle:
    """``style`` at another size; labels keep the leading so their baseline matches the value's."""
    leading = style.leading if keep_leading else style.leading * size / style.fontSize
    return ParagraphStyle(f"{style.name}-{size:.2f}", parent=style, fontSize=size, leading=leading)


def fitted_para(
    text: str, style: ParagraphStyle, width: float, minimum: float, keep_leading: bool = False
) -> Paragraph:
    """A one-line paragraph shrunk (not below ``minimum`` points) so that it fits ``width``."""
    natural = stringWidth(text, style.fontName, style.fontSize)
    size = max(minimum, style.fontSize * min(1.0, width / natural))
    if size >= style.fontSize:
        return para(text, style)
    return para(text, resized(style, round(size, 2), keep_leading))


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain ``text``: markup characters are escaped and newlines become line breaks."""
    lines = (escape(line.strip()) for line in text.strip().splitlines())
    return Paragraph("<br/>".join(lines), style)


class Heading(Flowable):
    """One line of centred, letter-spaced, stroke-emboldened text; shrinks to fit the width."""

    def __init__(self, text: str, font: str, size: float, char_space: float, bold: bool = True):
        super().__init__()
        self.text, self.font, self.size, self.char_space, self.bold = text, font, size, char_space, bold

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.size * 1.5
        return self.width, self.height

    def _fitted(self) -> tuple[float, float]:
        """Size and letter spacing within 80 % of the width: spacing gives way first, then the size."""
        room = 0.8 * self.width
        gaps = max(len(self.text) - 1, 1)
        natural = stringWidth(self.text, self.font, self.size)
        space = max(0.0, min(self.char_space, (room - natural) / gaps))
        size = self.size * min(1.0, room / natural)
        return size, space

    def draw(self) -> None:
        size, space = self._fitted()
        text_width = stringWidth(self.text, self.font, size) + space * (len(self.text) - 1)
        text = self.canv.beginText((self.width - text_width) / 2, self.height * 0.3)
        text.setFont(self.font, size)
        text.setCharSpace(space)
        if self.bold:
            text.setTextRenderMode(2)
            self.canv.setLineWidth(size * 0.03)
        text.textOut(self.text)
        self.canv.drawText(text)


class VerificationQr(Flowable):
    """The QR code of the verification URL, the caption 扫码核验 under it and the URL in small text."""

    caption_height = 13.0

    def __init__(self, url: str, font: str):
        super().__init__()
        self.url, self.font = url, font
        self.url_para = para(url, styles(font)["url"])

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, self.url_height = self.url_para.wrap(avail_width, avail_height)
        self.width = avail_width
        self.height = QR_SIZE + self.caption_height + self.url_height
        return self.width, self.height

    def draw(self) -> None:
        self.url_para.drawOn(self.canv, 0, 0)
        self.canv.setFont(self.font, 8.5)
        self.canv.drawCentredString(QR_SIZE / 2, self.url_height + 4, CAPTION)
        draw_qr(self.canv, self.url, 0, self.url_height + self.caption_height)


def draw_qr(canvas: Canvas, url: str, x: float, y: float, size: float = QR_SIZE) -> None:
    """Draw the QR code of ``url`` as a ``size`` square at (x, y), quiet zone included.

    reportlab's ``QrCodeWidget`` encodes it (error correction M); the dark modules are then filled as
    one path of horizontal runs, which is several times faster than rendering the widget's drawing
    of one shape per run, and leaves no hairline seams between rows.
    """
    code = QrCodeWidget(url, barLevel="M").qr  # type: ignore[attr-defined]  # set in __init__, not in types-reportlab
    code.make()
    module = size / (code.getModuleCount() + 2 * QR_QUIET_ZONE)
    path = canvas.beginPath()
    for row_index, row in enumerate(code.modules):
        top = y + size - (row_index + QR_QUIET_ZONE + 1) * module
        column = QR_QUIET_ZONE
        for dark, run in itertools.groupby(bool(cell) for cell in row):
            length = len(list(run))
            if dark:
                path.rect(x + column * module, top, length * module, module)
            column += length
    canvas.drawPath(path, stroke=0, fill=1)
