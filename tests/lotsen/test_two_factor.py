"""Two-factor login (allauth.mfa): required for staff when LOTSEN_REQUIRE_2FA is on."""

import os
import subprocess
import sys
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from tests.conftest import PROJECT
from tests.factories import PASSWORD


@pytest.fixture
def required(settings):
    settings.LOTSEN_REQUIRE_2FA = True
    # One step of clock drift either way, so the login below can use the next step's code
    # (a code is accepted only once).
    settings.MFA_TOTP_TOLERANCE = 1


def log_in(client: Client, email: str):
    return client.post(reverse("account_login"), {"login": email, "password": PASSWORD})


def code(secret: str, step: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


@pytest.mark.parametrize("persona", ["admin_user", "coordinator"])
def test_staff_without_an_authenticator_are_sent_to_set_one_up(request, client, required, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    own_list = reverse("staff:list" if persona == "admin_user" else "guides:list")
    for url in (reverse("dashboard"), own_list):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_index")


def test_admin_site_needs_the_second_factor_too(client, required, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/")["Location"] == reverse("mfa_index")


def test_guides_may_but_need_not_set_one_up(client, required, guide):
    client.force_login(guide.user)
    assert client.get(reverse("guides:profile")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


def test_without_the_setting_nobody_is_sent_anywhere(client, settings, coordinator):
    settings.LOTSEN_REQUIRE_2FA = False
    client.force_login(coordinator)
    assert client.get(reverse("dashboard")).status_code == 200


def test_coordinator_sets_up_totp_and_then_logs_in_with_a_code(client, required, coordinator):
    response = log_in(client, coordinator.email)
    assert client.get(reverse("dashboard"))["Location"] == reverse("mfa_index")

    # allauth asks for the password once more before a second factor is added.
    page = client.get(reverse("mfa_activate_totp"), follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    page = client.post(page.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert page.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    secret = client.session["mfa.totp.secret"]
    assert "data:image/svg+xml;base64," in page.content.decode()  # the QR code
    response = client.post(reverse("mfa_activate_totp"), {"code": code(secret)})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert set(Authenticator.objects.filter(user=coordinator).values_list("type", flat=True)) == {
        Authenticator.Type.TOTP,
        Authenticator.Type.RECOVERY_CODES,
    }
    assert client.get(reverse("mfa_view_recovery_codes")).status_code == 200
    assert client.get(reverse("dashboard")).status_code == 200
    index = client.get(reverse("mfa_index")).content.decode()
    assert "10 unbenutzte Wiederherstellungscodes" in index

    fresh = Client()
    response = log_in(fresh, coordinator.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in fresh.session  # the password alone is not enough
    wrong = fresh.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in fresh.session
    fresh.post(reverse("mfa_authenticate"), {"code": code(secret, step=1)})
    assert fresh.get(reverse("dashboard")).status_code == 200


def test_a_recovery_code_lets_the_owner_in_once(client, required, coordinator):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(coordinator, "JBSWY3DPEHPK3PXP")
    [recovery] = RecoveryCodes.activate(coordinator).get_unused_codes()[:1]
    log_in(client, coordinator.email)
    client.post(reverse("mfa_authenticate"), {"code": recovery})
    assert client.get(reverse("dashboard")).status_code == 200

    again = Client()
    log_in(again, coordinator.email)
    again.post(reverse("mfa_authenticate"), {"code": recovery})
    assert "_auth_user_id" not in again.session


@pytest.mark.parametrize(("debug", "expected"), [("0", "True"), ("1", "False")])
def test_required_by_default_in_production_only(debug, expected):
    env = {
        **os.environ,
        "DJANGO_DEBUG": debug,
        "DJANGO_SECRET_KEY": "x" * 60,
        "DJANGO_SETTINGS_MODULE": "lotsen.settings",
    }
    env.pop("LOTSEN_REQUIRE_2FA", None)
    script = "from django.conf import settings; print(settings.LOTSEN_REQUIRE_2FA)"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == expected


def test_a_security_key_is_offered_beside_the_app_and_counts_as_second_factor(
    client, required, coordinator
):
    """The WebAuthn ceremony itself needs an authenticator (tests/browser/test_staff.py uses
    Chromium's virtual one); here: the offer, its page, and a key satisfying the requirement."""
    log_in(client, coordinator.email)
    page = client.get(reverse("mfa_index")).content.decode()
    assert reverse("mfa_activate_totp") in page
    assert reverse("mfa_add_webauthn") in page
    # allauth asks for the password once more, then offers to name and register the key.
    page = client.get(reverse("mfa_add_webauthn"), follow=True)
    page = client.post(page.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert page.redirect_chain[-1][0] == reverse("mfa_add_webauthn")
    assert 'name="credential"' in page.content.decode()

    Authenticator.objects.create(
        user=coordinator, type=Authenticator.Type.WEBAUTHN, data={"name": "USB-Schlüssel"}
    )
    assert client.get(reverse("dashboard")).status_code == 200
