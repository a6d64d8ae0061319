"""A coordinator imports their list of guides: languages with levels, status, organisation."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from lotsen.guides.services import set_guide_status
from lotsen.models.guides import Guide, GuideLanguage, GuideStatus, GuideStatusChange
from tests.factories import GuideFactory, OrganisationFactory
from tests.imports.helpers import csv_bytes, token_of, upload, xlsx_bytes

HEADERS = ["Vorname", "Nachname", "E-Mail", "Telefon", "Organisation", "Sprachen",
           "Fachgebiete", "Status"]  # fmt: skip
ROWS = [
    ["Amal", "Haddad", "Amal.Haddad@example.org", "0176 111", "Arabischer Elternverein e.V.",
     "Arabisch (Muttersprache), Deutsch (C1)", "Anerkennung ausländischer Abschlüsse", "aktiv"],
    ["Selin", "Kaya", "selin@example.org", "0176 222", "", "Türkisch: native", "", ""],
    ["Kemal", "Demir", "", "", "arabischer elternverein e.v.", "Türkisch C2", "", "active"],
    ["Dana", "Falsch", "", "", "", "Deutsch (D3)", "", ""],
    ["Ohne", "Niveau", "", "", "", "Arabisch", "", ""],
    ["Mail", "Kaputt", "kaputt@", "", "", "", "", ""],
    ["Kling", "On", "", "", "", "Klingonisch (B1)", "", ""],
    ["Amal", "Haddad-Doppelt", "amal.haddad@example.org", "", "", "", "", ""],
    ["Sam", "Status", "", "", "", "", "", "verschollen"],
    ["Nur", "", "", "", "", "", "", ""],
    ["Omar", "Ohneverein", "", "", "Gibt es nicht e.V.", "", "", ""],
]  # fmt: skip


@pytest.fixture
def existing(region, vocabulary):
    organisation = OrganisationFactory(name="Arabischer Elternverein e.V.", region=region)
    selin = GuideFactory(first_name="Selin", last_name="Kaya", email="Selin@example.org",
                         phone="", region=region)  # fmt: skip
    return {"organisation": organisation, "selin": selin}


def state() -> list:
    return [
        sorted(Guide.objects.values_list()),
        sorted(GuideLanguage.objects.values_list()),
        sorted(GuideStatusChange.objects.values_list("guide", "status", "valid_from")),
        sorted(Guide.organisations.through.objects.values_list()),
        sorted(Guide.expertise.through.objects.values_list()),
        LogEntry.objects.count(),
    ]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_preview_confirm_and_import_again(client, coordinator, region, existing, vocabulary, fmt):
    content = xlsx_bytes([HEADERS, *ROWS]) if fmt == "xlsx" else csv_bytes([HEADERS, *ROWS])
    client.force_login(coordinator)
    before = state()

    token = token_of(upload(client, content, kind="guides", name=f"lotsen.{fmt}", region=region))
    response = client.get(reverse("imports:preview"), {"token": token})
    rows = {row.number: row for row in response.context["plan"].rows}
    assert {n: row.outcome for n, row in rows.items()} == {
        2: "new", 3: "update", 4: "new", 5: "error", 6: "error", 7: "error", 8: "error",
        9: "error", 10: "error", 11: "error", 12: "error",
    }  # fmt: skip
    assert rows[5].errors == ["“D3” is not a language level: use A1 to C2 or “Muttersprache”."]
    assert rows[6].errors == ["Please add the level of “Arabisch”, for example “Arabisch (B2)”."]
    assert rows[7].errors == ["“kaputt@” is not a valid email address."]
    assert rows[8].errors == ["Unknown language “Klingonisch”."]
    assert rows[9].errors == ["The same guide as in row 2."]
    assert rows[10].errors[0].startswith("Unknown status “verschollen”")
    assert rows[11].errors == ["The last name is missing."]
    assert rows[12].errors[0].startswith("Unknown organisation “Gibt es nicht e.V.”")
    assert rows[3].changes == ["phone", "languages"]
    assert state() == before, "the preview saved something"

    response = client.post(reverse("imports:confirm"), {"token": token})
    assert response.context["plan"].counts == {"new": 2, "update": 1, "unchanged": 0, "error": 8}
    amal = Guide.objects.with_status().get(email="amal.haddad@example.org")
    assert (amal.first_name, amal.last_name, amal.phone, amal.region) == (
        "Amal",
        "Haddad",
        "0176 111",
        region,
    )
    assert amal.status == GuideStatus.ACTIVE
    assert amal.status_changes.get().recorded_by == coordinator
    assert list(amal.organisations.all()) == [existing["organisation"]]
    assert {(gl.language.name, gl.level) for gl in amal.languages.all()} == {
        ("Arabisch", "native"),
        ("Deutsch", "C1"),
    }
    assert [e.name for e in amal.expertise.all()] == ["Anerkennung ausländischer Abschlüsse"]
    kemal = Guide.objects.with_status().get(first_name="Kemal")
    assert (kemal.email, kemal.status) == ("", GuideStatus.ACTIVE)
    selin = Guide.objects.with_status().get(pk=existing["selin"].pk)
    assert (selin.email, selin.phone, selin.status) == ("Selin@example.org", "0176 222", None)
    assert selin.languages.get().level == "native"
    assert Guide.objects.count() == 3
    assert LogEntry.objects.get_for_object(amal).filter(actor=coordinator).exists()

    # The same file again: Amal and Selin by email, Kemal by name and organisation.
    after_first = state()
    token = token_of(upload(client, content, kind="guides", name=f"lotsen.{fmt}", region=region))
    response = client.post(reverse("imports:confirm"), {"token": token})
    assert response.context["plan"].counts == {"new": 0, "update": 0, "unchanged": 3, "error": 8}
    assert state() == after_first


def test_new_guide_without_status_is_interested(client, coordinator, region, vocabulary):
    client.force_login(coordinator)
    content = csv_bytes([["Vorname", "Nachname"], ["Lea", "Neu"]])
    token = token_of(upload(client, content, kind="guides", region=region))
    client.post(reverse("imports:confirm"), {"token": token})
    assert Guide.objects.with_status().get().status == GuideStatus.INTERESTED


def test_existing_status_is_kept_when_the_cell_is_empty(client, coordinator, region, vocabulary):
    import datetime

    guide = GuideFactory(first_name="Lea", last_name="Alt", email="lea@example.org", region=region)
    set_guide_status(guide=guide, status="paused", valid_from=datetime.date(2014, 3, 1))
    client.force_login(coordinator)
    content = csv_bytes([["Vorname", "Nachname", "E-Mail"], ["Lea", "Alt", "LEA@example.org"]])
    plan = client.get(
        reverse("imports:preview"),
        {"token": token_of(upload(client, content, kind="guides", region=region))},
    ).context["plan"]
    assert plan.rows[0].outcome == "unchanged"


def test_email_of_a_guide_in_another_region(client, coordinator, region, other_region, vocabulary):
    GuideFactory(first_name="Ana", last_name="Elsewhere", email="ana@example.org",
                 region=other_region)  # fmt: skip
    client.force_login(coordinator)
    before = state()
    content = csv_bytes([["Vorname", "Nachname", "E-Mail"], ["Ana", "Hier", "ana@example.org"]])
    token = token_of(upload(client, content, kind="guides", region=region))
    response = client.post(reverse("imports:confirm"), {"token": token})
    row = response.context["plan"].rows[0]
    assert row.errors == [
        "A guide of another region already has the email address ana@example.org."
    ]
    assert state() == before


def test_organisation_of_another_region_is_unknown(
    client, coordinator, region, other_region, vocabulary
):
    OrganisationFactory(name="Münsteraner Verein e.V.", region=other_region)
    client.force_login(coordinator)
    content = csv_bytes([["Vorname", "Nachname", "Organisation"],
                         ["Jan", "Muster", "Münsteraner Verein e.V."]])  # fmt: skip
    token = token_of(upload(client, content, kind="guides", region=region))
    plan = client.get(reverse("imports:preview"), {"token": token}).context["plan"]
    assert plan.rows[0].outcome == "error"


def test_email_in_the_file_completes_a_guide_found_by_name(client, coordinator, region, existing):
    guide = GuideFactory(first_name="Kemal", last_name="Demir", email="", region=region)
    guide.organisations.add(existing["organisation"])
    client.force_login(coordinator)
    content = csv_bytes(
        [
            ["Vorname", "Nachname", "Organisation", "E-Mail"],
            ["Kemal", "Demir", "Arabischer Elternverein e.V.", "kemal@example.org"],
        ]
    )
    token = token_of(upload(client, content, kind="guides", region=region))
    client.post(reverse("imports:confirm"), {"token": token})
    guide.refresh_from_db()
    assert guide.email == "kemal@example.org"
    assert Guide.objects.count() == 2  # Selin and Kemal, no second Kemal
