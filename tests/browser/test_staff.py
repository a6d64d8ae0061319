"""Staff accounts and two-factor login in a real browser: each page checked with axe, and
no page scrolls sideways on a phone."""

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse
from playwright.sync_api import expect

from lotsen.models.accounts import User
from tests.browser.conftest import BROWSER, label
from tests.factories import PASSWORD

pytestmark = BROWSER

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def test_landeskoordination_invites_a_coordinator_on_a_phone(
    page, admin_user, region, enter_as, axe_check
):
    page.set_viewport_size({"width": 390, "height": 844})
    enter_as(page, admin_user)
    page.goto(reverse("staff:list"))
    axe_check(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    page.get_by_role("link", name="Jemanden einladen").click()
    axe_check(page)
    page.get_by_label(label("Name")).fill("Jana Berger")
    page.get_by_label(label("E-Mail-Adresse")).fill("jana@example.org")
    page.get_by_label("Regionalkoordination").check()
    page.get_by_label(region.name).check()
    page.get_by_role("button", name="Einladung senden").click()

    user = User.objects.get(email="jana@example.org")
    page.wait_for_url(f"**{reverse('staff:detail', args=[user.pk])}")
    axe_check(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    expect(page.locator(".messages")).to_contain_text("jana@example.org")
    expect(page.locator(".history")).to_contain_text(region.name)


def test_coordinator_is_sent_to_set_up_the_authenticator_app(
    page, coordinator, settings, log_in, axe_check
):
    settings.LOTSEN_REQUIRE_2FA = True
    log_in(page, coordinator)  # on to the workspace, and from there to the set-up
    # allauth asks for the password again before a second factor is added.
    page.wait_for_url(re.compile(re.escape(reverse("account_reauthenticate"))))
    axe_check(page)
    page.get_by_label(label("Passwort")).fill(PASSWORD)
    page.locator("main form button[type=submit]").click()

    page.wait_for_url(f"**{reverse('mfa_activate_totp')}")
    axe_check(page)
    expect(page.get_by_role("img", name="QR-Code für die Authentifizierungs-App")).to_be_visible()
    secret = page.locator("#authenticator-secret").input_value()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label(label("Authentifizierungscode")).fill(code)
    page.get_by_role("button", name="Aktivieren").click()

    page.wait_for_url(f"**{reverse('mfa_view_recovery_codes')}")
    axe_check(page)
    page.goto(reverse("dashboard"))
    expect(page).to_have_url(re.compile(re.escape(reverse("dashboard")) + "$"))
    axe_check(page)
