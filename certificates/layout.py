"""The body of a certificate as a list of flowables: header, field table, licence blocks, notes, footer.

Tables put each label on a single line (long labels are shrunk), pair two short fields on one row only
when both values fit on one line, and align cells to the top. Text extraction therefore reads every
value as one run — the same property a person copying text from the PDF relies on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle, TopPadder

from .data import CertificateData, LicenceBlock
from .flowables import REGULAR, STATUS_RED, Density, Heading, VerificationQr, fitted_para, para, styles

CELL_PADDING = 4.0
LABEL_SHADE = colors.Color(0.95, 0.95, 0.95)
BLOCK_SHADE = colors.Color(0.88, 0.88, 0.88)
NUMERALS = "一二三四五六七八九十"

TableCommand = tuple[Any, ...]  # reportlab's (name, start cell, end cell, *arguments)
Cells = list[list[Any]]


def _zero_padding(start: tuple[int, int] = (0, 0), end: tuple[int, int] = (-1, -1)) -> list[TableCommand]:
    """Table style commands that remove the padding of the cells from ``start`` to ``end``."""
    return [(f"{side}PADDING", start, end, 0) for side in ("LEFT", "RIGHT", "TOP", "BOTTOM")]


_NO_PADDING = _zero_padding()

Cell = tuple[str, str]
Row = tuple[Cell, ...]


def build_story(
    data: CertificateData, font: str, width: float, density: Density = REGULAR, stretch: float = 0.0
) -> list[Flowable]:
    """All flowables of the certificate in reading order; notes and footer end the last page.

    ``stretch`` is extra height for every table row, used to fill a page that has room to spare.
    """
    return _Builder(data, font, width, density, stretch).story()


def table_rows(story: list[Flowable]) -> int:
    """How many table rows a story's field and licence tables have (the rows ``stretch`` applies to)."""
    return sum(getattr(item, "row_count", 0) for item in story)


def field_rows(data: CertificateData, fits: Callable[[str], bool] = lambda _: True) -> list[Row]:
    """Rows of the field table in template order, then extra labels. Two neighbouring half fields share
    a row when ``fits`` accepts both values; blank optional fields are left out."""
    template = data.template
    entries = [(spec.label, data.value(spec.label), spec.half) for spec in template.fields]
    known = {spec.label for spec in template.fields}
    entries += [(label, value, False) for label, value in data.fields if label not in known]
    rows: list[Row] = []
    pending: Cell | None = None
    for label, value, half in entries:
        if not value.strip():
            continue
        pairable = half and fits(value)
        if pending is not None and pairable:
            rows.append((pending, (label, value)))
            pending = None
            continue
        if pending is not None:
            rows.append((pending,))
        pending = (label, value) if pairable else None
        if not pairable:
            rows.append(((label, value),))
    return [*rows, (pending,)] if pending else rows


def chinese_date(data: CertificateData) -> str:
    """The issue date as printed on Chinese certificates, e.g. 2026年11月22日."""
    day = data.issue_date
    return f"{day.year}年{day.month}月{day.day}日"


