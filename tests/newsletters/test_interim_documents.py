"""The interim report's files: the PDF and the spreadsheet read back, the zipped CSV files."""

import csv
import datetime
import io
import re
import zipfile

import openpyxl
import pypdf
import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation

from lotsen.demo.services import load_demo
from newsletters.reports import documents
from newsletters.reports.figures.base import Period, Table
from newsletters.reports.figures.report import collect
from regions.workspace.services import set_cooperation_status
from tests.factories import EventFactory, EventReportFactory, RegionFactory
from tests.spreadsheets import (
    PAYLOADS,
    escaped,
    unsafe_csv_cells,
    unsafe_xlsx_cells,
    xlsx_texts,
    zip_csv_rows,
)

EARLY_2014 = Period(datetime.date(2014, 1, 1), datetime.date(2014, 3, 1))
PUBLISHER = {
    "name": "Koordinierungsstelle Testland",
    "address": "Teststraße 1, 12345 Teststadt",
    "funding_notice": "Gefördert vom Testministerium für Arbeit.",
}


def pdf_text(content: bytes) -> tuple[pypdf.PdfReader, str]:
    reader = pypdf.PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return reader, " ".join(text.split())


@pytest.fixture(scope="module")
def demo_files(django_db_setup, django_db_blocker):
    """The demo's report for early 2014, in English, as PDF, XLSX and zipped CSV.

    Rendered once for the module (a PDF takes seconds) in a transaction that is rolled back,
    so the demo never leaks into other tests.
    """
    with (
        django_db_blocker.unblock(),
        override_settings(PUBLISHER=PUBLISHER),
        translation.override("en"),
        transaction.atomic(),
    ):
        load_demo()
        data = collect(EARLY_2014)
        files = {
            "data": data,
            "pdf": documents.pdf(data, lang="en"),
            "xlsx": documents.xlsx(data),
            "csv": documents.csv_zip(data),
        }
        transaction.set_rollback(True)
    return files


def sheet_rows(content: bytes, title: str) -> list[tuple]:
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return list(workbook[title].iter_rows(values_only=True))


def test_the_pdf_and_the_spreadsheet_show_the_newsletters_figures(demo_files):
    _reader, text = pdf_text(demo_files["pdf"])

    assert (
        "16 regions had been contacted: 10 with binding cooperation, 2 interested and 4 in talks"
    ) in text
    assert "43 guides from 30 migrant organisations were in the network" in text
    # The table of regions by status on 01.03.2014 and on 31.12.2013.
    for label, now, before in (
        ("binding cooperation", 10, 7),
        ("interested", 2, 2),
        ("in talks", 4, 3),
    ):
        assert re.search(rf"\b{label} {now} {before}\b", text), label

    key_figures = {row[1]: row[2:4] for row in sheet_rows(demo_files["xlsx"], "Key figures")}
    assert key_figures["Regions contacted"] == (16, 16)
    assert key_figures["Regions: binding cooperation"] == (10, 7)
    assert key_figures["Regions: interested"] == (2, 2)
    assert key_figures["Regions: in talks"] == (4, 3)
    assert key_figures["Guides in the network"][0] == 43
    assert key_figures["Organisations the guides come from"][0] == 30
    by_status = sheet_rows(demo_files["xlsx"], "Regions by cooperation status")
    assert by_status[0] == ("Cooperation status", "01/03/2014", "31/12/2013")
    assert ("binding cooperation", 10, 7) in by_status


def test_the_pdf_has_a_cover_contents_with_page_numbers_and_the_publisher(demo_files):
    reader, text = pdf_text(demo_files["pdf"])
    first_page = " ".join(reader.pages[0].extract_text().split())

    assert "Interim report 01/01/2014 – 01/03/2014" in first_page
    assert "Data as of" in first_page
    assert PUBLISHER["funding_notice"] in first_page
    assert PUBLISHER["address"] in text
    contents = " ".join(reader.pages[1].extract_text().split())
    # The topics follow the summary on its page instead of each starting a page of its own.
    assert re.search(r"Contents Summary \.+ ?3 Regions \.+ ?3", contents), contents
    # Every regional section is listed with the page it starts on.
    assert re.search(r"Mittleres Ruhrgebiet \.+ ?\d+", contents)
    assert re.search(rf"\b{len(reader.pages)} / {len(reader.pages)}\b", text)
    # Tagged for screen readers, in the report's language, with its title.
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == "Interim report 01/01/2014 – 01/03/2014"


