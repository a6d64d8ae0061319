"""Files that would stall a worker: refused at once, or at the row limit, in a few MB.

A spreadsheet is a zip archive, so a file within the 5 MB upload limit may unpack to hundreds of
megabytes; and a small file may hold far more rows than an import takes. Each file here is built
in the test, streaming, and the refusal is measured: CPU time (``time.process_time``) and the
peak of memory allocated while reading (``tracemalloc``). A bomb is refused before anything is
parsed; a file with too many rows costs no more than reading a list at the row limit, measured
in the same test so that the figure means the same on a slow or busy machine.
"""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError

from lotsen.imports.reading import MAX_FILE_SIZE, MAX_ROWS, read_table
from tests.imports.helpers import csv_bytes, upload, xlsx_bytes

MB = 1024 * 1024
# Refusing before parsing takes milliseconds; the bound is far from anything machine-dependent.
CPU_LIMIT_S = 2.0
# Refusing at the row limit costs about what reading a list at the limit costs (before the fix,
# eleven times as much); three times leaves room for a noisy timer.
AT_THE_LIMIT_FACTOR = 3.0
MEMORY_LIMIT = 50 * MB

SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
SHEET_END = b"</sheetData></worksheet>"
HEADER_ROW = (
    b'<row><c t="inlineStr"><is><t>Name</t></is></c><c t="inlineStr"><is><t>Ort</t></is></c></row>'
)
ROW = (
    b'<row><c t="inlineStr"><is><t>Verein e.V.</t></is></c>'
    b'<c t="inlineStr"><is><t>Hagen</t></is></c></row>'
)


