"""The personal iCalendar feed: a secret address per member, with the public events and the
internal ones that member may see; a new address makes the old one answer 404."""

import icalendar
from django.urls import reverse

from events.calendar import personal
from tests.events.test_member_calendar import ELSEWHERE, PUBLIC, REGIONAL, STATEWIDE, calendar

__all__ = ["calendar"]  # the fixture, shared with the calendar pages' tests

SETTINGS = reverse("calendar:member-feed-settings")


def titles(response) -> set[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    feed = icalendar.Calendar.from_ical(response.content)
    return {str(item["summary"]) for item in feed.walk("VEVENT")}


def feed_url(client, user) -> str:
    """Create the member's address through the page, as the member would, and read it back."""
    client.force_login(user)
    response = client.post(SETTINGS)
    assert response.status_code == 302
    page = client.get(SETTINGS).content.decode()
    user.refresh_from_db()
    path = reverse("calendar:member-feed", args=[personal.feed_token(user)])
    assert path in page
    client.logout()  # calendar apps send no login
    return path


def test_the_feed_holds_internal_events_for_the_member_and_the_public_feed_does_not(
    client, calendar, guide
):
    url = feed_url(client, guide.user)
    assert titles(client.get(url)) == {PUBLIC, REGIONAL, STATEWIDE}
    assert ELSEWHERE not in titles(client.get(url))
    assert titles(client.get(reverse("calendar:feed"))) == {PUBLIC}


def test_a_coordinator_and_the_landeskoordination_get_their_own_scope(
    client, calendar, other_coordinator, admin_user
):
    assert titles(client.get(feed_url(client, other_coordinator))) == {
        PUBLIC,
        ELSEWHERE,
        STATEWIDE,
    }
    assert titles(client.get(feed_url(client, admin_user))) == set(calendar)


def test_resetting_the_address_invalidates_the_old_one(client, calendar, guide):
    old = feed_url(client, guide.user)
    assert client.get(old).status_code == 200

    client.force_login(guide.user)
    response = client.post(SETTINGS, {"back": "profile"})
    assert response["Location"] == reverse("guides:profile") + "#calendar-feed"
    client.logout()

    guide.user.refresh_from_db()
    new = reverse("calendar:member-feed", args=[personal.feed_token(guide.user)])
    assert new != old
    assert client.get(old).status_code == 404
    assert titles(client.get(new)) == {PUBLIC, REGIONAL, STATEWIDE}


def test_the_profile_shows_the_address_and_explains_it(client, guide):
    client.force_login(guide.user)
    html = client.get(reverse("guides:profile")).content.decode()
    assert "Create my calendar address" in html or "Kalenderadresse" in html
    client.post(SETTINGS, {"back": "profile"})
    guide.user.refresh_from_db()
    html = client.get(reverse("guides:profile")).content.decode()
    assert reverse("calendar:member-feed", args=[personal.feed_token(guide.user)]) in html


def test_tampered_unknown_or_deactivated_addresses_are_404(client, calendar, guide):
    url = feed_url(client, guide.user)
    token = personal.feed_token(guide.user)
    pk, mac = token.split("-")
    for bad in (f"{pk}-{mac[:-1]}0" if mac[-1] != "0" else f"{pk}-{mac[:-1]}1", f"{pk}-", "x-y"):
        assert client.get(reverse("calendar:member-feed", args=[bad])).status_code == 404
    other = int(pk) + 1000
    assert client.get(reverse("calendar:member-feed", args=[f"{other}-{mac}"])).status_code == 404
    guide.user.is_active = False
    guide.user.save()
    assert client.get(url).status_code == 404


def test_the_database_holds_no_usable_address(client, guide):
    feed_url(client, guide.user)
    guide.user.refresh_from_db()
    assert guide.user.calendar_feed_key
    assert guide.user.calendar_feed_key not in personal.feed_token(guide.user)


def test_the_settings_page_is_for_members_only(client):
    response = client.get(SETTINGS)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
