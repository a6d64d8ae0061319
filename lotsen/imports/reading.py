"""Reading an uploaded CSV or XLSX file into a table of text cells.

Coordinators' lists come from German Excel (semicolons, cp1252 or UTF-8 with a byte-order
mark), from LibreOffice or web tools (commas, UTF-8) or as XLSX. Whatever goes wrong with the
file as a whole is a ``ValidationError`` with a message for the person who uploaded it.
"""

import codecs
import contextlib
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

import openpyxl
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 20_000
# No list of organisations or guides has more columns; cells to their right are not read, so a
# row with one cell in Excel's last column (XFD) does not become 16,384 cells.
MAX_COLUMNS = 100
# An XLSX is a zip archive: refuse archives that would unpack to far more than any list of
# organisations or guides needs (a "zip bomb" uploaded as a spreadsheet), before openpyxl reads
# any of it. 20,000 rows of ten columns take 12 MB of XML, compressed 12 to 18 times; a bomb
# is compressed a hundred to a thousand times.
MAX_UNPACKED_SIZE = 40 * 1024 * 1024
MAX_MEMBERS = 500
MAX_RATIO = 100  # unpacked size : compressed size, for members that unpack to more than 1 MB
_RATIO_FROM = 1024 * 1024
# Empty rows are left out and not counted, but reading stops at this row number all the same:
# a sheet of a million empty rows (or one row numbered a million) is no list either.
MAX_ROW_NUMBER = 2 * MAX_ROWS

FORMATS = ("csv", "xlsx")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls format


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as the spreadsheet shows it, cells)


