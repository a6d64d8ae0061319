"""Profiles stay fresh: every six months a guide is asked by mail to confirm their profile,
with a one-click link; coordinators see profiles nobody confirmed for longer."""

import datetime
import re

import pytest
from django.conf import settings as django_settings
from django.core.signing import TimestampSigner
from django.urls import reverse
from django.utils import timezone

from lotsen.guides.services import profile_confirmation_token
from lotsen.guides.tasks import remind_stale_profiles
from lotsen.models.guides import Guide
from tests.factories import GuideFactory, UserFactory

DAY = datetime.timedelta(days=1)


def age(guide, *, created=None, confirmed=None, reminded=None):
    now = timezone.now()
    Guide.objects.filter(pk=guide.pk).update(
        created_at=now - created * DAY if created is not None else now,
        profile_confirmed_at=now - confirmed * DAY if confirmed is not None else None,
        profile_reminder_sent_at=now - reminded * DAY if reminded is not None else None,
    )
    guide.refresh_from_db()
    return guide


def guide_with_account(region, email, **ages):
    return age(GuideFactory(region=region, user=UserFactory(email=email)), **ages)


@pytest.fixture
def guides(region):
    return {
        "never_confirmed": guide_with_account(region, "alt@x.org", created=200),
        "confirmed_long_ago": guide_with_account(region, "lange@x.org", created=400, confirmed=190),
        "confirmed_lately": guide_with_account(region, "frisch@x.org", created=400, confirmed=30),
        "new": guide_with_account(region, "neu@x.org", created=10),
        "reminded_lately": guide_with_account(
            region, "erinnert@x.org", created=400, confirmed=200, reminded=20
        ),
        "reminded_long_ago": guide_with_account(
            region, "wieder@x.org", created=400, confirmed=400, reminded=190
        ),
        "no_account": age(GuideFactory(region=region, email="ohne@x.org"), created=400),
        "inactive": age(
            GuideFactory(region=region, user=UserFactory(email="aus@x.org", is_active=False)),
            created=400,
        ),
    }


def recipients(inbox) -> set[str]:
    return {message["To"] for message in inbox.messages}


def test_stale_profiles_get_one_reminder_over_real_smtp(
    smtp, guides, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = remind_stale_profiles.apply().get()

    assert sent == 3
    assert recipients(smtp) == {"alt@x.org", "lange@x.org", "wieder@x.org"}
    message = next(m for m in smtp.messages if m["To"] == "alt@x.org")
    body = message.get_body(("plain",)).get_content()
    assert re.search(r"https?://\S+/profile/confirm/\S+/", body)
    assert reverse("guides:profile-edit") in body
    guides["never_confirmed"].refresh_from_db()
    assert guides["never_confirmed"].profile_reminder_sent_at is not None

    with django_capture_on_commit_callbacks(execute=True):
        assert remind_stale_profiles.apply().get() == 0  # nobody twice
    assert len(smtp.messages) == 3


def test_reminders_leave_only_after_the_commit(smtp, guides, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        remind_stale_profiles()
    assert len(callbacks) == 3  # queued for after the commit, not sent inside the transaction
    assert smtp.messages == []


def test_reminder_task_is_scheduled_daily():
    schedule = django_settings.CELERY_BEAT_SCHEDULE["remind-stale-profiles"]
    assert schedule["task"] == remind_stale_profiles.name == "lotsen.tasks.remind_stale_profiles"


def confirm_link(smtp) -> str:
    body = smtp.messages[0].get_body(("plain",)).get_content()
    return re.search(r"https?://[^/\s]+(/profile/confirm/\S+/)", body).group(1)


def test_one_click_link_shows_a_button_and_confirms_on_post(
    client, smtp, region, django_capture_on_commit_callbacks
):
    guide = guide_with_account(region, "alt@x.org", created=200)
    with django_capture_on_commit_callbacks(execute=True):
        remind_stale_profiles()
    link = confirm_link(smtp)

    response = client.get(link)  # what a mail scanner does
    assert response.status_code == 200
    assert "<form" in response.content.decode()
    guide.refresh_from_db()
    assert guide.profile_confirmed_at is None

    response = client.post(link)
    assert response.status_code == 200
    assert response.context["confirmed"]
    guide.refresh_from_db()
    assert timezone.now() - guide.profile_confirmed_at < datetime.timedelta(minutes=1)
    assert not Guide.objects.stale().filter(pk=guide.pk).exists()


def test_logged_in_guide_confirms_from_their_profile(client, guide):
    client.force_login(guide.user)
    token = client.get(reverse("guides:profile")).context["confirm_token"]
    response = client.post(reverse("guides:confirm-profile", args=[token]))
    assert response.url == reverse("guides:profile")
    guide.refresh_from_db()
    assert guide.profile_confirmed_at is not None


def test_expired_link_gets_a_clear_page(client, guide, monkeypatch):
    token = profile_confirmation_token(guide)
    later = timezone.now().timestamp() + 31 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = client.post(reverse("guides:confirm-profile", args=[token]))
    assert response.status_code == 400
    assert response.context["valid"] is False
    guide.refresh_from_db()
    assert guide.profile_confirmed_at is None


@pytest.mark.parametrize(
    "token",
    [
        "kaputt",
        "1:zzz:yyy",
        TimestampSigner(salt="other").sign("1"),
        TimestampSigner(salt="lotsen.profile-confirmation").sign("abc"),
    ],
    ids=["garbage", "bad-signature", "other-salt", "not-a-number"],
)
def test_tampered_link_gets_a_clear_page(client, guide, token):
    for method in (client.get, client.post):
        response = method(reverse("guides:confirm-profile", args=[token]))
        assert response.status_code == 400
        assert response.context["valid"] is False
    guide.refresh_from_db()
    assert guide.profile_confirmed_at is None


def test_link_of_a_deleted_guide_gets_a_clear_page(client, guide):
    token = profile_confirmation_token(guide)
    guide.delete()
    assert client.post(reverse("guides:confirm-profile", args=[token])).status_code == 400


def test_link_for_one_guide_cannot_confirm_another(client, guide, other_guide):
    token = profile_confirmation_token(guide)
    client.post(reverse("guides:confirm-profile", args=[token]))
    other_guide.refresh_from_db()
    assert other_guide.profile_confirmed_at is None


def test_coordinator_list_shows_profiles_not_confirmed_for_six_months(client, coordinator, guides):
    client.force_login(coordinator)
    response = client.get(reverse("guides:list"), {"confirmed": "stale"})
    stale = {g.pk for g in response.context["object_list"]}
    expected = {"never_confirmed", "confirmed_long_ago", "reminded_lately", "reminded_long_ago",
                "no_account", "inactive"}  # fmt: skip
    assert stale == {guides[name].pk for name in expected}