def test_the_charts_are_vector_graphics_with_their_tables_beside_them(demo_files):
    reader, text = pdf_text(demo_files["pdf"])

    assert all(not page.images for page in reader.pages), "a chart was embedded as a raster"
    forms = [
        xobject
        for page in reader.pages
        for xobject in (page["/Resources"].get("/XObject") or {}).values()
        if xobject.get_object()["/Subtype"] == "/Form"
    ]
    assert len(forms) >= 3, "three charts drawn as vector forms"
    # The chart's own title is text in the PDF, and its table follows it.
    assert text.count("Guides and migrant organisations per region") >= 2
    assert "Events by kind" in text


def structure_elements(reader: pypdf.PdfReader, role: str) -> list[pypdf.generic.DictionaryObject]:
    """Every element of the tagged PDF's structure tree with the structure type ``role``."""
    found, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop().get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            stack.extend(node)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if node.get("/S") == role:
                found.append(node)
            if "/K" in node:
                stack.append(node["/K"])
    return found


def test_every_table_header_cell_says_what_it_heads(demo_files):
    """A screen reader announces a cell with its column and row headers: each TH of the tagged
    PDF carries /Scope (PDF/UA), column titles /Column and the first cell of a row /Row."""
    reader, _text = pdf_text(demo_files["pdf"])
    headers = structure_elements(reader, "/TH")
    scopes = [header["/A"].get_object().get("/Scope") for header in headers]

    assert len(headers) > 100
    assert None not in scopes, f"{scopes.count(None)} header cells without a scope"
    assert {"/Column", "/Row"} == set(scopes)


def test_a_regional_section_shows_history_partners_and_report_teasers(demo_files):
    _reader, text = pdf_text(demo_files["pdf"])
    section = text[text.index("Siegen-Wittgenstein/Olpe Cooperation status") :]

    assert section.startswith(
        "Siegen-Wittgenstein/Olpe Cooperation status: binding cooperation (since 20/01/2014)"
    )
    assert "19/08/2013 contacted → 28/10/2013 in talks" in section
    assert "Regionalagentur Siegen-Wittgenstein und Olpe (agreement of 20/01/2014)" in section
    assert "Vorstellung des IQ Modellprojekts für Migrantenorganisationen in Siegen" in section
    bergisch = text[text.index("Bergisches Städtedreieck Cooperation status") :]
    assert (
        "16/12/2013 interested; in the period: 03/02/2014 binding cooperation "
        "(Kooperation mit dem KI Solingen vereinbart)."
    ) in bergisch


def test_the_csv_files_hold_the_same_tables_as_the_spreadsheet(demo_files):
    data = demo_files["data"]
    archive = zipfile.ZipFile(io.BytesIO(demo_files["csv"]))
    names = archive.namelist()

    assert names[0] == "00-report.csv"
    assert names[1:] == [documents.csv_name(n, t) for n, t in enumerate(data.tables, start=1)]
    workbook = openpyxl.load_workbook(io.BytesIO(demo_files["xlsx"]), read_only=True)
    assert len(workbook.sheetnames) == len(names)
    for name, sheet in zip(names[1:], workbook.sheetnames[1:], strict=True):
        text = archive.read(name).decode("utf-8")
        assert text.startswith("\ufeff")
        rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
        cells = [["" if v is None else str(v) for v in row] for row in workbook[sheet].values]
        assert rows == cells, name
    key_figures = archive.read("01-key-figures.csv").decode("utf-8")
    assert "Guides in the network;43;" in key_figures


