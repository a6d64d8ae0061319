"""The signature list: a PDF with every confirmed registrant, which funders ask to be signed."""

import datetime
import io
import zoneinfo

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from events.models import RegistrationStatus
from tests.factories import AgencyFactory, EventFactory, RegistrationFactory

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def event(region):
    event = EventFactory(
        region=region,
        title="Auftaktveranstaltung Solingen",
        venue="Rathaus Solingen",
        city="Solingen",
        starts_at=datetime.datetime(2014, 3, 12, 18, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2014, 3, 12, 20, 30, tzinfo=BERLIN),
        is_public=True,
        takes_registrations=True,
    )
    event.organising_agencies.add(AgencyFactory(regions=[region], name="KI Solingen"))
    return event


def pages_of(response) -> list[str]:
    reader = PdfReader(io.BytesIO(response.content))
    return [page.extract_text() for page in reader.pages]


def column_headers() -> list[str]:
    # As the coordinator reads them, in German (the portal's default language).
    with translation.override("de"):
        return [gettext("Name"), gettext("Organisation"), gettext("Signature")]


def test_every_confirmed_registrant_and_nobody_else(client, coordinator, event, settings):
    settings.PUBLISHER = {
        "name": "MOZAIK gGmbH",
        "address": "Herforder Str. 46, 33602 Bielefeld",
        "funding_notice": "Gefördert durch das Programm IQ.",
    }
    for name, organisation in [
        ("Zeynep Kaya", "Vatanspor e.V."),
        ("Ömer Çelik", ""),
        ("Aylin Demir", "Bosnische Gemeinde Witten e.V."),
    ]:
        RegistrationFactory(event=event, name=name, organisation=organisation)
    RegistrationFactory(event=event, name="Storniert Person", status=RegistrationStatus.CANCELLED)
    RegistrationFactory(event=event, name="Wartend Person", status=RegistrationStatus.WAITING)
    client.force_login(coordinator)

    response = client.get(reverse("events:signature-list", args=[event.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="unterschriftenliste-2014-03-12.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    text = "\n".join(pages_of(response))
    for expected in [
        "Auftaktveranstaltung Solingen", "Rathaus Solingen", "KI Solingen", "MOZAIK gGmbH",
        "Gefördert durch das Programm IQ.", "Zeynep Kaya", "Vatanspor e.V.", "Ömer Çelik",
        "Aylin Demir", "12. März 2014 18:00",
    ]:  # fmt: skip
        assert expected in text, expected
    assert "Storniert" not in text and "Wartend" not in text
    # Sorted by name, as people look for themselves at the door.
    assert text.index("Aylin Demir") < text.index("Zeynep Kaya")
    if connection.vendor == "postgresql":  # the ICU collation puts Ö next to O
        assert text.index("Ömer Çelik") < text.index("Zeynep Kaya")


def test_many_registrants_fill_several_pages_each_with_the_table_header(client, coordinator, event):
    names = [f"Teilnehmerin Nummer {number:03d}" for number in range(60)]
    for name in names:
        RegistrationFactory(event=event, name=name)
    client.force_login(coordinator)

    pages = pages_of(client.get(reverse("events:signature-list", args=[event.pk])))

    assert len(pages) >= 3
    for page in pages:
        for header in column_headers():
            assert header in page
    text = "\n".join(pages)
    assert all(name in text for name in names)
    # Ten numbered empty rows follow for people who come without registering.
    assert "70" in pages[-1].split()


def test_an_event_without_registrations_still_gets_a_list_to_sign(client, coordinator, region):
    event = EventFactory(region=region, title="Netzwerktreffen Hagen")
    client.force_login(coordinator)

    response = client.get(reverse("events:signature-list", args=[event.pk]))

    text = "\n".join(pages_of(response))
    assert "Netzwerktreffen Hagen" in text and "10" in text.split()


def test_another_regions_coordinator_gets_no_list(client, other_coordinator, event):
    RegistrationFactory(event=event, name="Zeynep Kaya")
    client.force_login(other_coordinator)
    assert client.get(reverse("events:signature-list", args=[event.pk])).status_code == 404
