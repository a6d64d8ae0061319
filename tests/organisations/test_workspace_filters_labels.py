"""The workspace lists' filters say what an unset filter means, never Django's "---------" or
"Unknown"."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["organisations:list", "organisations:agency-list", "guides:list", "events:list"]
)
def test_unset_filters_read_as_words(client, coordinator, region, name):
    client.force_login(coordinator)
    html = client.get(reverse(name)).content.decode()
    assert "---------" not in html
    assert "Unbekannt" not in html


def test_the_organisations_filters_name_what_unset_means(client, coordinator, region):
    client.force_login(coordinator)
    html = client.get(reverse("organisations:list")).content.decode()
    assert '<option value="" selected>beliebige Sprache</option>' in html
    assert '<option value="" selected>übliche Reihenfolge</option>' in html


def test_listed_publicly_filters_both_ways(client, coordinator, region):
    from tests.factories import OrganisationFactory

    OrganisationFactory(region=region, name="Gelistet e.V.", listed_publicly=True)
    OrganisationFactory(region=region, name="Verborgen e.V.", listed_publicly=False)
    client.force_login(coordinator)
    url = reverse("organisations:list")
    listed = client.get(url, {"listed_publicly": "true"}).content.decode()
    hidden = client.get(url, {"listed_publicly": "false"}).content.decode()
    assert "Gelistet e.V." in listed and "Verborgen e.V." not in listed
    assert "Verborgen e.V." in hidden and "Gelistet e.V." not in hidden
