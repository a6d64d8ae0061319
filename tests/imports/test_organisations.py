"""A coordinator imports their list of organisations: preview, confirm, and again."""

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from lotsen.core.audit import history_of
from organisations.models import MigrantOrganisation
from tests.factories import OrganisationFactory
from tests.imports.helpers import csv_bytes, token_of, upload, xlsx_bytes

HEADERS = ["Name", "Ort", "PLZ", "Straße", "Website", "E-Mail", "Sprachen", "Community",
           "Themenfelder", "Bemerkung"]  # fmt: skip
ROWS = [
    ["Tamilischer Kulturverein e.V.", "Solingen", "42651", "Kölner Str. 5", "www.tamil-sg.de",
     "Info@Tamil-SG.de", "Tamil, deutsch", "", "Culture", "neu"],
    ["VATANSPOR E.V.", "Hagen", "", "", "https://vatanspor.de", "", "Türkisch", "", "", ""],
    ["", "Bochum", "", "", "", "", "", "", "", "ohne Namen"],
    ["Klingonenverein", "Bochum", "", "", "", "", "Klingonisch", "", "", ""],
    ["Verein mit falscher Mail", "Bochum", "", "", "", "keine-mail", "", "", "", ""],
    ["tamilischer  kulturverein e.v.", "Solingen", "", "", "", "", "", "", "", "doppelt"],
    ["Bosnische Gemeinde Witten e.V.", "Witten", "", "", "", "", "", "", "", ""],
    ["Alter Verein e.V.", "", "", "", "", "", "", "", "", "archiviert"],
    ["Neuer Verein ohne Ort", "", "", "", "", "", "", "", "", ""],
]  # fmt: skip


@pytest.fixture
def existing(region, vocabulary):
    vatanspor = OrganisationFactory(name="Vatanspor e.V.", region=region, city="Hagen")
    OrganisationFactory(name="Bosnische Gemeinde Witten e.V.", region=region, city="Witten")
    archived = OrganisationFactory(
        name="Alter Verein e.V.", region=region, city="Hagen", archived_at=timezone.now()
    )
    return {"vatanspor": vatanspor, "archived": archived}


def state() -> list:
    """Everything an import could change."""
    return [
        sorted(MigrantOrganisation.objects.values_list()),
        sorted(MigrantOrganisation.languages.through.objects.values_list()),
        sorted(MigrantOrganisation.thematic_fields.through.objects.values_list()),
        LogEntry.objects.count(),
    ]


def outcomes(response) -> dict[int, str]:
    return {row.number: row.outcome for row in response.context["plan"].rows}


def preview(client, token):
    return client.get(reverse("imports:preview"), {"token": token})


def confirm(client, token):
    return client.post(reverse("imports:confirm"), {"token": token})


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("organisationen.csv", csv_bytes([HEADERS, *ROWS])),
        ("organisationen.csv", csv_bytes([HEADERS, *ROWS], delimiter=",", encoding="utf-8")),
        ("organisationen.xlsx", xlsx_bytes([HEADERS, *ROWS])),
    ],
    ids=["csv-semicolon-bom", "csv-comma", "xlsx"],
)
def test_preview_confirm_and_import_again(client, coordinator, region, existing, name, content):
    client.force_login(coordinator)
    before = state()

    token = token_of(upload(client, content, kind="organisations", name=name, region=region))
    response = preview(client, token)
    assert response.status_code == 200
    assert outcomes(response) == {
        2: "new", 3: "update", 4: "error", 5: "error", 6: "error", 7: "error", 8: "unchanged",
        9: "unchanged", 10: "error",
    }  # fmt: skip
    assert response.context["plan"].ignored_columns == ["Bemerkung"]
    assert state() == before, "the preview saved something"

    response = confirm(client, token)
    assert response.status_code == 200
    assert response.context["plan"].counts == {"new": 1, "update": 1, "unchanged": 2, "error": 5}
    tamil = MigrantOrganisation.objects.get(name="Tamilischer Kulturverein e.V.")
    assert (tamil.region, tamil.city, tamil.postal_code, tamil.street) == (
        region,
        "Solingen",
        "42651",
        "Kölner Str. 5",
    )
    assert (tamil.website, tamil.email) == ("https://www.tamil-sg.de", "info@tamil-sg.de")
    assert sorted(tamil.languages.values_list("name", flat=True)) == ["Deutsch", "Tamil"]
    assert list(tamil.thematic_fields.values_list("name", flat=True)) == ["Kultur"]
    vatanspor = existing["vatanspor"]
    vatanspor.refresh_from_db()
    assert vatanspor.name == "Vatanspor e.V."  # the stored spelling stays
    assert vatanspor.website == "https://vatanspor.de"
    assert list(vatanspor.languages.values_list("name", flat=True)) == ["Türkisch"]
    existing["archived"].refresh_from_db()
    assert existing["archived"].is_archived
    assert not MigrantOrganisation.objects.filter(name__in=["Klingonenverein", ""]).exists()
    assert MigrantOrganisation.objects.filter(region=region).count() == 4
    # The change history names the coordinator.
    entry = LogEntry.objects.get_for_object(tamil).get(action=LogEntry.Action.CREATE)
    assert entry.actor == coordinator
    (history,) = history_of(tamil)
    changes = {change.field: change.after for change in history.changes}
    assert changes["city"] == "Solingen"
    assert set(changes["languages"].split(", ")) == {"German", "Tamil"}  # as the user read them
    assert LogEntry.objects.get_for_object(vatanspor).filter(actor=coordinator).exists()

    # The same file again: everything is recognised, nothing is added.
    after_first = state()
    token = token_of(upload(client, content, kind="organisations", name=name, region=region))
    response = confirm(client, token)
    assert response.context["plan"].counts == {"new": 0, "update": 0, "unchanged": 4, "error": 5}
    assert state() == after_first


