"""A guide's certificate of attendance (Teilnahmebescheinigung) for a training at an event."""

import datetime
import io
import zoneinfo

import pytest
from django.urls import reverse
from pypdf import PdfReader

from events.attendance.services import record_attendance
from events.models import EventKind
from lotsen.models.guides import CompletedTraining
from tests.factories import EventFactory

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def training(region, guide, other_guide, coordinator):
    """Both guides of the region attended a training; attendance recorded as coordinators do."""
    guide.first_name, guide.last_name = "Amra", "Hodžić"
    guide.save()
    event = EventFactory(
        region=region,
        kind=EventKind.TRAINING,
        title="Qualifizierung: Anerkennung ausländischer Abschlüsse",
        venue="Kreishaus Schwelm",
        city="Schwelm",
        starts_at=datetime.datetime(2014, 3, 13, 10, 0, tzinfo=BERLIN),
        ends_at=datetime.datetime(2014, 3, 13, 16, 0, tzinfo=BERLIN),
    )
    record_attendance(
        event=event,
        registrations_attended=[],
        organisations=[],
        agencies=[],
        guides=[guide, other_guide],
        headcount=None,
        by=coordinator,
    )
    return CompletedTraining.objects.get(guide=guide, event=event)


def certificate_url(training) -> str:
    return reverse("guides:certificate", args=[training.pk])


def text_of(response) -> str:
    """The PDF's text with each line break as a space, as long titles wrap."""
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_guide_downloads_their_certificate_from_the_profile(client, guide, training, settings):
    settings.PUBLISHER = {**settings.PUBLISHER, "funding_notice": "Gefördert durch IQ."}
    client.force_login(guide.user)

    profile = client.get(reverse("guides:profile")).content.decode()
    assert certificate_url(training) in profile
    response = client.get(certificate_url(training))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="teilnahmebescheinigung-amra-hodzic-2014-03-13.pdf"'
    )
    text = text_of(response)
    for expected in [
        "Amra Hodžić",
        "Qualifizierung: Anerkennung ausländischer Abschlüsse",
        "13. März 2014",
        "Kreishaus Schwelm",
        "Gefördert durch IQ.",
    ]:
        assert expected in text, expected


def test_a_guide_cannot_download_another_guides_certificate(client, guide, other_guide, training):
    others = CompletedTraining.objects.get(guide=other_guide)
    client.force_login(guide.user)

    assert client.get(certificate_url(others)).status_code == 404
    assert client.get(reverse("guides:certificate", args=[999999])).status_code == 404


def test_coordinators_of_the_guides_region_only(
    client, coordinator, other_coordinator, admin_user, guide, training
):
    client.force_login(coordinator)
    page = client.get(reverse("guides:detail", args=[guide.pk])).content.decode()
    assert certificate_url(training) in page
    assert "Amra Hodžić" in text_of(client.get(certificate_url(training)))

    client.force_login(admin_user)
    assert client.get(certificate_url(training)).status_code == 200

    client.force_login(other_coordinator)
    assert client.get(certificate_url(training)).status_code == 404

    client.logout()
    response = client.get(certificate_url(training))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_trainings_recorded_without_an_event_have_no_certificate(client, guide, training):
    elsewhere = CompletedTraining.objects.create(
        guide=guide, title="Erste Hilfe", completed_on=datetime.date(2013, 5, 1), provider="DRK"
    )
    client.force_login(guide.user)

    profile = client.get(reverse("guides:profile")).content.decode()

    assert "Erste Hilfe" in profile
    assert certificate_url(elsewhere) not in profile
    assert client.get(certificate_url(elsewhere)).status_code == 404
