"""The navigation marks where one is: the page itself, or the part of the portal it belongs to,
decided by URL name (lotsen.navigation.py), not by the path."""

import re

import pytest
from django.urls import reverse

from lotsen.navigation import WORKSPACE, place_of
from tests.factories import AgencyFactory, EventFactory
from tests.matrix import OK
from tests.test_url_matrix import MATRIX

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


def test_pages_open_to_anonymous_visitors_are_never_marked_as_workspace():
    # Personal links (an expert's answer, a guide's proposal) and public forms live in the
    # workspace apps' URL namespaces; marking them "workspace" would point outsiders there.
    public = [
        name
        for name, row in MATRIX.items()
        if any((getattr(row, method) or {}).get("anonymous") == OK for method in ("get", "post"))
    ]
    assert "organisations:expert-answer" in public
    marked = [name for name in public if place_of(name).area == WORKSPACE]
    assert not marked, marked
