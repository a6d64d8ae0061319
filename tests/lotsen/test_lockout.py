"""Failed logins lock out an account per source address, and the Landeskoordination unlocks."""

import re

from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

ATTACKER, OWNER = "203.0.113.66", "198.51.100.7"


def log_in(email: str, password: str = PASSWORD, *, address: str) -> Client:
    client = Client(REMOTE_ADDR=address)
    client.post(reverse("account_login"), {"login": email, "password": password})
    return client


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def guess(email: str, times: int = 5, *, address: str = ATTACKER) -> None:
    for n in range(times):
        log_in(email, f"geraten-{n}", address=address)


def test_a_guessing_stranger_does_not_lock_the_owner_out_elsewhere(db, admin_user):
    guess(admin_user.email)

    assert not logged_in(log_in(admin_user.email, address=ATTACKER))  # locked for the guesser
    assert logged_in(log_in(admin_user.email, address=OWNER))  # not for the owner


def test_the_owner_is_locked_out_after_their_own_failed_logins(db, coordinator):
    guess(coordinator.email, address=OWNER)
    assert not logged_in(log_in(coordinator.email, address=OWNER))


def test_one_address_guessing_many_accounts_hits_the_limit_per_address(db):
    accounts = [UserFactory(email=f"konto{n}@example.org") for n in range(11)]
    for account in accounts[:10]:
        guess(account.email, times=1)
    # Right password, untouched account: refused all the same from that address.
    assert not logged_in(log_in(accounts[10].email, address=ATTACKER))
    assert logged_in(log_in(accounts[10].email, address=OWNER))


def test_landeskoordination_unlocks_and_the_owner_gets_a_mail(
    client, admin_user, coordinator, smtp, django_capture_on_commit_callbacks
):
    guess(coordinator.email, address=OWNER)
    assert not logged_in(log_in(coordinator.email, address=OWNER))

    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:unlock", args=[coordinator.pk]), follow=True)

    assert any(coordinator.name in m.message for m in response.context["messages"])
    assert logged_in(log_in(coordinator.email, address=OWNER))
    [mail] = smtp.messages
    assert mail["To"] == coordinator.email
    assert "entsperrt" in mail["Subject"]
    body = mail.get_content()
    assert admin_user.name in body and "/accounts/password/reset/" in body
    history = client.get(reverse("staff:detail", args=[coordinator.pk])).context["history"]
    assert history[0].actor == str(admin_user)
    assert (history[0].action, history[0].changes) == ("nach Fehlversuchen entsperrt", [])


def test_unlocking_keeps_counting_new_guesses(client, admin_user, coordinator):
    client.force_login(admin_user)
    client.post(reverse("staff:unlock", args=[coordinator.pk]))
    guess(coordinator.email, address=OWNER)
    assert not logged_in(log_in(coordinator.email, address=OWNER))


def test_a_password_reset_lifts_the_lock_from_every_address(
    coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    guess(coordinator.email, address=OWNER)
    client = Client(REMOTE_ADDR=ATTACKER)  # the reset may come from anywhere
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": coordinator.email})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mailoutbox[0].body)
    form = client.get(link.group(1), follow=True)
    new_password = "ein-ganz-neues-passwort-2014"
    client.post(form.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    assert logged_in(log_in(coordinator.email, new_password, address=OWNER))
