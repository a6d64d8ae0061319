"""Files as coordinators really have them, and files that cannot be imported: never a 500."""

import io
import zipfile

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotsen.imports.guides import split_level
from lotsen.imports.reading import MAX_FILE_SIZE
from organisations.models import MigrantOrganisation
from tests.factories import OrganisationFactory
from tests.imports.helpers import csv_bytes, token_of, upload, xlsx_bytes


def file_error(response) -> str:
    """The code of the file field's error in the re-shown upload form."""
    assert response.status_code == 200
    return response.context["form"].errors.as_data()["file"][0].code


@pytest.fixture
def logged_in(client, coordinator):
    client.force_login(coordinator)
    return client


def truncated_xlsx() -> bytes:
    content = xlsx_bytes([["Name", "Ort"], ["Verein", "Hagen"]])
    return content[: len(content) // 2]


def zip_without_workbook() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return output.getvalue()


def workbook_with_broken_xml() -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["Name", "Ort"], ["Verein", "Hagen"]])))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            archive.writestr(info, b"<broken" if info.filename.startswith("xl/work") else data)
    return output.getvalue()


UNUSABLE = ["empty", "blank", "headers-only", "xlsx-headers-only", "pdf", "txt", "no-suffix",
            "xls", "xlsx-named-csv", "text-named-xlsx", "truncated-xlsx", "zip-not-xlsx",
            "broken-xml", "binary", "no-name-column"]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("liste.csv", b"", "empty"),
        ("liste.csv", b"\r\n;;\r\n  \r\n", "empty"),
        ("liste.csv", csv_bytes([["Name", "Ort"]]), "no_rows"),
        ("liste.xlsx", xlsx_bytes([["Name", "Ort"], [None, None]]), "no_rows"),
        ("liste.pdf", b"%PDF-1.4 something", "file_type"),
        ("liste.txt", b"Name;Ort\nVerein;Hagen\n", "file_type"),
        ("liste", b"Name;Ort\nVerein;Hagen\n", "file_type"),
        ("liste.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "xls"),
        ("liste.csv", xlsx_bytes([["Name"], ["Verein"]]), "file_type"),
        ("liste.xlsx", b"Name;Ort\nVerein;Hagen\n", "file_type"),
        ("liste.xlsx", truncated_xlsx(), "broken_xlsx"),
        ("liste.xlsx", zip_without_workbook(), "broken_xlsx"),
        ("liste.xlsx", workbook_with_broken_xml(), "broken_xlsx"),
        ("liste.csv", b"Name;Ort\n\x00\x01\x02\x03", "binary"),
        (
            "liste.csv",
            csv_bytes([["Bezeichnung", "Stadt"], ["Verein", "Hagen"]]),
            "missing_columns",
        ),
    ],
    ids=UNUSABLE,
)
def test_unusable_file_is_a_message_in_the_form(logged_in, region, name, content, code):
    response = upload(logged_in, content, kind="organisations", name=name, region=region)
    assert file_error(response) == code
    assert not MigrantOrganisation.objects.exists()


def test_file_larger_than_five_megabytes(logged_in, region):
    content = b"Name;Ort\n" + b"Verein;Hagen\n" * (MAX_FILE_SIZE // 13 + 1)
    response = upload(logged_in, content, kind="organisations", region=region)
    assert file_error(response) == "too_large"


def test_form_needs_the_kind_and_a_file(logged_in):
    response = logged_in.post(reverse("imports:upload"), {})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"kind", "file"}


def test_cp1252_csv_from_german_excel(logged_in, region):
    content = "Name;Ort;Straße\r\nTürkischer Elternverein Köln e.V.;Köln;Hauptstraße 5\r\n"
    token = token_of(upload(logged_in, content.encode("cp1252"), kind="organisations",
                            region=region))  # fmt: skip
    logged_in.post(reverse("imports:confirm"), {"token": token})
    organisation = MigrantOrganisation.objects.get()
    assert (organisation.name, organisation.city, organisation.street) == (
        "Türkischer Elternverein Köln e.V.",
        "Köln",
        "Hauptstraße 5",
    )


def test_utf16_tab_separated_text_from_excel(logged_in, region):
    content = "Name\tOrt\r\nÇiğdem Kulturverein\tHagen\r\n".encode("utf-16")
    token = token_of(upload(logged_in, content, kind="organisations", region=region))
    logged_in.post(reverse("imports:confirm"), {"token": token})
    assert MigrantOrganisation.objects.get().name == "Çiğdem Kulturverein"


