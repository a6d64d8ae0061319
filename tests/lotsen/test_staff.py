"""Staff accounts in the workspace: invitations, roles and regions, deactivation, history."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotsen.core.audit import history_of
from lotsen.core.roles import Role
from lotsen.models.accounts import User
from tests.factories import PASSWORD, RegionFactory, UserFactory


def messages_of(response) -> list[str]:
    return [m.message for m in response.context["messages"]]


def changes_in(user) -> list[tuple[str, str, str]]:
    return [(c.field, c.before, c.after) for e in history_of(user) for c in e.changes]


def invite(client, captured, **data):
    with captured(execute=True):
        return client.post(reverse("staff:invite"), data)


def test_landeskoordination_invites_a_coordinator_who_sets_a_password(
    client, admin_user, region, other_region, smtp, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    response = invite(
        client,
        django_capture_on_commit_callbacks,
        name="Jana Berger",
        email="Jana.Berger@Example.org",
        role=Role.COORDINATOR,
        regions=[region.pk, other_region.pk],
    )

    user = User.objects.get(email="jana.berger@example.org")
    assert response.status_code == 302 and response["Location"] == reverse(
        "staff:detail", args=[user.pk]
    )
    assert (user.role, user.has_usable_password(), user.invited_at is not None) == (
        Role.COORDINATOR,
        False,
        True,
    )
    assert set(user.coordinated_regions.all()) == {region, other_region}
    assert EmailAddress.objects.filter(user=user, verified=True, primary=True).count() == 1
    [message] = smtp.messages
    assert message["To"] == "jana.berger@example.org"
    body = message.get_content()
    assert admin_user.name in body and "Mittleres Ruhrgebiet" in body
    # The regions given at the invitation are in the account's history.
    assert ("Regionen", "hinzugefügt", "Mittleres Ruhrgebiet, Münsterland") in changes_in(user) or (
        "Regionen",
        "hinzugefügt",
        "Münsterland, Mittleres Ruhrgebiet",
    ) in changes_in(user)

    client.logout()
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", body).group(1)
    page = client.get(link, follow=True)
    password = "jana-waehlt-ein-passwort-2014"
    client.post(page.redirect_chain[-1][0], {"password1": password, "password2": password})
    response = client.post(
        reverse("account_login"), {"login": "jana.berger@example.org", "password": password}
    )
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_landeskoordination_invites_a_colleague_of_its_own(
    client, admin_user, smtp, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    response = invite(
        client,
        django_capture_on_commit_callbacks,
        name="Leyla Demir",
        email="leyla.demir@example.org",
        role=Role.ADMIN,
    )
    assert response.status_code == 302
    user = User.objects.get(email="leyla.demir@example.org")
    assert (user.role, user.has_usable_password(), user.is_active) == (Role.ADMIN, False, True)
    assert [m["To"] for m in smtp.messages] == ["leyla.demir@example.org"]
    assert ("Rolle", "", "Landeskoordination") in changes_in(user)


def test_an_address_with_an_account_is_not_invited_again(
    client, admin_user, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(admin_user)
    response = invite(
        client,
        django_capture_on_commit_callbacks,
        name="Doppelt",
        email=coordinator.email.upper(),
        role=Role.ADMIN,
    )
    assert response.status_code == 200
    assert "hat schon ein Konto" in response.content.decode()
    assert User.objects.filter(email__iexact=coordinator.email).count() == 1
    assert mailoutbox == []


def test_invitation_needs_a_valid_address_and_a_staff_role(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("staff:invite"), {"name": "X", "email": "kein-at", "role": Role.GUIDE}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email", "role"}
    assert not User.objects.filter(name="X").exists()


@pytest.fixture
def staff(admin_user, coordinator, other_coordinator, region):
    inactive = UserFactory(email="alt@example.org", role=Role.COORDINATOR, is_active=False)
    invited = UserFactory(email="neu@example.org", name="Neu Eingeladen", role=Role.ADMIN)
    UserFactory(email="noch-ein-lotse@example.org")  # a guide: not a staff account
    for user in (admin_user, coordinator, other_coordinator):
        User.objects.filter(pk=user.pk).update(last_login="2026-01-01T10:00Z")
    return {"inactive": inactive, "invited": invited}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"admin", "koordination", "koordination-muenster", "alt", "neu"}),
        ({"role": Role.ADMIN}, {"admin", "neu"}),
        ({"state": "inactive"}, {"alt"}),
        ({"state": "invited"}, {"neu"}),
        ({"q": "neu"}, {"neu"}),
    ],
)
def test_list_of_staff_accounts_with_filters(client, admin_user, staff, query, expected):
    client.force_login(admin_user)
    response = client.get(reverse("staff:list"), query)
    shown = {u.email.split("@")[0] for u in response.context["object_list"]}
    assert shown == expected


def test_list_filters_by_region(client, admin_user, staff, region):
    client.force_login(admin_user)
    response = client.get(reverse("staff:list"), {"region": region.pk})
    assert [u.email for u in response.context["object_list"]] == ["koordination@example.org"]


def test_list_queries_do_not_grow_with_rows(client, admin_user, staff, region):
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("staff:list"))
    for n in range(10):
        region.coordinators.add(UserFactory(email=f"k{n}@example.org", role=Role.COORDINATOR))
    with CaptureQueriesContext(connection) as second:
        response = client.get(reverse("staff:list"))
    assert len(response.context["object_list"]) == 15
    assert len(second) == len(first)


def test_role_and_regions_change_through_the_form_into_the_history(
    client, admin_user, coordinator, region, other_region
):
    client.force_login(admin_user)
    third = RegionFactory(name="Ostwestfalen", slug="owl")
    response = client.post(
        reverse("staff:edit", args=[coordinator.pk]),
        {
            "name": "Kim Koordination",
            "role": Role.COORDINATOR,
            "regions": [other_region.pk, third.pk],
        },
    )
    assert response.status_code == 302
    assert set(coordinator.coordinated_regions.all()) == {other_region, third}
    changes = changes_in(coordinator)
    assert ("Regionen", "entfernt", "Mittleres Ruhrgebiet") in changes
    assert any(c[:2] == ("Regionen", "hinzugefügt") and "Ostwestfalen" in c[2] for c in changes)
    # The region's own history says it too.
    assert any(
        "entfernt" in c.before and "Kim Koordination" in c.after
        for e in history_of(region)
        for c in e.changes
    )

    client.post(
        reverse("staff:edit", args=[coordinator.pk]),
        {"name": "Kim Koordination", "role": Role.ADMIN, "regions": [region.pk]},
    )
    coordinator.refresh_from_db()
    assert coordinator.role == Role.ADMIN
    assert not coordinator.coordinated_regions.exists()  # the Landeskoordination has them all
    page = client.get(reverse("staff:detail", args=[coordinator.pk]))
    assert "Landeskoordination" in page.content.decode()
    assert any(c[0] == "Rolle" and "Landeskoordination" in c[2] for c in changes_in(coordinator))


def test_the_last_landeskoordination_cannot_deactivate_or_demote_itself(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("staff:deactivate", args=[admin_user.pk]), follow=True)
    assert any("letzte aktive Konto" in m for m in messages_of(response))
    response = client.post(
        reverse("staff:edit", args=[admin_user.pk]),
        {"name": "Chefin", "role": Role.COORDINATOR},
    )
    assert response.status_code == 200
    assert "letzte aktive Konto" in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active and admin_user.role == Role.ADMIN and admin_user.name != "Chefin"


def test_with_a_second_landeskoordination_one_may_step_down(client, admin_user):
    UserFactory(email="zweite@example.org", role=Role.ADMIN)
    client.force_login(admin_user)
    response = client.post(reverse("staff:deactivate", args=[admin_user.pk]))
    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert not admin_user.is_active
    # Deactivated: the session of the account ends with it.
    assert client.get(reverse("staff:list")).status_code == 302


def test_deactivated_account_cannot_log_in_until_reactivated(client, admin_user, coordinator):
    client.force_login(admin_user)
    client.post(reverse("staff:deactivate", args=[coordinator.pk]))
    page = client.get(reverse("staff:detail", args=[coordinator.pk])).content.decode()
    assert "deaktiviert" in page
    other = client_class_login(coordinator.email)
    assert not other
    client.post(reverse("staff:reactivate", args=[coordinator.pk]))
    assert client_class_login(coordinator.email)
    # Newest first: reactivated, deactivated (then the account's creation).
    active_changes = [c[1:] for c in changes_in(coordinator) if c[0] == "aktiv"]
    assert active_changes[:2] == [("Nein", "Ja"), ("Ja", "Nein")]


def client_class_login(email: str) -> bool:
    from django.test import Client

    client = Client()
    client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    return client.get(reverse("dashboard")).status_code == 200


def test_resend_invitation_until_the_first_login(
    client, admin_user, staff, coordinator, smtp, django_capture_on_commit_callbacks
):
    client.force_login(admin_user)
    invited = staff["invited"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("staff:resend-invitation", args=[invited.pk]), follow=True)
        refused = client.post(
            reverse("staff:resend-invitation", args=[coordinator.pk]), follow=True
        )
    assert any("neu@example.org" in m for m in messages_of(response))
    assert any("bereits angemeldet" in m for m in messages_of(refused))
    assert [m["To"] for m in smtp.messages] == ["neu@example.org"]
    assert "/accounts/password/reset/key/" in smtp.messages[0].get_content()


def test_guides_accounts_are_not_staff_pages(client, admin_user, guide):
    client.force_login(admin_user)
    assert client.get(reverse("staff:detail", args=[guide.user.pk])).status_code == 404
    assert client.post(reverse("staff:deactivate", args=[guide.user.pk])).status_code == 404


def test_history_never_holds_the_password(client, admin_user, coordinator):
    coordinator.set_password("ein-anderes-passwort-2014")
    coordinator.save()
    assert all(c[0] not in ("password", "Passwort") for c in changes_in(coordinator))
