import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from lotsen.core.roles import Role
from lotsen.models.accounts import User
from tests.factories import PASSWORD, UserFactory


def log_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_login_with_email_address(client, coordinator):
    response = log_in(client, "KOORDINATION@example.org")
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == coordinator


def test_wrong_password_gets_a_message_in_the_form(client, coordinator):
    response = log_in(client, coordinator.email, "not-the-password")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not response.context["user"].is_authenticated


def test_unverified_email_cannot_log_in_and_gets_a_verification_mail(
    client, db, django_capture_on_commit_callbacks
):
    user = UserFactory(email="neu@example.org", verified=False)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = log_in(client, user.email)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not client.get(reverse("home")).context["user"].is_authenticated
    assert [m.to for m in mail.outbox] == [["neu@example.org"]]


def test_nobody_can_sign_up_on_their_own(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "fremd@example.org", "password1": "x" * 14, "password2": "x" * 14},
    )
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert not User.objects.filter(email="fremd@example.org").exists()


def test_password_reset_mail_leads_to_a_new_password(
    client, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("account_reset_password"), {"email": coordinator.email})
    assert len(callbacks) == 1  # queued for after the commit, not sent inside the request
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)

    form_page = client.get(link.group(1), follow=True)
    new_password = "ein-ganz-neues-passwort-2014"
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1),
        {"password1": new_password, "password2": new_password},
    )

    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password(new_password)


def test_password_reset_does_not_reveal_unknown_addresses(client, db):
    response = client.post(reverse("account_reset_password"), {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")


def test_allauth_mails_name_the_site_and_the_address(
    client, db, django_capture_on_commit_callbacks
):
    # The adapter queues allauth's mails; it must give their templates what allauth's own
    # send_mail does, or they greet "from !" and speak of "an account with email ".
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "niemand@example.org"})

    (message,) = mail.outbox
    assert "Hallo von testserver!" in message.body
    assert "niemand@example.org" in message.body


@pytest.mark.parametrize("password", ["kurz-2014", "password1234", "123456789012345"])
def test_weak_passwords_are_refused(password, coordinator, client):
    client.force_login(coordinator)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": password, "password2": password},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    coordinator.refresh_from_db()
    assert coordinator.check_password(PASSWORD)


def test_admin_site_is_for_the_landeskoordination_only(client, admin_user, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("admin:index"), follow=True).status_code == 403

    client.force_login(admin_user)
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_login_goes_through_allauth(client, db):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_createsuperuser_makes_a_landeskoordination_account(db):
    user = User.objects.create_superuser("Chefin@Example.org", "ein-langes-passwort-99")
    assert (user.email, user.role, user.is_staff) == ("chefin@example.org", Role.ADMIN, True)


def test_repeated_failed_logins_are_rate_limited(client, coordinator):
    for _ in range(5):
        assert log_in(client, coordinator.email, "falsches-passwort").status_code == 200

    response = log_in(client, coordinator.email)  # even the right password is refused now

    assert response.status_code == 200
    assert "Zu viele" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_admin_login_shares_the_rate_limit(client, admin_user):
    for _ in range(5):
        log_in(client, admin_user.email, "falsches-passwort")
    response = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": admin_user.email, "password": PASSWORD},
    )
    assert response.status_code == 200
    assert not response.context["user"].is_authenticated


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]
)
def test_next_parameter_never_leads_off_site(client, coordinator, next_url):
    response = client.post(
        reverse("account_login") + f"?next={next_url}",
        {"login": coordinator.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert "evil" not in response["Location"] and "javascript" not in response["Location"]
    assert response["Location"].startswith("/")