def test_row_errors_are_explained(client, coordinator, region, existing):
    client.force_login(coordinator)
    token = token_of(upload(client, csv_bytes([HEADERS, *ROWS]), kind="organisations",
                            region=region))  # fmt: skip
    rows = {row.number: row for row in preview(client, token).context["plan"].rows}
    assert rows[4].errors == ["The name of the organisation is missing."]
    assert rows[5].errors == ["Unknown language “Klingonisch”."]
    assert rows[6].errors == ["“keine-mail” is not a valid email address."]
    assert rows[7].errors == ["The same organisation as in row 2."]
    assert rows[10].errors == ["The city (column “Ort”) is missing."]
    assert rows[3].changes == ["website", "languages"]
    assert rows[9].archived


def test_second_confirm_of_the_same_token_changes_nothing(client, coordinator, region, existing):
    client.force_login(coordinator)
    token = token_of(upload(client, csv_bytes([HEADERS, *ROWS]), kind="organisations",
                            region=region))  # fmt: skip
    assert confirm(client, token).status_code == 200
    after_first = state()

    response = confirm(client, token)
    assert response.status_code == 302 and response["Location"] == reverse("imports:upload")
    assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    assert state() == after_first


def test_uploaded_file_is_removed_after_the_import(client, coordinator, region, existing, media):
    client.force_login(coordinator)
    token = token_of(upload(client, csv_bytes([HEADERS, *ROWS]), kind="organisations",
                            region=region))  # fmt: skip
    assert len(list((media / "imports").iterdir())) == 1
    confirm(client, token)
    assert list((media / "imports").iterdir()) == []


def test_headings_in_english_and_any_case(client, coordinator, region, vocabulary):
    client.force_login(coordinator)
    content = csv_bytes(
        [
            ["ORGANISATION", "city", "postal code", "e-mail", "LANGUAGES"],
            ["Arab Club e.V.", "Bochum", "44787", "club@example.org", "arabic"],
        ]
    )
    token = token_of(upload(client, content, kind="organisations", region=region))
    confirm(client, token)
    club = MigrantOrganisation.objects.get(name="Arab Club e.V.")
    assert (club.city, club.postal_code, club.email) == ("Bochum", "44787", "club@example.org")
    assert list(club.languages.values_list("name", flat=True)) == ["Arabisch"]


def test_region_column_files_rows_into_the_users_regions(
    client, admin_user, region, other_region, vocabulary
):
    client.force_login(admin_user)
    content = csv_bytes([["Name", "Ort", "Region"],
                         ["Verein A", "Bochum", region.name],
                         ["Verein B", "Münster", "muensterland"],
                         ["Verein C", "Köln", "Gibt es nicht"],
                         ["Verein D", "Köln", ""]])  # fmt: skip
    token = token_of(upload(client, content, kind="organisations"))  # no region chosen
    plan = confirm(client, token).context["plan"]
    assert [row.outcome for row in plan.rows] == ["new", "new", "error", "error"]
    assert MigrantOrganisation.objects.get(name="Verein A").region == region
    assert MigrantOrganisation.objects.get(name="Verein B").region == other_region
    assert plan.rows[2].errors == ["Unknown region “Gibt es nicht”."]
    assert plan.rows[3].errors == [
        "No region: choose a region for the import or fill in the column “Region”."
    ]


def test_same_name_in_another_region_is_another_organisation(
    client, admin_user, region, other_region, vocabulary
):
    OrganisationFactory(name="Kulturverein e.V.", region=other_region)
    client.force_login(admin_user)
    content = csv_bytes([["Name", "Ort"], ["Kulturverein e.V.", "Bochum"]])
    confirm(client, token_of(upload(client, content, kind="organisations", region=region)))
    assert MigrantOrganisation.objects.filter(name="Kulturverein e.V.").count() == 2


# --- A coordinator stays in their regions ---------------------------------------------------


def test_coordinator_cannot_choose_another_region(client, coordinator, other_region, vocabulary):
    client.force_login(coordinator)
    before = state()
    content = csv_bytes([["Name", "Ort"], ["Verein", "Münster"]])
    response = upload(client, content, kind="organisations", region=other_region)
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
    assert state() == before


def test_coordinator_cannot_import_into_another_region_by_column(
    client, coordinator, region, other_region, vocabulary
):
    OrganisationFactory(name="Münsteraner Verein e.V.", region=other_region, city="Münster")
    client.force_login(coordinator)
    before = state()
    content = csv_bytes([["Name", "Ort", "Region", "Website"],
                         ["Münsteraner Verein e.V.", "Münster", other_region.name, "x.de"],
                         ["Neuer Verein", "Münster", other_region.slug, ""]])  # fmt: skip
    token = token_of(upload(client, content, kind="organisations", region=region))
    plan = preview(client, token).context["plan"]
    assert [row.outcome for row in plan.rows] == ["error", "error"]
    assert plan.rows[0].errors == ["You cannot import into the region “Münsterland”."]
    response = confirm(client, token)
    assert response.context["plan"].importable == 0
    assert state() == before
