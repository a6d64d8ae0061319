"""The header on a phone and on a wide screen: the main navigation folds into "Menü" on a phone
and is open on a wide screen, the account's pages sit in the "Konto" menu, and both open with
the keyboard, without a script of the portal's."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER

pytestmark = BROWSER

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}


def test_on_a_phone_the_page_starts_on_the_first_screen(page, coordinator, enter_as, axe_check):
    page.set_viewport_size(PHONE)
    enter_as(page, coordinator)
    page.goto(reverse("guides:list"))
    axe_check(page)

    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    expect(navigation).to_be_hidden()
    expect(page.get_by_role("navigation", name="Arbeitsbereich")).to_be_hidden()
    heading = page.get_by_role("heading", level=1)
    # Before, eleven header links and nineteen section chips came first: the heading sat
    # below 800 px, off a phone's first screen.
    assert heading.bounding_box()["y"] < 300

    page.locator("details.site-menu summary").focus()
    page.keyboard.press("Enter")
    expect(navigation).to_be_visible()
    expect(navigation.get_by_role("link", name="Arbeitsbereich")).to_have_attribute(
        "aria-current", "true"
    )
    page.get_by_text("Seiten des Arbeitsbereichs").click()
    sections = page.get_by_role("navigation", name="Arbeitsbereich")
    expect(sections.get_by_role("link", name="Lotsinnen und Lotsen", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    axe_check(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_on_a_wide_screen_the_navigation_is_open_and_the_account_menu_folded(
    page, coordinator, enter_as, axe_check
):
    page.set_viewport_size(WIDE)
    enter_as(page, coordinator)
    page.goto(reverse("dashboard"))

    expect(page.get_by_text("Menü", exact=True)).to_be_hidden()
    expect(page.get_by_role("navigation", name="Hauptnavigation")).to_be_visible()
    expect(page.get_by_role("navigation", name="Arbeitsbereich")).to_be_visible()
    account = page.get_by_role("navigation", name="Konto")
    log_out = account.get_by_role("button", name="Abmelden")
    expect(log_out).to_be_hidden()

    account.get_by_text("Konto", exact=True).focus()
    page.keyboard.press("Enter")
    expect(account).to_contain_text(coordinator.email)
    axe_check(page)
    account.get_by_role("link", name="Zwei-Faktor-Anmeldung").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("mfa_index")) + "$"))
    axe_check(page)
    # The menu that holds the current page says so when folded again.
    expect(page.locator(".account-menu summary.is-current")).to_have_text("Konto")

    account.get_by_text("Konto", exact=True).click()
    log_out.click()
    expect(page.get_by_role("link", name="Anmelden", exact=True)).to_be_visible()
    axe_check(page)