def workbook_with_sheet(chunks, *, dimension: bytes = b"") -> bytes:
    """A real workbook whose first sheet's XML is replaced by ``chunks`` (rows), written to the
    zip as they come: the test never holds the unpacked sheet."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["Name", "Ort"], ["Verein", "Hagen"]])))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info.filename, source.read(info))
                continue
            with archive.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(SHEET_START + dimension + b"<sheetData>")
                for chunk in chunks:
                    sheet.write(chunk)
                sheet.write(SHEET_END)
    return output.getvalue()


def repeated_rows(total_bytes: int):
    yield HEADER_ROW
    chunk = ROW * (MB // len(ROW))
    for _ in range(total_bytes // len(chunk)):
        yield chunk


def refusal(content: bytes, fmt: str) -> tuple[str, float, int]:
    """The error code of reading ``content``, the CPU seconds and the peak bytes it took.

    Timed twice (the better run counts), then traced once (tracemalloc slows every allocation
    down severalfold).
    """
    timings = []
    for _ in range(2):
        started = time.process_time()
        with pytest.raises(ValidationError) as error:
            read_table(content, fmt)
        timings.append(time.process_time() - started)
    cpu = min(timings)
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError):
            read_table(content, fmt)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(f"refused ({error.value.code}): {cpu:.2f} s CPU, peak {peak / MB:.1f} MB")
    return error.value.code, cpu, peak


NUMBERED_ROW = (
    b'<row r="%d"><c t="inlineStr"><is><t>Verein %d</t></is></c>'
    b'<c t="inlineStr"><is><t>Hagen</t></is></c></row>'
)


def numbered_rows(count: int):
    """``count`` rows after the header, a thousand to a chunk."""
    for start in range(2, count + 2, 1000):
        yield b"".join(NUMBERED_ROW % (n, n) for n in range(start, min(start + 1000, count + 2)))


def cpu_of_a_list_at_the_limit(fmt: str) -> float:
    """CPU seconds to read a valid list of ``MAX_ROWS`` rows of the same shape (the best of
    three runs): the reference the refusals at the row limit are measured against."""
    if fmt == "xlsx":
        content = workbook_with_sheet((HEADER_ROW, *numbered_rows(MAX_ROWS)))
    else:
        content = csv_bytes([["Name", "Ort"]] + [["Verein", "Hagen"]] * MAX_ROWS)
    timings = []
    for _ in range(3):
        started = time.process_time()
        assert len(read_table(content, fmt).rows) == MAX_ROWS
        timings.append(time.process_time() - started)
    return min(timings)


def assert_refused_at_the_limit(content: bytes, fmt: str) -> None:
    """Refused for too many rows, at about the cost of reading a list at the limit."""
    code, cpu, peak = refusal(content, fmt)
    assert code == "too_many_rows"
    reference = cpu_of_a_list_at_the_limit(fmt)
    assert cpu < AT_THE_LIMIT_FACTOR * reference, (
        f"{cpu:.2f} s CPU, a list at the limit {reference:.2f} s"
    )
    assert peak < MEMORY_LIMIT, f"{peak / MB:.1f} MB"


def test_sheet_of_200_mb_within_the_upload_limit_is_refused_before_it_is_parsed():
    bomb = workbook_with_sheet(repeated_rows(200 * MB))
    assert len(bomb) < MAX_FILE_SIZE  # within the upload limit: the form lets it through

    code, cpu, peak = refusal(bomb, "xlsx")

    assert code == "too_large_unpacked"
    assert cpu < CPU_LIMIT_S, f"{cpu:.2f} s CPU"
    assert peak < MEMORY_LIMIT, f"{peak / MB:.1f} MB"


def test_highly_compressed_sheet_below_the_size_cap_is_refused():
    bomb = workbook_with_sheet(repeated_rows(30 * MB))  # ~130 times smaller in the zip

    code, cpu, peak = refusal(bomb, "xlsx")

    assert code == "too_large_unpacked"
    assert cpu < CPU_LIMIT_S, f"{cpu:.2f} s CPU"
    assert peak < MEMORY_LIMIT, f"{peak / MB:.1f} MB"


def test_small_sheet_with_many_more_rows_than_the_limit_stops_at_the_limit():
    content = workbook_with_sheet((HEADER_ROW, *numbered_rows(5 * MAX_ROWS)))  # 9 MB of XML
    assert len(content) < MB

    assert_refused_at_the_limit(content, "xlsx")


def test_stated_dimensions_and_far_away_cells_do_not_blow_up_the_rows():
    # A sheet that claims Excel's whole grid and fills only its last column: read naively,
    # every row becomes 16,384 cells, and the million rows of the claim are filled in.
    far_row = b'<row><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>'
    rows = [HEADER_ROW, *(far_row % n for n in range(2, 5_000))]
    content = workbook_with_sheet(
        [b"".join(rows), b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>'],
        dimension=b'<dimension ref="A1:XFD1048576"/>',
    )

    assert_refused_at_the_limit(content, "xlsx")


def test_csv_with_many_more_rows_than_the_limit_stops_at_the_limit():
    content = b"Name;Ort\n" + b"Verein;Hagen\n" * (MAX_FILE_SIZE // 13 - 1)  # 400,000 rows
    assert len(content) < MAX_FILE_SIZE

    assert_refused_at_the_limit(content, "csv")


def test_workbook_of_many_members_is_refused():
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["Name", "Ort"], ["Verein", "Hagen"]])))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info))
        for number in range(2000):
            archive.writestr(f"xl/media/image{number}.png", b"")

    code, _cpu, _peak = refusal(output.getvalue(), "xlsx")

    assert code == "too_large_unpacked"


def test_a_list_at_the_row_limit_is_still_read():
    content = xlsx_bytes([["Name", "Ort"]] + [[f"Verein {n}", "Hagen"] for n in range(MAX_ROWS)])

    table = read_table(content, "xlsx")

    assert len(table.rows) == MAX_ROWS
    assert table.headers == ["Name", "Ort"]
    assert table.rows[-1] == (MAX_ROWS + 1, [f"Verein {MAX_ROWS - 1}", "Hagen"])


def test_bomb_gets_a_message_in_the_form(client, coordinator, region, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(coordinator)

    response = upload(
        client, workbook_with_sheet(repeated_rows(200 * MB)), kind="organisations",
        name="liste.xlsx", region=region,
    )  # fmt: skip

    assert response.status_code == 200
    (error,) = response.context["form"].errors.as_data()["file"]
    assert error.code == "too_large_unpacked"
    assert "unpacks to more than 40 MB" in response.text


def test_csv_row_limit_still_counts_only_rows_with_content():
    rows = [["Name", "Ort"]] + [["Verein", "Hagen"], ["", ""]] * (MAX_ROWS // 2)
    assert len(read_table(csv_bytes(rows), "csv").rows) == MAX_ROWS // 2
