"""The files of an interim report: a PDF, and its tables as XLSX and as zipped CSV.

The spreadsheet has one sheet per table and the zip one CSV file per table, with the same
names in the same order: a table with its own columns stays a table that a spreadsheet opens
and sums directly, which one long CSV with a "section" column and changing columns would not.
CSV files are semicolon-separated UTF-8 with a byte-order mark, as German Excel opens them
(the same as the workspace's list exports).
"""

import csv
import io
import re
import zipfile

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from lotsen.core.exports import csv_row, xlsx_cell, xlsx_row
from lotsen.core.pdf import render_pdf
from newsletters.reports.charts import charts
from newsletters.reports.figures.base import Table
from newsletters.reports.figures.report import ReportData

DEFAULT_PUBLISHER = {
    "name": "Lotsen-Portal",
    "address": "",
    "funding_notice": "",
}
# Up to this many regions, the PDF gives every region a full section listed in its contents,
# and prints the tables with a row per region. A larger network (the benchmark's is 1,600
# regions) would fill hundreds of pages that way: its PDF gives a full section to each region
# where something happened in the period (a status change or an event), names the others with
# their status in one list, and leaves the tables with a row per region to the spreadsheet,
# which holds every figure of every region.
SMALL_NETWORK = 60


def chunks(items: list, size: int = 20) -> list[list]:
    # WeasyPrint breaks a paragraph into lines by shaping the rest of it again for each line:
    # a list of a thousand regions goes into short paragraphs, not one long one.
    return [items[start : start + size] for start in range(0, len(items), size)]


def publisher() -> dict[str, str]:
    return {**DEFAULT_PUBLISHER, **getattr(settings, "PUBLISHER", {})}


def title(data: ReportData) -> str:
    return _("Interim report %(period)s") % {"period": data.period}


def filename(data: ReportData, extension: str) -> str:
    stem = _("interim-report")
    return f"{stem}_{data.period.start:%Y-%m-%d}_{data.period.end:%Y-%m-%d}.{extension}"


def info_rows(data: ReportData) -> list[list[str]]:
    """What the report is, for the first sheet and file: period, stamp and publisher."""
    details = publisher()
    return [
        [_("Report"), title(data)],
        [_("Period"), str(data.period)],
        [_("Compared with"), str(data.previous)],
        [_("Data as of"), formats.date_format(data.data_as_of, "SHORT_DATETIME_FORMAT")],
        [_("Publisher"), details["name"]],
        [_("Address"), details["address"]],
        [_("Funding notice"), details["funding_notice"]],
    ]


# --- PDF ------------------------------------------------------------------------------------


def pdf(data: ReportData, *, lang: str) -> bytes:
    """The report as a tagged PDF: cover, contents, figures with charts, one section per
    region, publisher and funding notice."""
    drawn = charts(data)
    small = len(data.regions) <= SMALL_NETWORK
    quiet = [] if small else [region for region in data.regions if not region.has_news]
    context = {
        "data": data,
        "charts": {chart.key: chart for chart in drawn},
        "publisher": publisher(),
        "small_network": small,
        "full_sections": [r for r in data.regions if small or r.has_news],
        "quiet_regions": chunks(quiet),
        "quiet_count": len(quiet),
    }
    return render_pdf("pdf/interim_report.html", context, title=title(data), lang=lang)


# --- Spreadsheet and CSV --------------------------------------------------------------------

INVALID_SHEET_CHARACTERS = re.compile(r"[\[\]:*?/\\]")


def sheet_titles(tables: list[Table]) -> list[str]:
    """Unique sheet names within Excel's 31 characters, from the tables' titles."""
    titles: list[str] = []
    for table in tables:
        base = INVALID_SHEET_CHARACTERS.sub("-", table.title)[:31]
        name, number = base, 2
        while name.lower() in (t.lower() for t in titles):
            suffix = f" ({number})"
            name, number = base[: 31 - len(suffix)] + suffix, number + 1
        titles.append(name)
    return titles


def xlsx(data: ReportData) -> bytes:
    """One sheet per table, headers in bold and frozen, preceded by a sheet about the report."""
    workbook = Workbook(write_only=True)
    info = workbook.create_sheet(_("Report")[:31])
    for row in info_rows(data):
        info.append(xlsx_row(info, row))
    tables = data.tables
    for table, sheet_title in zip(tables, sheet_titles(tables), strict=True):
        sheet = workbook.create_sheet(sheet_title)
        sheet.freeze_panes = "A2"
        for index in range(len(table.columns)):
            width = 42 if index == 0 else 16
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        header = []
        for column in table.columns:
            cell = xlsx_cell(sheet, str(column))
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            sheet.append(xlsx_row(sheet, row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def csv_name(number: int, table: Table) -> str:
    return f"{number:02d}-{table.key}.csv"


def _csv_text(rows: list[list]) -> str:
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow(csv_row(row))
    return output.getvalue()


def csv_zip(data: ReportData) -> bytes:
    """A zip of one CSV file per table, numbered in the order of the report."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("00-report.csv", _csv_text(info_rows(data)))
        for number, table in enumerate(data.tables, start=1):
            rows = [[str(column) for column in table.columns], *table.rows]
            archive.writestr(csv_name(number, table), _csv_text(rows))
    return output.getvalue()
