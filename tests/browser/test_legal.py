"""The legal pages in the browser at phone width: Impressum, Datenschutzerklärung, Erklärung zur
Barrierefreiheit and its feedback form, with axe on each page, reached from the footer."""

from django.conf import settings
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER, label

pytestmark = BROWSER

PHONE = {"width": 390, "height": 844}


def fits_the_screen(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways: {width} px wide"


def test_the_legal_pages_and_the_feedback_form_at_phone_width(page, axe_check):
    page.set_viewport_size(PHONE)
    page.goto(reverse("home"))
    axe_check(page)
    footer = page.get_by_role("navigation", name="Rechtliche Hinweise")

    footer.get_by_role("link", name="Impressum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impressum")
    expect(page.get_by_text(settings.PUBLISHER["address"]).first).to_be_visible()
    axe_check(page)
    fits_the_screen(page)

    footer.get_by_role("link", name="Datenschutzerklärung").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Datenschutzerklärung")
    axe_check(page)
    fits_the_screen(page)

    footer.get_by_role("link", name="Erklärung zur Barrierefreiheit").click()
    expect(page.get_by_text("teilweise konform")).to_be_visible()
    axe_check(page)
    fits_the_screen(page)

    # Sent empty: the error summary names both missing fields, and nothing is mailed.
    page.get_by_role("button", name="Nachricht senden").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte geben Sie Ihre E-Mail-Adresse an")
    axe_check(page)
    fits_the_screen(page)
    assert mail.outbox == []

    page.get_by_label(label("E-Mail-Adresse")).fill("eva@example.org")
    page.get_by_label(label("Ihre Nachricht")).fill("Die Monatsansicht ist am Handy zu eng.")
    page.get_by_role("button", name="Nachricht senden").click()
    expect(page.get_by_text("Ihre Nachricht wurde gesendet")).to_be_visible()
    axe_check(page)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [settings.PUBLISHER["email"], "eva@example.org"]
    )
