"""A visitor registers for an event and cancels through the link from the confirmation mail.

The visitor switches the portal to English first: the registration (and its mails) then
follow that language, and the texts checked here are the source texts.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from events.models import Registration, RegistrationStatus
from tests.browser.conftest import BROWSER, label
from tests.factories import EventFactory, RegistrationFactory

pytestmark = BROWSER


@pytest.fixture
def event(region):
    event = EventFactory(
        title="Austauschworkshop Witten",
        region=region,
        is_public=True,
        takes_registrations=True,
        capacity=3,
        venue="Bosnische Gemeinde Witten",
        city="Witten",
    )
    RegistrationFactory(event=event)
    return event


def test_visitor_registers_and_cancels_through_the_link_in_the_mail(page, event, axe_check):
    page.goto(reverse("calendar:event", args=[event.pk]))
    page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # Back on the same page, in English.
    assert page.url.endswith(reverse("calendar:event", args=[event.pk]))
    axe_check(page)

    box = page.get_by_role("region", name="Registration")
    expect(box).to_contain_text("2 of 3 places left.")
    box.get_by_role("link", name=re.compile("^Register")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Register for Austauschworkshop Witten"
    )
    axe_check(page)

    page.get_by_label(label("Name")).fill("Amina Yilmaz")
    page.get_by_label(label("Email address")).fill("amina@example.org")
    page.get_by_label(label("Interpreting needed into (optional)")).fill("Arabic")
    page.get_by_label("I agree that my details are used to organise this event.").check()
    page.locator("main form").get_by_role("button", name="Register").click()

    expect(page.get_by_role("status")).to_contain_text("Thank you: you are registered.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your registration")
    axe_check(page)
    registration = Registration.objects.get(email="amina@example.org")
    assert (registration.status, registration.language) == (RegistrationStatus.CONFIRMED, "en")

    [message] = mail.outbox
    assert message.subject == "Registration confirmed: Austauschworkshop Witten"
    [link] = re.findall(r"https?://\S+/anmeldung/\S+/", message.body)
    page.goto(re.sub(r"^https?://[^/]+", "", link))  # the mail's host is PORTAL_URL
    expect(page.locator("main")).to_contain_text("Registered: your place is confirmed.")
    axe_check(page)

    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_role("status")).to_contain_text("Your registration is cancelled.")
    expect(page.locator("main")).to_contain_text("This registration has been cancelled.")
    expect(page.get_by_role("button", name="Cancel my registration")).to_have_count(0)
    axe_check(page)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert mail.outbox[-1].subject == "Registration cancelled: Austauschworkshop Witten"


def test_a_wrong_address_is_named_in_the_error_summary(page, event, axe_check):
    page.goto(reverse("calendar:register", args=[event.pk]))
    page.get_by_label(label("Name")).fill("Amina Yilmaz")
    page.get_by_label("E-Mail-Adresse").fill("amina@example")  # the browser lets this pass
    page.locator("main form input[type=checkbox][name=consent]").check()
    page.locator("main form button[type=submit]").click()

    expect(page.get_by_role("alert")).to_be_visible()
    axe_check(page)
    assert not Registration.objects.filter(email="amina@example").exists()
