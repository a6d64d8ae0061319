"""The workspace lists of the API filter with the workspace pages' filters, by the same names,
with the choices of the caller's regions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotsen.models.guides import GuideLanguage
from tests.api.conftest import bearer
from tests.factories import EventFactory, GuideFactory, LanguageFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def ids(client, name, params, key):
    response = client.get(reverse(name), params, **bearer(key))
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def test_organisations_by_search_and_archive_state(client, region, tokens):
    key = tokens["coordinator"]
    hagen = OrganisationFactory(region=region, name="Kulturbrücke Hagen")
    OrganisationFactory(region=region, name="Brückenbauer Iserlohn", city="Iserlohn")
    archived = OrganisationFactory(region=region, name="Altverein Hagen")
    archived.archived_at = timezone.now()
    archived.save()
    assert ids(client, "api:workspace-organisations", {"q": "Kulturbrücke"}, key) == [hagen.pk]
    # As on the page: archived records only when asked for.
    assert archived.pk not in ids(client, "api:workspace-organisations", {}, key)
    assert ids(client, "api:workspace-organisations", {"state": "archived"}, key) == [archived.pk]


def test_events_by_period(client, region, tokens):
    past = EventFactory(region=region, starts_at=timezone.now() - datetime.timedelta(days=9))
    upcoming = EventFactory(region=region)
    key = tokens["coordinator"]
    assert ids(client, "api:workspace-events", {"period": "upcoming"}, key) == [upcoming.pk]
    assert ids(client, "api:workspace-events", {"period": "past"}, key) == [past.pk]


def test_guides_by_language_and_region_choices_of_the_caller(client, region, other_region, tokens):
    tigrinya = LanguageFactory(name="Tigrinya")
    speaker, other = GuideFactory(region=region), GuideFactory(region=region)
    GuideLanguage.objects.create(guide=speaker, language=tigrinya, level="C1")
    key = tokens["coordinator"]
    assert ids(client, "api:workspace-guides", {"language": tigrinya.pk}, key) == [speaker.pk]
    assert {speaker.pk, other.pk} <= set(ids(client, "api:workspace-guides", {}, key))

    # Another region is no choice for this coordinator: refused, with the field named.
    refused = client.get(
        reverse("api:workspace-guides"), {"region": other_region.pk}, **bearer(key)
    )
    assert refused.status_code == 400
    assert refused["Content-Type"] == "application/problem+json"
    assert "region" in refused.json()["errors"]
    assert ids(client, "api:workspace-guides", {"region": other_region.pk}, tokens["admin"]) == []
