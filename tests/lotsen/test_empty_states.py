"""An empty workspace list says what to do next: add the first entry (or import a list) when
there is none, widen the filters when they found none."""

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("list_name", "create_name", "label"),
    [
        ("organisations:list", "organisations:create", "Erste Organisation anlegen"),
        (
            "organisations:agency-list",
            "organisations:agency-create",
            "Ersten Kooperationspartner anlegen",
        ),
        ("events:list", "events:create", "Erste Veranstaltung anlegen"),
        ("guides:list", "guides:create", "Erste Lotsin oder ersten Lotsen anlegen"),
    ],
)  # fmt: skip
def test_an_empty_list_offers_the_first_entry(client, coordinator, list_name, create_name, label):
    client.force_login(coordinator)
    html = client.get(reverse(list_name)).content.decode()
    assert f'<a class="button" href="{reverse(create_name)}">{label}</a>' in html


def test_an_empty_result_offers_to_reset_the_filters(client, coordinator, region):
    OrganisationFactory(region=region, name="Kulturbrücke Hagen")
    client.force_login(coordinator)
    html = client.get(reverse("organisations:list"), {"q": "Nirgendwo"}).content.decode()
    assert "Keine Organisation passt zu diesen Filtern." in html
    assert f'<a href="{reverse("organisations:list")}">Filter zurücksetzen</a>' in html
    assert "Erste Organisation anlegen" not in html


def test_the_import_is_offered_only_to_those_who_may_import(client, coordinator, admin_user):
    client.force_login(coordinator)
    html = client.get(reverse("organisations:list")).content.decode()
    may_import = "oder eine Excel-Liste importieren" in html
    client.force_login(admin_user)
    assert (
        "oder eine Excel-Liste importieren"
        in client.get(reverse("organisations:list")).content.decode()
    )
    assert may_import == coordinator.has_perm("lotsen.import_data")
