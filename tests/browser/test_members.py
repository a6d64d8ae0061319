"""The members' area at phone width: a guide signs in, lands on the start page, opens the
members' directory and the personal calendar feed — axe on each page, no sideways scrolling."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from lotsen.core.visibility import Visibility
from lotsen.guides.services import set_guide_status
from lotsen.models.guides import PROFILE_PARTS
from tests.browser.conftest import BROWSER, main_navigation
from tests.factories import EventFactory, GuideFactory

pytestmark = BROWSER

PHONE = {"width": 390, "height": 844}


def fits_the_screen(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width} px wide"


def test_guide_lands_on_the_start_page_and_finds_the_directory(
    page, guide, region, log_in, axe_check
):
    soon = timezone.now() + datetime.timedelta(days=3)
    EventFactory(
        title="Internes Austauschtreffen der Lotsinnen und Lotsen im Mittleren Ruhrgebiet",
        region=region,
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=2),
    )
    colleague = GuideFactory(
        region=region,
        first_name="Kavitha",
        last_name="Selvarajah-Netzwerk",
        email="kavitha.netzwerk@example.org",
        **{f"{part}_visibility": Visibility.NETWORK for part in PROFILE_PARTS},
    )
    set_guide_status(guide=colleague, status="active", valid_from=datetime.date(2014, 1, 1))

    page.set_viewport_size(PHONE)
    log_in(page, guide.user)
    expect(page).to_have_url(re.compile(re.escape(reverse("members:start")) + "$"))
    axe_check(page)
    fits_the_screen(page)
    main = page.get_by_role("main")
    expect(main).to_contain_text("Internes Austauschtreffen")
    expect(main.get_by_text("intern", exact=True)).to_be_visible()

    main_navigation(page).get_by_role("link", name="Mitgliederverzeichnis").click()
    axe_check(page)
    fits_the_screen(page)
    expect(page.get_by_role("heading", name="Kavitha Selvarajah-Netzwerk")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("kavitha.netzwerk@example.org")

    page.get_by_role("link", name="Koordination", exact=True).click()
    axe_check(page)
    fits_the_screen(page)

    page.goto(reverse("calendar:member-feed-settings"))
    axe_check(page)
    page.get_by_role("button", name="Meine Kalenderadresse anlegen").click()
    axe_check(page)
    fits_the_screen(page)
    expect(page.get_by_label("Adresse zum Kopieren:")).to_have_value(
        re.compile(r"/termine/mein-kalender/\d+-[0-9a-f]+\.ics$")
    )
