"""A workspace list printed for a meeting: the table, without navigation, filters or buttons."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER
from tests.factories import OrganisationFactory

pytestmark = BROWSER


def test_a_printed_list_shows_the_table_only(page, axe_check, enter_as, coordinator, region):
    OrganisationFactory(region=region, name="Kulturbrücke Hagen")
    enter_as(page, coordinator)
    page.goto(reverse("organisations:list"))
    workspace_nav = page.get_by_role("navigation", name="Arbeitsbereich")
    expect(workspace_nav).to_be_visible()
    axe_check(page)

    page.emulate_media(media="print")
    expect(workspace_nav).to_be_hidden()
    expect(page.get_by_role("navigation", name="Hauptnavigation")).to_be_hidden()
    expect(page.get_by_role("button", name="Filter anwenden")).to_be_hidden()
    expect(page.get_by_role("row", name="Kulturbrücke Hagen")).to_be_visible()
    # Dark on white: the header loses its blue.
    header = page.locator(".site-header")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgba(0, 0, 0, 0)"
