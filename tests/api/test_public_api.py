"""The public endpoints: what they show, what they never show, and conditional GET."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from events.calendar import selectors as calendar
from lotsen.core.visibility import Visibility
from lotsen.guides.services import set_guide_status
from lotsen.models.guides import GuideLanguage
from regions.models import RegionStatusChange
from tests.factories import (
    EventFactory,
    EventReportFactory,
    GuideFactory,
    LanguageFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def test_regions_carry_status_and_history(client, region):
    RegionStatusChange.objects.create(
        region=region, status="contacted", valid_from=datetime.date(2013, 9, 1)
    )
    RegionStatusChange.objects.create(
        region=region, status="binding", valid_from=datetime.date(2014, 2, 1)
    )
    answer = client.get(reverse("api:region", args=[region.slug])).json()
    assert answer["status"] == "binding"
    assert [entry["status"] for entry in answer["history"]] == ["binding", "contacted"]
    assert answer["history"][0]["valid_from"] == "2014-02-01"


def test_events_are_exactly_the_public_calendars(client, region):
    now = timezone.now()
    public = EventFactory(region=region, is_public=True)
    EventFactory(region=region, is_public=False, title="Internes Treffen")
    past = EventFactory(
        region=region,
        is_public=True,
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=30, hours=-2),
    )
    EventReportFactory(event=past, headline="Ein gelungenes Treffen")
    EventReportFactory(event=public, headline="Vorab geschrieben")

    rows = client.get(reverse("api:events")).json()["results"]

    assert {row["id"] for row in rows} == set(calendar.public_events().values_list("pk", flat=True))
    assert {row["id"] for row in rows} == {public.pk, past.pk}
    by_id = {row["id"]: row for row in rows}
    assert by_id[past.pk]["report"]["headline"] == "Ein gelungenes Treffen"
    # A report written ahead of the day stays unpublished, as in the calendar.
    assert by_id[public.pk]["report"] is None
    # ISO 8601 with the time zone.
    assert datetime.datetime.fromisoformat(by_id[public.pk]["starts_at"]).tzinfo is not None


def test_directory_lists_only_listed_organisations_with_public_fields(client, region):
    listed = OrganisationFactory(
        region=region, listed_publicly=True, email="vorstand@verein.example", phone="0201 1"
    )
    OrganisationFactory(region=region, listed_publicly=False)
    rows = client.get(reverse("api:organisations")).json()["results"]
    assert [row["id"] for row in rows] == [listed.pk]
    assert set(rows[0]) == {
        "id", "name", "city", "website", "region", "communities", "languages", "thematic_fields"
    }  # fmt: skip
    assert "vorstand@verein.example" not in str(rows)


def test_guide_finder_shows_only_what_the_guide_made_public(client, region):
    guide = GuideFactory(
        region=region,
        first_name="Amina",
        last_name="Haddad",
        email="amina@example.org",
        phone="0170 123",
        public_profile=True,
        name_visibility=Visibility.NETWORK,
        contact_visibility=Visibility.NOBODY,
        languages_visibility=Visibility.PUBLIC,
    )
    set_guide_status(guide=guide, status="active", valid_from=datetime.date(2014, 1, 1))
    hidden = GuideFactory(region=region, public_profile=False, first_name="Verborgen")
    set_guide_status(guide=hidden, status="active", valid_from=datetime.date(2014, 1, 1))

    response = client.get(reverse("api:guides"))

    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [guide.pk]
    assert rows[0]["name"] == "" and rows[0]["email"] == "" and rows[0]["phone"] == ""
    for secret in ("Amina", "Haddad", "amina@example.org", "0170 123", "Verborgen"):
        assert secret not in response.content.decode()


def test_conditional_get_answers_304(client, region):
    OrganisationFactory(region=region, listed_publicly=True)
    url = reverse("api:organisations")
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    assert "public" in first["Cache-Control"]

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304

    OrganisationFactory(region=region, listed_publicly=True, name="Neuer Verein e.V.")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_errors_are_problem_details_in_the_callers_language(client):
    german = client.get("/api/v1/events/999999/", HTTP_ACCEPT_LANGUAGE="de")
    english = client.get("/api/v1/events/999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert german.status_code == english.status_code == 404
    assert german["Content-Type"] == "application/problem+json"
    assert german.json()["title"] == "Nicht gefunden"
    assert english.json()["title"] == "Not found"
    assert german.json()["detail"] != english.json()["detail"]


def test_public_endpoints_are_throttled_per_address(client, monkeypatch):
    # The rates are read when the throttle classes are defined: lower them for this test only.
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anonymous": "3/minute", "token": "600/minute"}
    )
    url = reverse("api:regions")
    answers = [client.get(url, REMOTE_ADDR="192.0.2.1").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = client.get(url, REMOTE_ADDR="192.0.2.1")
    assert refused["Content-Type"] == "application/problem+json"
    assert int(refused["Retry-After"]) > 0
    assert client.get(url, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_cursor_pagination(client, region):
    for _ in range(5):
        EventFactory(region=region, is_public=True)
    first = client.get(reverse("api:events"), {"page_size": 2}).json()
    assert len(first["results"]) == 2 and first["next"]
    seen = [row["id"] for row in first["results"]]
    page = first
    while page["next"]:
        page = client.get(page["next"]).json()
        seen += [row["id"] for row in page["results"]]
    assert len(seen) == len(set(seen)) == 5


@pytest.mark.xfail(
    strict=False,
    reason="Known bug, open: after the schema was generated in the same process (schema or "
    "docs page), the finder's language filter rejects a valid language id (400).",
)
def test_filters_are_the_pages_filters(client, region, other_region):
    language = LanguageFactory(name="Tigrinya")
    shown = GuideFactory(
        region=region,
        public_profile=True,
        name_visibility=Visibility.PUBLIC,
        languages_visibility=Visibility.PUBLIC,
    )
    hiding = GuideFactory(
        region=region,
        public_profile=True,
        name_visibility=Visibility.PUBLIC,
        languages_visibility=Visibility.NETWORK,
    )
    for guide in (shown, hiding):
        GuideLanguage.objects.create(guide=guide, language=language, level="C1")
        set_guide_status(guide=guide, status="active", valid_from=datetime.date(2014, 1, 1))
    OrganisationFactory(region=region, listed_publicly=True, name="Hier e.V.")
    OrganisationFactory(region=other_region, listed_publicly=True, name="Dort e.V.")

    # A guide who hid their languages is not found by language: that would reveal them.
    found = client.get(reverse("api:guides"), {"language": language.pk}).json()
    assert "results" in found, found["errors"]
    found = found["results"]
    assert [row["id"] for row in found] == [shown.pk]
    directory = client.get(reverse("api:organisations"), {"region": other_region.slug}).json()
    assert [row["name"] for row in directory["results"]] == ["Dort e.V."]

    invalid = client.get(reverse("api:organisations"), {"region": "atlantis"})
    assert invalid.status_code == 400
    assert invalid["Content-Type"] == "application/problem+json"
    assert "region" in invalid.json()["errors"]