def test_sheet_names_stay_unique_within_excels_limit():
    tables = [
        Table("a", "Migrant organisations by thematic field and more", "", ["x"], []),
        Table("b", "Migrant organisations by thematic field and less", "", ["x"], []),
        Table("c", "Events: by kind / region?", "", ["x"], []),
    ]
    titles = documents.sheet_titles(tables)
    assert len({t.lower() for t in titles}) == 3
    assert all(len(title) <= 31 for title in titles)
    assert titles[2] == "Events- by kind - region-"


def test_a_large_network_names_quiet_regions_in_one_list(db, settings, monkeypatch):
    """Beyond SMALL_NETWORK regions, regions without news get a line, not a section."""
    monkeypatch.setattr(documents, "SMALL_NETWORK", 2)
    for name in ("Altena", "Bocholt", "Coesfeld"):
        region = RegionFactory(name=name)
        set_cooperation_status(
            region=region, status="contacted", valid_from=datetime.date(2020, 1, 1)
        )
    busy = RegionFactory(name="Dülmen")
    set_cooperation_status(region=busy, status="in_talks", valid_from=datetime.date(2021, 2, 1))
    with translation.override("en"):
        data = collect(Period(datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)))
        _reader, text = pdf_text(documents.pdf(data, lang="en"))

    assert "Dülmen Cooperation status: in talks (since 01/02/2021)" in text
    assert "3 regions without a status change or event in the period" in text
    assert "Altena: contacted (01/01/2020); Bocholt: contacted (01/01/2020)" in text
    assert "Altena Cooperation status" not in text


@override_settings(
    PUBLISHER={"name": "=Publisher()", "address": "+49 1234", "funding_notice": "@funding"}
)
def test_the_spreadsheet_and_the_csv_files_hold_no_formula(db):
    """Region names, event titles, cities and report texts are typed by people: text starting
    with "=", "+", "-", "@", a tab or a carriage return gets a quote and is stored as text."""
    region = RegionFactory(name=PAYLOADS[0])
    set_cooperation_status(region=region, status="in_talks", valid_from=datetime.date(2021, 2, 1))
    for number, payload in enumerate(PAYLOADS):
        starts_at = timezone.make_aware(datetime.datetime(2021, 3, number + 1, 10))
        event = EventFactory(
            region=region if number % 2 else None, title=payload, city=payload,
            starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=2),
        )  # fmt: skip
        EventReportFactory(event=event, headline=payload, teaser=payload)
    with translation.override("en"):
        data = collect(Period(datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)))
        spreadsheet, archive = documents.xlsx(data), documents.csv_zip(data)

    assert unsafe_xlsx_cells(spreadsheet) == []
    rows = zip_csv_rows(archive)
    assert unsafe_csv_cells(rows) == []
    expected = {escaped(text) for text in [*PAYLOADS, "=Publisher()", "+49 1234", "@funding"]}
    assert expected <= {cell for row in rows for cell in row}
    # XML reads a carriage return in a text back as a line feed.
    assert {text.replace("\r", "\n") for text in expected} <= xlsx_texts(spreadsheet)


def test_a_table_over_several_pages_prints_every_row_on_a_line_of_its_own(db):
    """A long table (a row per region in a large network) is laid out with fixed columns:
    every row is still there, in order, with its name on one line beside its figures, and
    the column headers repeat on each page it spans."""
    load_demo()
    with translation.override("en"):
        data = collect(EARLY_2014)
        by_region = next(t for t in data.tables if t.key == "accompaniments-by-region")
        by_region.rows = [
            [f"Synthetische Region {number:04d}-{number % 10:02d}", number, "< 5", number * 3, 0]
            for number in range(1, 151)
        ]
        reader, _text = pdf_text(documents.pdf(data, lang="en"))

    lines = [
        " ".join(line.split()) for page in reader.pages for line in page.extract_text().splitlines()
    ]
    rows = [line for line in lines if line.startswith("Synthetische Region ")]
    assert rows == [
        f"Synthetische Region {number:04d}-{number % 10:02d} {number} < 5 {number * 3} 0"
        for number in range(1, 151)
    ]
    pages = [page for page in reader.pages if "Synthetische Region 0" in page.extract_text()]
    assert len(pages) >= 3
    assert all("Hours" in page.extract_text() for page in pages)
