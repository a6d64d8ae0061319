"""Staff accounts and two-factor login in a real browser: each page checked with axe, and
no page scrolls sideways on a phone."""

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse
from playwright.sync_api import expect

from lotsen.models.accounts import User
from tests.browser.conftest import BROWSER, account_menu, label
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
    log_in(page, coordinator)  # on to the workspace, and from there to the choice of factors
    page.wait_for_url(f"**{reverse('mfa_index')}")
    axe_check(page)
    page.get_by_role("link", name="Authentifizierungs-App einrichten").click()
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


def test_coordinator_sets_up_a_security_key_and_logs_in_with_it(
    page, coordinator, settings, log_in, axe_check
):
    """A real WebAuthn ceremony against Chromium's virtual authenticator (DevTools protocol),
    at registration and again at the next login."""
    settings.LOTSEN_REQUIRE_2FA = True
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the live server speaks http://localhost
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    log_in(page, coordinator)
    page.wait_for_url(f"**{reverse('mfa_index')}")
    axe_check(page)
    page.get_by_role("link", name="Sicherheitsschlüssel hinzufügen").click()
    page.wait_for_url(re.compile(re.escape(reverse("account_reauthenticate"))))
    axe_check(page)
    page.get_by_label(label("Passwort")).fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('mfa_add_webauthn')}")
    axe_check(page)
    page.get_by_label(label("Name")).fill("USB-Schlüssel")
    page.get_by_role("button", name="Hinzufügen").click()
    page.wait_for_url(lambda url: reverse("mfa_add_webauthn") not in url)
    axe_check(page)  # the new recovery codes
    assert coordinator.authenticator_set.filter(type="webauthn").count() == 1
    page.goto(reverse("mfa_list_webauthn"))
    axe_check(page)
    expect(page.locator("main")).to_contain_text("USB-Schlüssel")
    page.get_by_role("link", name=re.compile("^Umbenennen")).click()
    expect(page.get_by_label(label("Name"))).to_have_value("USB-Schlüssel")
    axe_check(page)
    page.goto(reverse("dashboard"))
    expect(page).to_have_url(re.compile(re.escape(reverse("dashboard")) + "$"))
    axe_check(page)

    account_menu(page).get_by_role("button", name="Abmelden").click()
    page.wait_for_url(lambda url: reverse("dashboard") not in url)
    axe_check(page)
    page.goto(reverse("account_login"))
    page.locator("#id_login").fill(coordinator.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{reverse('mfa_authenticate')}")
    axe_check(page)
    page.get_by_role("button", name="Verwenden Sie einen Sicherheitsschlüssel").click()
    page.wait_for_url(lambda url: reverse("mfa_authenticate") not in url)
    axe_check(page)
    page.goto(reverse("dashboard"))
    expect(page).to_have_url(re.compile(re.escape(reverse("dashboard")) + "$"))
    axe_check(page)
