"""Reader for the holiday-schedule file an administrator types from the State Council notice.

Each year (usually in November) the 国务院办公厅 publishes the next year's schedule: which days
are holidays and which weekend days are make-up working days (调休). It lists nothing else, so
the file lists nothing else either; every unlisted day of the year follows the Monday–Friday
rule once the year is declared complete (see :class:`engine.clocks.calendar.WorkingCalendar`).

Format, one entry a line, UTF-8 (a BOM from spreadsheet export is tolerated)::

    # 2027 年部分节假日安排
    date,kind,note
    2027-02-06,holiday,春节
    2027-02-14,workday,春节调休

``kind`` is ``holiday`` or ``workday``; ``note`` is free text and may contain commas. Blank lines
and lines starting with ``#`` are ignored, and so is a ``date,kind,note`` header. One file holds
one calendar year. Errors name the line, so the administrator can fix the file rather than the
system guessing what was meant.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from engine.clocks.errors import OverrideFileError

KINDS = {"holiday": False, "workday": True}

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class OverrideEntry(NamedTuple):
    """One line of a schedule file, kept with its note and line number for display and audit."""

    line: int
    day: dt.date
    is_working_day: bool
    note: str


def parse_override_file(text: str) -> tuple[int, dict[dt.date, bool]]:
    """Parse a schedule file into ``(year, {date: is_working_day})``; raises ``OverrideFileError``."""
    entries = parse_override_entries(text)
    return entries[0].day.year, {entry.day: entry.is_working_day for entry in entries}


def parse_override_entries(text: str) -> list[OverrideEntry]:
    """Parse and check a schedule file: one year, no duplicate dates, at least one entry."""
    entries: list[OverrideEntry] = []
    first_line_of: dict[dt.date, int] = {}
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        entry = _parse_line(raw, number, header_allowed=not entries)
        if entry is None:
            continue
        _check_against_earlier(entry, entries, first_line_of)
        first_line_of[entry.day] = number
        entries.append(entry)
    if not entries:
        raise OverrideFileError("the file lists no dates; expected lines like `2027-02-06,holiday,春节`")
    return entries


def _parse_line(raw: str, number: int, *, header_allowed: bool) -> OverrideEntry | None:
    line = raw.strip()
    if not line or line.startswith("#"):
        return None
    fields = [field.strip() for field in line.split(",", 2)]
    if header_allowed and fields[0].lower() == "date":
        return None
    if len(fields) < 2:
        raise OverrideFileError(f"expected `date,kind,note` separated by ASCII commas, got {line!r}", number)
    note = fields[2] if len(fields) == 3 else ""
    return OverrideEntry(number, _parse_date(fields[0], number), _parse_kind(fields[1], number), note)


def _parse_date(text: str, number: int) -> dt.date:
    if not _ISO_DATE.fullmatch(text):
        raise OverrideFileError(f"date must be written YYYY-MM-DD, got {text!r}", number)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise OverrideFileError(f"no such date: {text!r}", number) from None


def _parse_kind(text: str, number: int) -> bool:
    try:
        return KINDS[text.lower()]
    except KeyError:
        raise OverrideFileError(f"kind must be `holiday` or `workday`, got {text!r}", number) from None


def _check_against_earlier(
    entry: OverrideEntry, earlier: list[OverrideEntry], first_line_of: dict[dt.date, int]
) -> None:
    if earlier and entry.day.year != earlier[0].day.year:
        raise OverrideFileError(
            f"{entry.day} is in {entry.day.year} but the file is for {earlier[0].day.year} "
            f"(line {earlier[0].line}); put each year's dates in that year's file",
            entry.line,
        )
    if entry.day in first_line_of:
        raise OverrideFileError(
            f"{entry.day} is listed twice (first on line {first_line_of[entry.day]})", entry.line
        )
