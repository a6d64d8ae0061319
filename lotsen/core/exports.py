"""CSV and XLSX downloads of exactly the rows a list page shows (all pages, same filters).

Every spreadsheet the portal writes (these downloads, the interim report's XLSX and CSV files,
the import templates) puts its cells through ``safe_cell`` or ``xlsx_cell``: text typed by anyone
(a name in the public event registration, say) must never become a formula in the reader's
spreadsheet (CSV or formula injection). Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading single quote, as OWASP recommends; numbers, dates and booleans
are left as they are, and in XLSX text is always stored as text, never as a formula.
"""

import csv
import datetime
import decimal
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell

Column = tuple[str, Callable[[Any], Any]]

# The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
TYPED_VALUES = (int, float, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta)


def safe_cell(value: Any) -> Any:
    """A cell's value that no spreadsheet runs as a formula.

    ``None``, numbers (a negative one too), booleans, dates and times come back unchanged.
    Anything else is text (a model instance or a lazy translation as its ``str``); text starting
    with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``.
    """
    if value is None or isinstance(value, TYPED_VALUES):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def xlsx_cell(sheet, value: Any) -> Cell:
    """A cell for ``sheet.append`` (write-only or not): ``safe_cell``'s value, text stored as
    text (openpyxl would otherwise store text starting with "=" as a formula, "#N/A" as an
    error)."""
    cell = WriteOnlyCell(sheet, value=safe_cell(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
    return cell


def xlsx_row(sheet, values: Iterable) -> list[Cell]:
    return [xlsx_cell(sheet, value) for value in values]


def csv_row(values: Iterable) -> list:
    return ["" if value is None else safe_cell(value) for value in values]


def names(related) -> str:
    """The members of a many-to-many relation as one spreadsheet cell: "Arabisch, Tamil"."""
    return ", ".join(str(item) for item in related.all())


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cells(obj, columns: list[Column]) -> list:
    values = []
    for _header, accessor in columns:
        value = accessor(obj)
        values.append("" if value is None else value)
    return values


def csv_response(filename: str, columns: list[Column], rows: Iterable) -> StreamingHttpResponse:
    """Semicolon-separated UTF-8 with a byte-order mark, as German Excel opens it directly."""
    writer = csv.writer(_Echo(), delimiter=";")

    def lines():
        yield "\ufeff" + writer.writerow(csv_row(header for header, _ in columns))
        for obj in rows:
            yield writer.writerow(csv_row(_cells(obj, columns)))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, columns: list[Column], rows: Iterable) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=filename[:31])
    sheet.append(xlsx_row(sheet, (str(header) for header, _ in columns)))
    for obj in rows:
        values = [v if isinstance(v, int | float) else str(v) for v in _cells(obj, columns)]
        sheet.append(xlsx_row(sheet, values))
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    workbook.save(response)
    return response


def local_time(moment) -> str:
    """A moment as lists and exports show it: portal time, day first; empty for none."""
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M") if moment else ""
