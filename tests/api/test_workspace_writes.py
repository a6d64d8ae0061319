"""What a partner system may write with a read-write token: events, reports, attendance and
proposals of referral requests, each checked by the same forms and services as the pages."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventReport
from lotsen.models.referrals import ReferralProposal, ReferralRequest, ReferralState
from tests.api.conftest import bearer
from tests.factories import (
    EventFactory,
    EventReportFactory,
    GuideFactory,
    LanguageFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.django_db


def send(client, method, url, data, key):
    return getattr(client, method)(
        url, json.dumps(data), content_type="application/json", **bearer(key)
    )


def past_event(region, **kwargs):
    started = timezone.now() - datetime.timedelta(days=1)
    return EventFactory(
        region=region, starts_at=started, ends_at=started + datetime.timedelta(hours=2), **kwargs
    )


NEW_EVENT = {
    "title": "Sprechstunde Anerkennung",
    "kind": "information",
    "city": "Hagen",
    "starts_at": "2027-03-13T10:00:00+01:00",
    "ends_at": "2027-03-13T12:00:00+01:00",
}


def test_a_new_event_is_filed_in_ones_region(client, region, tokens):
    response = send(
        client, "post", reverse("api:workspace-events"), {**NEW_EVENT, "region": region.slug},
        tokens["coordinator"],
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    event = Event.objects.get(title="Sprechstunde Anerkennung")
    assert response["Location"].endswith(reverse("api:workspace-event", args=[event.pk]))
    assert event.region == region
    assert response.json()["starts_at"] == "2027-03-13T10:00:00+01:00"
    listed = client.get(reverse("api:workspace-events"), **bearer(tokens["coordinator"])).json()
    assert event.pk in [row["id"] for row in listed["results"]]


def test_a_new_event_is_refused_with_the_pages_messages(client, region, other_region, tokens):
    url = reverse("api:workspace-events")
    backwards = {**NEW_EVENT, "region": region.slug, "ends_at": "2027-03-13T09:00:00+01:00"}
    response = send(client, "post", url, backwards, tokens["coordinator"])
    assert response.status_code == 400
    assert response.json()["errors"]["ends_at"] == [
        "Eine Veranstaltung kann nicht vor ihrem Beginn enden."
    ]
    elsewhere = send(
        client, "post", url, {**NEW_EVENT, "region": other_region.slug}, tokens["coordinator"]
    )
    assert elsewhere.status_code == 400 and "region" in elsewhere.json()["errors"]
    statewide = send(client, "post", url, NEW_EVENT, tokens["coordinator"])
    assert statewide.status_code == 400 and "region" in statewide.json()["errors"]
    assert not Event.objects.exists()
    # The Landeskoordination files statewide events.
    assert send(client, "post", url, NEW_EVENT, tokens["admin"]).status_code == 201
    assert Event.objects.get().region is None


def test_a_patch_with_the_version_just_read_saves_and_a_stale_one_is_a_conflict(
    client, region, tokens
):
    event = EventFactory(region=region, title="Netzwerktreffen")
    url = reverse("api:workspace-event", args=[event.pk])
    key = tokens["coordinator"]
    version = client.get(url, **bearer(key)).json()["version"]

    first = send(client, "patch", url, {"title": "Netzwerktreffen Hagen", "version": version}, key)
    assert first.status_code == 200, first.json()
    assert first.json()["version"] != version

    stale = send(client, "patch", url, {"title": "Überschrieben", "version": version}, key)
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    event.refresh_from_db()
    assert event.title == "Netzwerktreffen Hagen"


def test_the_report_is_written_then_replaced_only_with_its_version(
    client, region, coordinator, tokens
):
    event = past_event(region, city="Schwelm")
    url = reverse("api:workspace-event-report", args=[event.pk])
    key = tokens["coordinator"]
    assert client.get(url, **bearer(key)).status_code == 404

    written = send(client, "put", url, {"headline": "Gut besucht", "teaser": "Vierzig."}, key)
    assert written.status_code == 200, written.json()
    report = EventReport.objects.get(event=event)
    day = timezone.localtime(event.starts_at).strftime("%d.%m.%Y")
    assert report.dateline == f"Schwelm – {day}"  # as the report page offers it
    assert report.author == coordinator

    blind = send(client, "put", url, {"headline": "Ohne Version", "teaser": "x"}, key)
    assert blind.status_code == 409
    version = written.json()["version"]
    replaced = send(client, "put", url, {"headline": "Neu", "teaser": "y", "version": version}, key)
    assert replaced.status_code == 200, replaced.json()
    stale = send(client, "put", url, {"headline": "Alt", "teaser": "z", "version": version}, key)
    assert stale.status_code == 409
    report.refresh_from_db()
    assert (report.headline, report.dateline) == ("Neu", f"Schwelm – {day}")


def test_registrations_are_read_and_attendance_recorded(client, region, tokens):
    event = past_event(region, is_public=True, takes_registrations=True, capacity=10)
    came, stayed_away = RegistrationFactory(event=event), RegistrationFactory(event=event)
    elsewhere = RegistrationFactory()
    key = tokens["coordinator"]

    listed = client.get(
        reverse("api:workspace-event-registrations", args=[event.pk]), **bearer(key)
    ).json()
    assert {row["id"] for row in listed["results"]} == {came.pk, stayed_away.pk}

    url = reverse("api:workspace-event-attendance", args=[event.pk])
    refused = send(client, "put", url, {"attended": [came.pk, elsewhere.pk]}, key)
    assert refused.status_code == 400
    assert refused.json()["errors"]["attended"] == [
        "Nur bestätigte Anmeldungen zu dieser Veranstaltung können als teilgenommen markiert "
        "werden."
    ]
    came.refresh_from_db()
    assert came.attended is None

    saved = send(client, "put", url, {"attended": [came.pk]}, key)
    assert saved.status_code == 200, saved.json()
    assert saved.json()["headcount"] == 1
    came.refresh_from_db()
    stayed_away.refresh_from_db()
    assert (came.attended, stayed_away.attended) == (True, False)


def test_attendance_waits_for_the_event(client, region, tokens):
    event = EventFactory(region=region, is_public=True, takes_registrations=True, capacity=5)
    registration = RegistrationFactory(event=event)
    url = reverse("api:workspace-event-attendance", args=[event.pk])
    response = send(client, "put", url, {"attended": [registration.pk]}, tokens["coordinator"])
    assert response.status_code == 400
    assert "noch nicht begonnen" in response.json()["errors"]["attended"][0]


@pytest.fixture
def referral(region):
    request = ReferralRequest.objects.create(
        organisation="Jobcenter Hagen",
        contact_name="Petra Sommer",
        email="sommer@jobcenter.example.org",
        region=region,
        time_frame="im März",
    )
    request.languages.add(LanguageFactory(name="Tigrinya"))
    return request


def test_referral_requests_are_read_in_ones_regions_and_proposed(
    client, region, other_region, referral, tokens, mailoutbox, django_capture_on_commit_callbacks
):
    theirs = GuideFactory(region=other_region, email="dort@example.org")
    ours = GuideFactory(region=region, email="hier@example.org")
    key = tokens["coordinator"]

    listed = client.get(reverse("api:workspace-referrals"), **bearer(key)).json()["results"]
    assert [(row["reference"], row["languages"]) for row in listed] == [
        (referral.reference, ["Tigrinya"])
    ]
    other = client.get(reverse("api:workspace-referrals"), **bearer(tokens["other_coordinator"]))
    assert other.json()["results"] == []

    url = reverse("api:workspace-referral-proposals", args=[referral.pk])
    with django_capture_on_commit_callbacks(execute=True):
        refused = send(client, "post", url, {"guides": [ours.pk, theirs.pk]}, key)
    assert refused.status_code == 400
    assert refused.json()["errors"]["guides"] == [
        "Bitte wählen Sie nur Lotsinnen und Lotsen Ihrer Regionen."
    ]
    assert not ReferralProposal.objects.exists() and not mailoutbox

    with django_capture_on_commit_callbacks(execute=True):
        proposed = send(client, "post", url, {"guides": [ours.pk]}, key)
    assert proposed.status_code == 201, proposed.json()
    assert [row["guide"]["id"] for row in proposed.json()["proposals"]] == [ours.pk]
    referral.refresh_from_db()
    assert referral.state == ReferralState.PROPOSED
    assert [mail.to for mail in mailoutbox] == [["hier@example.org"]]

    again = send(client, "post", url, {"guides": [ours.pk]}, key)
    assert again.status_code == 400 and len(mailoutbox) == 1


def test_messages_follow_accept_language(client, region, tokens):
    event = EventReportFactory(event=past_event(region)).event
    response = client.put(
        reverse("api:workspace-event-report", args=[event.pk]),
        json.dumps({"headline": "x", "teaser": "y"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(tokens["coordinator"]),
    )
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Someone else changed this record")
