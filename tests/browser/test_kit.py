"""The guide's kit in the browser at phone width: the guide chooses what is printed, the
coordinator issues and revokes an attestation, an office checks its code — axe on each page."""

import datetime

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from lotsen.models import Attestation, GuideKit
from tests.browser.conftest import BROWSER, label

pytestmark = BROWSER

PHONE = {"width": 390, "height": 844}


def fits_the_screen(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width} px wide"


def test_guide_chooses_what_the_cards_print(page, guide, enter_as, axe_check):
    page.set_viewport_size(PHONE)
    enter_as(page, guide.user)
    page.goto(reverse("guides:profile"))
    axe_check(page)
    page.get_by_role("link", name="Meine Unterlagen öffnen").click()
    axe_check(page)
    fits_the_screen(page)

    page.get_by_role("radio", name="Arbeitsmarktlotsin", exact=True).check()
    page.get_by_role("radio", name="eigene E-Mail-Adresse").check()
    page.get_by_role("button", name="Auswahl speichern").click()

    axe_check(page)
    expect(page.get_by_text("Ihre Auswahl wurde gespeichert")).to_be_visible()
    kit = GuideKit.objects.get(guide=guide)
    assert (kit.title_form, kit.contact) == ("lotsin", "email")
    expect(page.get_by_role("link", name="Visitenkarten (PDF, zehn pro A4-Bogen)")).to_be_visible()


def test_coordinator_issues_and_revokes_an_office_checks(
    page, guide, coordinator, enter_as, axe_check
):
    page.set_viewport_size(PHONE)
    enter_as(page, coordinator)
    page.goto(reverse("guides:detail", args=[guide.pk]))
    axe_check(page)
    page.get_by_role("link", name="Unterlagen und Bescheinigungen").click()
    axe_check(page)
    fits_the_screen(page)

    until = timezone.localdate() + datetime.timedelta(days=90)
    page.get_by_label(label("Gültig bis")).fill(until.isoformat())
    page.get_by_role("button", name="Bescheinigung ausstellen").click()
    axe_check(page)
    fits_the_screen(page)
    expect(page.get_by_text("Die Bescheinigung wurde ausgestellt.")).to_be_visible()
    code = Attestation.objects.get(guide=guide).printed_code

    page.get_by_role("button", name="Widerrufen").click()
    axe_check(page)
    expect(page.get_by_text("Die Bescheinigung wurde widerrufen.")).to_be_visible()

    page.context.clear_cookies()
    page.goto(reverse("kit:verify"))
    axe_check(page)
    page.get_by_label(label("Prüfcode")).fill(code)
    page.get_by_role("button", name="Prüfen").click()
    axe_check(page)
    fits_the_screen(page)
    expect(page.get_by_role("status")).to_contain_text("Widerrufen.")
