"""Tables as downloads: CSV (UTF-8 with a BOM, so spreadsheet programs in China open it right) and XLSX
(openpyxl in write-only mode, row by row). Both are written whole inside the request, while its database
session is open (a streamed body would outlive it)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from flask import Response
from openpyxl import Workbook

Row = Sequence[str | int | None]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_response(headers: Row, rows: Iterable[Row], filename: str) -> Response:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return _download(Response(buffer.getvalue(), mimetype="text/csv; charset=utf-8"), filename)


def xlsx_response(headers: Row, rows: Iterable[Row], filename: str, sheet: str) -> Response:
    book = Workbook(write_only=True)
    table = book.create_sheet(sheet)
    table.append(list(headers))
    for row in rows:
        table.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return _download(Response(out.getvalue(), mimetype=XLSX), filename)


def _download(response: Response, filename: str) -> Response:
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