def file_format(data: bytes, filename: str) -> str:
    """``"csv"`` or ``"xlsx"``: the file's name must say so and its content must agree."""
    suffix = PurePath(filename or "").suffix.lower().lstrip(".")
    if data.startswith(_OLE_MAGIC) or suffix == "xls":
        raise ValidationError(
            _(
                "This is a file in the old Excel format (.xls). Please save it in Excel as "
                "“Excel workbook (.xlsx)” or as “CSV (semicolon-separated)” and upload it again."
            ),
            code="xls",
        )
    if suffix not in FORMATS:
        raise ValidationError(
            _("Please upload a CSV file (.csv) or an Excel workbook (.xlsx)."), code="file_type"
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    is_zip = data.startswith(_ZIP_MAGIC)
    if suffix == "xlsx" and not is_zip:
        raise ValidationError(
            _("The file ends in .xlsx but is not an Excel workbook. Please check the file."),
            code="file_type",
        )
    if suffix == "csv" and is_zip:
        raise ValidationError(
            _(
                "The file ends in .csv but is an Excel workbook. Please rename it to .xlsx or "
                "save it as CSV."
            ),
            code="file_type",
        )
    return suffix


def read_table(data: bytes, fmt: str) -> Table:
    """The file's first sheet as text: the first non-empty row is the header row.

    Rows without any content are left out; the row numbers stay those of the file, so a
    coordinator finds the row in Excel. Raises ``ValidationError`` for an empty file, a file
    with headings only, an unreadable file and one with more than ``MAX_ROWS`` rows.
    """
    if fmt == "xlsx":
        _check_archive(data)
    # The rows are read one by one and reading stops at the first row beyond the limit: a
    # file of a million rows costs no more than one of ``MAX_ROWS``.
    raw_rows = _xlsx_rows(data) if fmt == "xlsx" else _csv_rows(data)
    with contextlib.closing(raw_rows):
        headers, rows = _collect(raw_rows)
    if headers is None:
        raise ValidationError(_("The file is empty."), code="empty")
    if not rows:
        raise ValidationError(
            _("The file has column headings but no rows below them."), code="no_rows"
        )
    width = len(headers)
    # Trailing empty heading cells are common in Excel exports; keep the columns aligned.
    return Table(headers=headers, rows=[(n, _fit(cells, width)) for n, cells in rows])


def _collect(raw_rows: Iterator[tuple[int, list[str]]]):
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, cells in raw_rows:
        if number > MAX_ROW_NUMBER:
            raise _too_many_rows()
        if not any(cells):
            continue
        if headers is None:
            headers = cells
            continue
        if len(rows) >= MAX_ROWS:
            raise _too_many_rows()
        rows.append((number, cells))
    return headers, rows


def _too_many_rows() -> ValidationError:
    return ValidationError(
        _("The file has more than %(max)d rows. Please split it into several files.")
        % {"max": MAX_ROWS},
        code="too_many_rows",
    )


def _fit(cells: list[str], width: int) -> list[str]:
    return cells[:width] + [""] * (width - len(cells))


# --- CSV ------------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without byte-order mark), UTF-16 or cp1252."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                # What German Excel writes for "CSV (Trennzeichen-getrennt)".
                text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ValidationError(_unreadable(), code="encoding") from None
    if "\x00" in text:
        raise ValidationError(_unreadable(), code="binary")
    return text


def _unreadable() -> str:
    return _(
        "The file could not be read as text. Please save it as “CSV (semicolon-separated)” "
        "or as an Excel workbook (.xlsx)."
    )


# A line with its ending (\r\n, \n or \r), as ``io.StringIO(text, newline="")`` yields them,
# without copying the text (StringIO would hold it again, four bytes a character).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines(text: str) -> Iterator[str]:
    return (match.group() for match in _LINE.finditer(text))


def _delimiter(text: str) -> str:
    first_line = next((line for line in _lines(text) if line.strip()), "")
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    text = decode_text(data)
    reader = csv.reader(_lines(text), delimiter=_delimiter(text))
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, [_clean(cell) for cell in cells[:MAX_COLUMNS]]
    except csv.Error:
        raise ValidationError(_unreadable(), code="csv") from None


# --- XLSX -----------------------------------------------------------------------------------


def _broken_workbook() -> ValidationError:
    return ValidationError(
        _(
            "The Excel file could not be read; it may be damaged. Please open it in Excel, save "
            "it again as “Excel workbook (.xlsx)” and upload it once more."
        ),
        code="broken_xlsx",
    )


def _too_big_workbook() -> ValidationError:
    return ValidationError(
        _(
            "The Excel file unpacks to more than %(max)d MB, far more than a list for the "
            "portal needs. Please save only the list itself as “Excel workbook (.xlsx)” or "
            "as “CSV (semicolon-separated)”, or split it into several files."
        )
        % {"max": MAX_UNPACKED_SIZE // (1024 * 1024)},
        code="too_large_unpacked",
    )


def _check_archive(data: bytes) -> None:
    """Refuse a zip that would unpack to too much, before anything of it is unpacked.

    Only the archive's directory is read: sizes as the archive states them. openpyxl reads
    through ``zipfile``, which hands out no more than a member's stated size (and then fails
    its checksum), so a member cannot unpack to more than its directory entry says.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise _too_big_workbook()
            unpacked = 0
            for member in members:
                unpacked += member.file_size
                if unpacked > MAX_UNPACKED_SIZE or (
                    member.file_size > _RATIO_FROM
                    and member.file_size > MAX_RATIO * max(member.compress_size, 1)
                ):
                    raise _too_big_workbook()
            if "xl/workbook.xml" not in archive.namelist():
                raise _broken_workbook()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _broken_workbook() from None


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    """The first sheet's rows, read as a stream (``read_only``): only the current row is held.

    Call ``_check_archive`` first: openpyxl reads the shared strings and styles whole.
    """
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on malformed XML inside the zip
        raise _broken_workbook() from None
    try:
        if not workbook.worksheets:
            raise _broken_workbook()
        sheet = workbook.worksheets[0]
        # The sheet's stated dimensions are not trusted: without this, every row would be
        # padded to the stated width, and the stated height filled with empty rows.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        for number, values in enumerate(rows, start=1):
            # Every row comes MAX_COLUMNS wide: convert only what the sheet fills.
            filled = len(values)
            while filled and values[filled - 1] is None:
                filled -= 1
            cells = [_cell_text(value) for value in values[:filled]]
            while cells and not cells[-1]:
                cells.pop()  # cells holding only blanks
            yield number, cells
    except ValidationError:
        raise
    except Exception:  # as above: a damaged sheet fails while its rows are read
        raise _broken_workbook() from None
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # postal codes typed as numbers
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return _clean(str(value))


def _clean(cell: str) -> str:
    # Lists within a cell may be on several lines (Alt+Enter in Excel); keep the line breaks
    # as separators, but drop stray spaces and non-breaking spaces.
    lines = (" ".join(line.replace("\xa0", " ").split()) for line in cell.splitlines())
    return "\n".join(line for line in lines if line)