def test_xlsx_numbers_and_line_breaks(logged_in, region, vocabulary):
    content = xlsx_bytes([["Name", "PLZ", "Ort", "Sprachen"],
                          ["Verein", 44787, "Bochum", "Arabisch\nTürkisch"]])  # fmt: skip
    token = token_of(upload(logged_in, content, kind="organisations", name="l.xlsx",
                            region=region))  # fmt: skip
    logged_in.post(reverse("imports:confirm"), {"token": token})
    organisation = MigrantOrganisation.objects.get()
    assert organisation.postal_code == "44787"
    assert organisation.languages.count() == 2


def test_workbook_reads_only_its_first_sheet(logged_in, region):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Ort"])
    workbook.active.append(["Erster Verein", "Hagen"])
    workbook.create_sheet("Notizen").append(["Name", "Ort"])
    output = io.BytesIO()
    workbook.save(output)
    token = token_of(upload(logged_in, output.getvalue(), kind="organisations", name="l.xlsx",
                            region=region))  # fmt: skip
    plan = logged_in.get(reverse("imports:preview"), {"token": token}).context["plan"]
    assert [row.label for row in plan.rows] == ["Erster Verein"]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("Arabisch (C1)", ("Arabisch", "C1")),
        ("Arabisch(c1)", ("Arabisch", "c1")),
        ("Arabisch: B2", ("Arabisch", "B2")),
        ("Arabisch - A2", ("Arabisch", "A2")),
        ("Arabisch C2", ("Arabisch", "C2")),
        ("Arabisch Muttersprache", ("Arabisch", "Muttersprache")),
        ("Serbo-Kroatisch", ("Serbo-Kroatisch", "")),
        ("Arabisch", ("Arabisch", "")),
    ],
)
def test_language_levels_as_coordinators_write_them(item, expected):
    assert split_level(item) == expected


# --- Large files ----------------------------------------------------------------------------


def organisation_rows(count: int) -> list[list[str]]:
    return [["Name", "Ort", "Sprachen"]] + [
        [f"Verein {n} e.V.", "Hagen", "Arabisch, Tamil" if n % 2 else "Klingonisch"]
        for n in range(count)
    ]


def preview_queries(client, region, count: int) -> int:
    token = token_of(upload(client, csv_bytes(organisation_rows(count)), kind="organisations",
                            region=region))  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("imports:preview"), {"token": token})
    assert response.status_code == 200
    return len(queries)


def test_preview_queries_do_not_grow_with_rows(logged_in, region, vocabulary):
    assert preview_queries(logged_in, region, 5) == preview_queries(logged_in, region, 500)


def test_ten_thousand_rows(logged_in, region, vocabulary):
    token = token_of(upload(logged_in, csv_bytes(organisation_rows(10_000)),
                            kind="organisations", region=region))  # fmt: skip
    response = logged_in.get(reverse("imports:preview"), {"token": token})
    assert response.status_code == 200
    assert response.context["plan"].counts == {
        "new": 5000, "update": 0, "unchanged": 0, "error": 5000
    }  # fmt: skip
    assert len(response.context["rows"]) == 200
    assert response.content.count(b'class="import-row ') == 200
    errors_only = logged_in.get(reverse("imports:preview"), {"token": token, "show": "errors"})
    assert {row.outcome for row in errors_only.context["rows"]} == {"error"}
    assert not MigrantOrganisation.objects.exists()


def guide_rows(count: int) -> list[list[str]]:
    return [["Vorname", "Nachname", "E-Mail", "Organisation", "Sprachen", "Status"]] + [
        [f"Vorname{n}", "Muster", f"lotse{n}@example.org", "Verein e.V.", "Arabisch (C1)", "aktiv"]
        for n in range(count)
    ]


def test_guide_preview_queries_do_not_grow_with_rows(logged_in, region, vocabulary):
    OrganisationFactory(name="Verein e.V.", region=region)

    def queries(count: int) -> int:
        content = csv_bytes(guide_rows(count))
        token = token_of(upload(logged_in, content, kind="guides", region=region))
        with CaptureQueriesContext(connection) as captured:
            assert logged_in.get(reverse("imports:preview"), {"token": token}).status_code == 200
        return len(captured)

    assert queries(5) == queries(500)


def test_long_file_name(logged_in, region):
    name = "Liste der Vereine " * 12 + ".csv"
    token = token_of(upload(logged_in, csv_bytes(organisation_rows(1)), kind="organisations",
                            name=name, region=region))  # fmt: skip
    response = logged_in.get(reverse("imports:preview"), {"token": token})
    assert response.context["plan"].filename.endswith(".csv")
    assert len(response.context["plan"].rows) == 1
