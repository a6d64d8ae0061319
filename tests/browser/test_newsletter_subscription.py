"""A partner subscribes to the newsletter, confirms with the link from the mail, and
unsubscribes with one click, in a real browser; the mail goes through a real SMTP server."""

import re
from urllib.parse import urlsplit

from django.urls import reverse
from playwright.sync_api import expect

from newsletters.models import Subscriber
from newsletters.subscriptions.links import subscriber_token
from tests.browser.conftest import BROWSER
from tests.factories import SubscriberFactory

pytestmark = BROWSER


def link_in(text: str, route: str) -> str:
    match = re.search(rf"https?://\S+/newsletter/{route}/\S+/", text)
    assert match, f"no {route} link in the mail"
    return urlsplit(match.group(0)).path


def test_partner_subscribes_confirms_and_unsubscribes_with_one_click(page, axe_check, smtp):
    page.goto(reverse("subscriptions:subscribe"))
    axe_check(page)
    page.locator("#id_email").fill("petra.partner@example.org")
    page.locator("#id_name").fill("Petra Partner")
    page.locator("#id_organisation").fill("Jobcenter Hagen")
    page.locator("#id_language_1").check()  # English
    page.locator("#id_consent").check()
    page.locator("main form button[type=submit]").click()

    page.wait_for_url(f"**{reverse('subscriptions:subscribe-done')}")
    axe_check(page)
    subscriber = Subscriber.objects.get()
    assert (subscriber.state, subscriber.language) == ("pending", "en")
    [message] = smtp.messages
    text = message.get_body(("plain",)).get_content()

    page.goto(link_in(text, "bestaetigen"))
    axe_check(page)
    page.locator("main form button[type=submit]").click()
    # The page after confirming links to the partner's preferences.
    expect(page.locator("main a[href*='/newsletter/einstellungen/']")).to_be_visible()
    axe_check(page)
    subscriber.refresh_from_db()
    assert subscriber.state == "confirmed"

    unsubscribe = urlsplit(message["List-Unsubscribe"].strip().strip("<>")).path
    assert unsubscribe == link_in(text, "abmelden")
    page.goto(unsubscribe)
    axe_check(page)
    subscriber.refresh_from_db()
    assert subscriber.state == "confirmed"  # opening the link changes nothing
    page.locator("main form button[type=submit]").click()
    # The page after unsubscribing offers to subscribe again.
    expect(page.locator(f"main a[href='{reverse('subscriptions:subscribe')}']")).to_be_visible()
    axe_check(page)
    subscriber.refresh_from_db()
    assert subscriber.state == "unsubscribed"


def test_preferences_page_changes_the_language(page, axe_check):
    subscriber = SubscriberFactory(language="de")
    page.goto(reverse("subscriptions:preferences", args=[subscriber_token(subscriber)]))
    axe_check(page)

    page.locator("#id_language_1").check()  # English
    page.locator("main form.edit-form button[type=submit]").click()

    expect(page.locator(".message--success")).to_be_visible()
    axe_check(page)
    subscriber.refresh_from_db()
    assert subscriber.language == "en"


def test_landeskoordination_finds_a_subscriber_and_erases_them(page, axe_check, enter_as,
                                                               admin_user):  # fmt: skip
    subscriber = SubscriberFactory(email="petra.partner@example.org")
    SubscriberFactory(state="pending")
    enter_as(page, admin_user)
    page.goto(reverse("dashboard"))
    axe_check(page)
    page.locator(f"main a[href='{reverse('subscriptions:list')}']").click()
    axe_check(page)
    page.locator("#id_q").fill("petra")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url("**q=petra**")
    axe_check(page)
    page.locator("main table a", has_text="petra.partner@example.org").click()
    axe_check(page)
    page.locator(f"main a[href='{reverse('subscriptions:erase', args=[subscriber.pk])}']").click()
    axe_check(page)
    page.locator("main form.danger-zone button[type=submit]").click()

    expect(page.locator(".message--success")).to_be_visible()
    axe_check(page)
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
