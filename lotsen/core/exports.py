"""CSV and XLSX downloads of exactly the rows a list page shows (all pages, same filters)."""

import csv
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

Column = tuple[str, Callable[[Any], Any]]


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
        yield "\ufeff" + writer.writerow([str(header) for header, _ in columns])
        for obj in rows:
            yield writer.writerow(_cells(obj, columns))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(filename: str, columns: list[Column], rows: Iterable) -> HttpResponse:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=filename[:31])
    sheet.append([str(header) for header, _ in columns])
    for obj in rows:
        sheet.append([v if isinstance(v, int | float) else str(v) for v in _cells(obj, columns)])
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    workbook.save(response)
    return response


def local_time(moment) -> str:
    """A moment as lists and exports show it: portal time, day first; empty for none."""
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M") if moment else ""