class _Builder:
    """Builds the flowables of one certificate at one density; holds the shared column widths."""

    def __init__(self, data: CertificateData, font: str, width: float, density: Density, stretch: float):
        self.data, self.font, self.width, self.density, self.stretch = data, font, width, density, stretch
        self.template, self.style = data.template, styles(font, density)
        self.label_width = self._label_width()
        self.half_width = (width - 2 * self.label_width) / 2

    def story(self) -> list[Flowable]:
        """Header, field table, one table per licence, then notes and footer pinned to the bottom."""
        gap = self.density.gap
        story = [*self._header(), Spacer(0, gap * 0.75), self._field_table()]
        for index, block in enumerate(self.data.blocks, start=1):
            story += [Spacer(0, gap * 0.75), self._block_table(index, block)]
        return [*story, Spacer(0, gap), TopPadder(self._closing())]

    def _closing(self) -> Table:
        """Notes and footer as one unsplittable unit at the bottom of the last page."""
        rows: Cells = [[self._notes()], [Spacer(0, self.density.gap)], [self._footer()]]
        return self._table(rows, [self.width], _NO_PADDING, cls=_Unsplittable)

    def _header(self) -> list[Flowable]:
        """中华人民共和国 (on licences), the title, the number at the right and the legal sentence."""
        header: list[Flowable] = [Spacer(0, self.density.gap / 2)]
        if self.template.header_line:
            header.append(Heading(self.template.header_line, self.font, 16, char_space=6, bold=False))
        header += [Heading(self.template.title, self.font, 26, char_space=8), Spacer(0, self.density.gap)]
        number = para(self.template.number_format.format(number=self.data.number), self.style["number"])
        header += [self._status_and(number), Spacer(0, self.density.gap / 2)]
        return [*header, para(self.template.preamble, self.style["preamble"])]

    def _status_and(self, number: Flowable) -> Flowable:
        """The number line; with a status note (已作废…), a red stamp box at its left."""
        note = self.data.status_note.strip()
        if not note:
            return number
        style = self.style["status"]
        stamp_width = min(stringWidth(note, self.font, style.fontSize) + 14, self.width * 0.48)
        stamp_style = [("BOX", (0, 0), (-1, -1), 1.6, STATUS_RED), *_NO_PADDING]
        stamp_style += [("LEFTPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
        stamp = self._table([[para(note, style)]], [stamp_width], stamp_style, hAlign="LEFT")
        line_style = [*_NO_PADDING, ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]
        return self._table([[stamp, number]], [self.width / 2, self.width / 2], line_style)

    def _label_width(self) -> float:
        """One label column width for the whole certificate: the widest label plus slack, 26–50 mm."""
        labels = [spec.label for spec in self.template.fields] + [label for label, _ in self.data.fields]
        labels += [*(label for block in self.data.blocks for label, _ in block.fields)]
        widest = max(stringWidth(label, self.font, self.density.body) for label in labels)
        return min(max(widest + 2 * CELL_PADDING + 4 * mm, 26 * mm), 50 * mm)

    def _fits_half(self, value: str) -> bool:
        """Whether ``value`` fits on one line of a half-width value cell."""
        room = self.half_width - 2 * CELL_PADDING
        return "\n" not in value and stringWidth(value, self.font, self.density.body) <= room

    def _label(self, text: str) -> Flowable:
        """A label paragraph, shrunk (down to 7 pt) when it would otherwise wrap."""
        room = self.label_width - 2 * CELL_PADDING - 0.5
        return fitted_para(text, self.style["label"], room, 7.0, keep_leading=True)

    def _value(self, text: str) -> Flowable:
        """A value paragraph: wraps between any two characters, keeps the caller's line breaks."""
        return para(text, self.style["value"])

    def _field_table(self) -> Table:
        """Label | value rows; a row of two short fields nests value | label | value in its value cell.

        No cell spans columns: reportlab loses a spanned cell's width when it splits a long row
        across pages, so nesting keeps long values splittable.
        """
        cells, commands = [], self._grid_commands()
        for index, row in enumerate(field_rows(self.data, self._fits_half)):
            (label, value), *second = row
            if second:
                cells.append([self._label(label), self._pair(value, *second[0])])
                commands += _zero_padding((1, index), (1, index))
            else:
                cells.append([self._label(label), self._value(value)])
        return self._grid_table(cells, [self.label_width, self.width - self.label_width], commands)

    def _pair(self, value: str, label: str, second_value: str) -> Table:
        """The value cell of a paired row: value | shaded label | value, ruled like the outer grid."""
        commands = [cmd for cmd in self._grid_commands() if cmd[0] not in ("GRID", "BOX", "BACKGROUND")]
        commands += [("LINEBEFORE", (1, 0), (2, 0), 0.5, colors.black), ("BACKGROUND", (1, 0), (1, 0), LABEL_SHADE)]
        cells = [[self._value(value), self._label(label), self._value(second_value)]]
        return self._table(cells, [self.half_width, self.label_width, self.half_width], commands)

    def _block_table(self, index: int, block: LicenceBlock) -> Table:
        """One bordered block per licence: a shaded title row, the licence number, then its fields."""
        rows: list[list[Flowable | str]] = [[self._block_heading(index, block), ""]]
        for label, value in self._block_fields(block):
            rows.append([self._label(label), self._value(value)])
        commands = self._grid_commands()
        commands += [("SPAN", (0, 0), (1, 0)), ("BACKGROUND", (0, 0), (1, 0), BLOCK_SHADE)]
        return self._grid_table(rows, [self.label_width, self.width - self.label_width], commands, repeat_rows=1)

    def _block_heading(self, index: int, block: LicenceBlock) -> Table:
        """The shaded first row of a licence block: ordinal and title at the left, number at the right."""
        ordinal = NUMERALS[index - 1] if index <= len(NUMERALS) else str(index)
        title = para(f"{ordinal}、{block.title}", self.style["block_title"])
        number = para(f"许可编号：{block.number}", self.style["block_number"])
        inner = self.width - 2 * CELL_PADDING
        return self._table([[title, number]], [inner * 0.55, inner * 0.45], _NO_PADDING)

    def _block_fields(self, block: LicenceBlock) -> list[Cell]:
        """Template block fields first (scope, validity, conditions), then the licence's own extras."""
        specs = self.template.block_fields
        known = {spec.label for spec in specs}
        ordered = [(spec.label, block.value(spec.label)) for spec in specs]
        ordered += [(label, value) for label, value in block.fields if label not in known]
        return [(label, value) for label, value in ordered if value.strip()]

    def _grid_commands(self) -> list[TableCommand]:
        """Thin inner grid, a heavier outer border, shaded label column, top-aligned cells."""
        return [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("BOX", (0, 0), (-1, -1), 1.0, colors.black),
            ("BACKGROUND", (0, 0), (0, -1), LABEL_SHADE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), self.density.cell_top + self.stretch / 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.density.cell_bottom + self.stretch / 2),
        ]

    def _style(self, commands: list[TableCommand]) -> TableStyle:
        """The cell font is ours: reportlab's default would add an unembedded Helvetica."""
        return TableStyle([("FONT", (0, 0), (-1, -1), self.font, self.density.body), *commands])

    def _table(
        self, cells: Cells, widths: list[float], commands: list[TableCommand], cls: type[Table] = Table, **options: Any
    ) -> Table:
        return cls(cells, colWidths=widths, style=self._style(commands), **options)

    def _grid_table(
        self, cells: Cells, widths: list[float], commands: list[TableCommand], repeat_rows: int = 0
    ) -> Table:
        """A field or licence table: splits between and inside rows, tagged with its row count."""
        table = _GridTable(cells, colWidths=widths, style=self._style(commands), repeatRows=repeat_rows, splitInRow=1)
        table.row_count = len(cells)
        return table

    def _notes(self) -> list[Flowable]:
        """The notes heading and the numbered notes of the template."""
        notes = [para(f"{n}．{text}", self.style["note"]) for n, text in enumerate(self.template.notes, 1)]
        return [para(self.template.notes_heading, self.style["notes_heading"]), *notes]

    def _footer(self) -> Table:
        """QR code with caption and URL at the left; authority and date at the bottom right."""
        lines = (
            f"{self.template.authority_label}：{self.data.issuing_authority}",
            f"{self.template.date_label}：{chinese_date(self.data)}",
        )
        signature = [fitted_para(line, self.style["signature"], self.width / 2, 9.0) for line in lines]
        commands = [*_NO_PADDING, ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]
        qr = VerificationQr(self.data.verification_url, self.font)
        widths = [self.width / 2, self.width / 2]
        return self._table([[qr, signature]], widths, commands)


class _GridTable(Table):
    """A table that knows how many rows it was built with (the page fitting adds them up)."""

    row_count: int = 0


class _Unsplittable(Table):
    """A table that moves to the next page as a whole instead of splitting."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []
