"""``render_certificate``: validated data in, deterministic A4 PDF bytes out.

The same data always gives the same bytes (reportlab's ``invariant`` mode fixes the creation date and
the document ID), so a register can store a certificate's sha256 and re-render it to prove it.
Content normally fits one page; if it does not (many licence blocks), it flows onto continuation
pages that repeat the title and number, and the footer ends the last page.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame

from .data import CertificateData
from .errors import CertificateError
from .flowables import DENSITIES, STATUS_RED
from .fonts import CertificateFont, certificate_font, check_glyphs
from .layout import build_story, table_rows

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
TOP, BOTTOM = PAGE_HEIGHT - 17 * mm, 16 * mm
RUNNING_HEADER = 10 * mm
MAX_STRETCH = 4 * mm  # extra height per table row when the page has room
MIN_STRETCH = 1.0  # below this (points), filling the page is not worth a second layout


def check_printable(data: CertificateData) -> CertificateFont:
    """What ``render_certificate`` checks before drawing, without drawing (microseconds, not tens of
    milliseconds): an issuer refuses in its own transaction and renders after committing.

    Raises ``FontMissing`` without a usable font and ``MissingGlyph`` for characters it lacks.
    """
    font = certificate_font()
    check_glyphs(font, data.kind, (*data.template.static_texts(), *data.texts()))
    return font


def render_certificate(data: CertificateData) -> bytes:
    """Render ``data`` as PDF bytes after checking that the font can draw every character.

    Raises ``FontMissing`` without a usable font and ``MissingGlyph`` for characters it lacks.
    """
    font = check_printable(data)
    buffer = io.BytesIO()
    # The initial font is ours too, so that no unembedded Helvetica resource enters the file.
    canvas = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1,
                    initialFontName=font.name)  # type: ignore[arg-type]  # types-reportlab swaps name and size
    _set_metadata(canvas, data)
    _draw_pages(canvas, data, font)
    canvas.save()
    return buffer.getvalue()


def _set_metadata(canvas: Canvas, data: CertificateData) -> None:
    """Title = certificate title + number, so viewers and file lists show which certificate it is."""
    canvas.setTitle(f"{data.template.title} {data.number}")
    canvas.setAuthor(data.issuing_authority)
    canvas.setSubject(data.kind)
    canvas.setCreator("certificates")


def _draw_pages(canvas: Canvas, data: CertificateData, font: CertificateFont) -> None:
    """Pour the story into one frame per page until it is used up."""
    width = PAGE_WIDTH - 2 * MARGIN_X
    story = _fitting_story(data, font.name, width)
    page = 1
    while True:
        _draw_chrome(canvas, data, font.name, page)
        top = TOP if page == 1 else TOP - RUNNING_HEADER
        frame = Frame(MARGIN_X, BOTTOM, width, top - BOTTOM, 0, 0, 0, 0, showBoundary=0)
        _fill(frame, story, canvas, data.kind)
        if not story:
            return
        _draw_continued(canvas, font.name)
        canvas.showPage()
        page += 1


def _fitting_story(data: CertificateData, font: str, width: float) -> list[Flowable]:
    """The most generous layout that fits one page, its table rows stretched into part of the room
    left over; if none fits, the compact layout, which flows onto further pages."""
    for density in DENSITIES:
        story = build_story(data, font, width, density)
        spare = TOP - BOTTOM - _story_height(story, width)
        if spare >= 0:
            stretch = min(MAX_STRETCH, 0.6 * spare / max(table_rows(story), 1))
            return build_story(data, font, width, density, stretch) if stretch >= MIN_STRETCH else story
    return story


def _story_height(story: list[Flowable], width: float) -> float:
    """Height of the story laid out in one unbounded column, spacing included."""
    heights = (item.wrap(width, PAGE_HEIGHT)[1] for item in story)
    spacing = sum(item.getSpaceBefore() + item.getSpaceAfter() for item in story)
    return sum(heights) + spacing


def _fill(frame: Frame, story: list[Flowable], canvas: Canvas, kind: str) -> None:
    """Add flowables to ``frame`` until one does not fit; split that one, place its first part and
    leave the rest for the next page (placing it here too would repeat a table's heading row)."""
    placed = False
    while story:
        if frame.add(story[0], canvas):
            story.pop(0)
            placed = True
            continue
        parts = frame.split(story[0], canvas)
        if parts:
            story[0:1] = parts
            if frame.add(story[0], canvas):
                story.pop(0)
                placed = True
        break
    if story and not placed:
        raise CertificateError("a part of the certificate is too large for a page", kind=kind)


def _draw_chrome(canvas: Canvas, data: CertificateData, font: str, page: int) -> None:
    """Border, running header on continuation pages, and the status note; drawn under the content."""
    _draw_border(canvas)
    if page > 1:
        canvas.setFont(font, 9)
        canvas.drawString(MARGIN_X, TOP - 5 * mm, f"{data.template.title}（续页）")
        number = data.template.number_format.format(number=data.number)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, TOP - 5 * mm, f"{number}　第{page}页")
    if data.status_note.strip():
        _draw_status(canvas, data.status_note.strip(), font, page)


def _draw_border(canvas: Canvas) -> None:
    """A formal double rule: a heavier outer line and a thin inner line."""
    canvas.saveState()
    for inset, line_width in ((10 * mm, 1.2), (11.5 * mm, 0.4)):
        canvas.setLineWidth(line_width)
        canvas.rect(inset, inset, PAGE_WIDTH - 2 * inset, PAGE_HEIGHT - 2 * inset)
    canvas.restoreState()


def _draw_status(canvas: Canvas, note: str, font: str, page: int) -> None:
    """A faint diagonal watermark across every page; later pages also get a small stamp box in the
    running header (page 1 shows the stamp next to the number, as part of the layout)."""
    canvas.saveState()
    canvas.setStrokeColor(STATUS_RED)
    canvas.setFillColor(STATUS_RED)
    if page > 1:
        size = max(6.0, min(10.0, 150 / max(canvas.stringWidth(note, font, 1), 1)))
        box_width, height = canvas.stringWidth(note, font, size) + 8, size + 7
        x, y = (PAGE_WIDTH - box_width) / 2, TOP - 6.5 * mm
        canvas.rect(x, y, box_width, height)
        canvas.setFont(font, size)
        canvas.drawCentredString(PAGE_WIDTH / 2, y + 3.5 + size * 0.12, note)
    canvas.setFillAlpha(0.13)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(35)
    big = min(110.0, 0.8 * PAGE_HEIGHT / max(len(note), 1))
    canvas.setFont(font, big)
    canvas.drawCentredString(0, -big / 3, note)
    canvas.restoreState()


def _draw_continued(canvas: Canvas, font: str) -> None:
    """Tell the reader of a full page that the certificate goes on."""
    canvas.setFont(font, 9)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, BOTTOM - 4 * mm, "（接下页）")
