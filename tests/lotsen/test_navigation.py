"""The navigation marks where one is: the page itself, or the part of the portal it belongs to,
decided by URL name (lotsen.navigation.py), not by the path."""

import re

import pytest
from django.urls import reverse

from lotsen.navigation import PLACES, WORKSPACE, place_of
from tests.factories import AgencyFactory, EventFactory
from tests.test_url_matrix import url_names

pytestmark = pytest.mark.django_db


def current(html: str, nav_label: str) -> list[tuple[str, str]]:
    """(label, aria-current) of the marked links of the navigation named ``nav_label``."""
    html = html.replace("\u00ad", "")  # soft hyphens in long labels
    nav = re.search(rf'<nav[^>]*aria-label="{nav_label}".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="[^"]*" aria-current="(\w+)">([^<]+)</a>', nav)


def test_the_public_calendar_is_marked_on_an_events_page(client):
    event = EventFactory(is_public=True)
    html = client.get(reverse("calendar:event", args=[event.pk])).content.decode()
    assert current(html, "Hauptnavigation") == [("true", "Veranstaltungen")]
    html = client.get(reverse("calendar:list")).content.decode()
    assert current(html, "Hauptnavigation") == [("page", "Veranstaltungen")]


def test_the_workspace_marks_the_section_of_a_detail_page(client, coordinator, region):
    agency = AgencyFactory(regions=[region])
    client.force_login(coordinator)
    html = client.get(reverse("organisations:agency-update", args=[agency.pk])).content.decode()
    assert current(html, "Arbeitsbereich") == [("true", "Kooperationspartner")]
    assert current(html, "Hauptnavigation") == [("true", "Arbeitsbereich")]


def test_every_workspace_page_has_a_place():
    # A new workspace URL without a row here would leave its navigation unmarked.
    prefixes = ("regions:", "organisations:", "events:", "issues:", "staff:", "imports:")
    for name in url_names():
        if name.startswith(prefixes):
            assert place_of(name).area == WORKSPACE, name
    assert all(pattern for pattern, _place in PLACES)
