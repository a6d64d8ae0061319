"""Internal events in the calendar pages: shown to the members who may see them, marked as
internal, and never to anonymous visitors, in a public feed or in a public event's file.

Who sees which internal event (``lotsen.core.permissions.may_see_internal_event``): the
Landeskoordination all of them; coordinators those of their regions; guides those of their own
region; every member the statewide ones; a working group's members its meetings, whatever
their region. A network expects this: a regional meeting is planned
by and for that region's people, while statewide dates concern everyone.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import EventFactory, GuideFactory, UserFactory

REGIONAL = "Internes Lotsentreffen Hagen"
ELSEWHERE = "Internes Planungstreffen Münster"
STATEWIDE = "Internes Landesnetzwerktreffen"
PUBLIC = "Öffentlicher Infoabend Hagen"


@pytest.fixture
def calendar(region, other_region):
    soon = timezone.now() + datetime.timedelta(days=3)

    def event(title, region, public=False, days=0):
        starts_at = soon + datetime.timedelta(days=days)
        return EventFactory(
            title=title,
            region=region,
            is_public=public,
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=2),
        )

    return {
        REGIONAL: event(REGIONAL, region),
        ELSEWHERE: event(ELSEWHERE, other_region, days=1),
        STATEWIDE: event(STATEWIDE, None, days=2),
        PUBLIC: event(PUBLIC, region, public=True, days=3),
    }


@pytest.fixture
def people(guide, other_guide, coordinator, other_coordinator, admin_user, other_region):
    return {
        "anonymous": None,
        "guide": guide.user,
        "other_guide": other_guide.user,  # of the same region as the guide
        "guide_elsewhere": GuideFactory(region=other_region, user=UserFactory()).user,
        "other_coordinator": other_coordinator,
        "coordinator": coordinator,
        "admin": admin_user,
    }


# Which events each persona finds in the calendar.
SEES = {
    "anonymous": {PUBLIC},
    "guide": {PUBLIC, REGIONAL, STATEWIDE},
    "other_guide": {PUBLIC, REGIONAL, STATEWIDE},
    "guide_elsewhere": {PUBLIC, ELSEWHERE, STATEWIDE},
    "other_coordinator": {PUBLIC, ELSEWHERE, STATEWIDE},
    "coordinator": {PUBLIC, REGIONAL, STATEWIDE},
    "admin": {PUBLIC, REGIONAL, ELSEWHERE, STATEWIDE},
}


def login(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("persona", list(SEES))
def test_each_role_sees_its_internal_events_on_every_calendar_page(
    client, calendar, people, persona
):
    login(client, people[persona])
    month = timezone.localdate(calendar[REGIONAL].starts_at)
    pages = [
        client.get(reverse("calendar:list")),
        client.get(reverse("calendar:month", args=[month.year, month.month])),
    ]
    next_month = (month.replace(day=28) + datetime.timedelta(days=7)).replace(day=1)
    pages.append(client.get(reverse("calendar:month", args=[next_month.year, next_month.month])))
    for response in pages:
        assert response.status_code == 200
    html = "".join(response.content.decode() for response in pages)
    for title, event in calendar.items():
        assert (title in html) == (title in SEES[persona]), (persona, title)
        page = client.get(reverse("calendar:event", args=[event.pk]))
        assert page.status_code == (200 if title in SEES[persona] else 404), (persona, title)
        ics = client.get(reverse("calendar:event-ics", args=[event.pk]))
        assert ics.status_code == (200 if title in SEES[persona] else 404), (persona, title)


def test_internal_events_are_marked_and_their_pages_are_private(client, calendar, guide):
    client.force_login(guide.user)
    response = client.get(reverse("calendar:list"))
    html = response.content.decode()
    assert html.count('class="tag tag--internal"') == 2  # regional and statewide
    assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]

    page = client.get(reverse("calendar:event", args=[calendar[REGIONAL].pk]))
    assert "intern" in page.content.decode()
    assert "private" in page["Cache-Control"] or "no-store" in page["Cache-Control"]


def test_internal_events_stay_out_of_public_feeds_even_for_members(client, calendar, guide):
    client.force_login(guide.user)
    for url in (
        reverse("calendar:feed"),
        reverse("calendar:region-feed", args=[calendar[REGIONAL].region.slug]),
        reverse("calendar:kind-feed", args=[calendar[REGIONAL].kind]),
    ):
        body = client.get(url).content.decode()
        assert PUBLIC in body
        assert REGIONAL not in body and STATEWIDE not in body


def test_an_internal_event_takes_no_registration_from_its_page(client, calendar, guide):
    event = calendar[REGIONAL]
    event.takes_registrations = True
    event.save()
    client.force_login(guide.user)
    html = client.get(reverse("calendar:event", args=[event.pk])).content.decode()
    assert reverse("calendar:register", args=[event.pk]) not in html


def read(response) -> str:
    """The page as read: long words carry soft hyphens in the HTML."""
    assert response.status_code == 200
    return response.content.decode().replace("\u00ad", "")


def test_a_working_groups_meeting_elsewhere_is_shown_to_its_members_only(
    client, calendar, guide, other_guide
):
    from events.calendar import personal
    from lotsen.models import WorkingGroup

    group = WorkingGroup.objects.create(name="Facharbeitskreis Anerkennung")
    group.meetings.add(calendar[ELSEWHERE])
    feed = reverse("calendar:member-feed", args=[personal.reset_feed_key(user=guide.user)])
    assert ELSEWHERE not in read(client.get(feed))

    # Joining the group brings its meeting, held in another region, to every calendar of the
    # member: the pages, the event's own page, the start page and the personal feed.
    group.members.add(guide.user)
    client.force_login(guide.user)
    assert ELSEWHERE in read(client.get(reverse("calendar:list")))
    assert client.get(reverse("calendar:event", args=[calendar[ELSEWHERE].pk])).status_code == 200
    assert ELSEWHERE in read(client.get(reverse("members:start")))
    assert ELSEWHERE in read(client.get(feed))

    # A guide of the same region outside the group does not see it.
    client.force_login(other_guide.user)
    assert ELSEWHERE not in read(client.get(reverse("calendar:list")))
    assert client.get(reverse("calendar:event", args=[calendar[ELSEWHERE].pk])).status_code == 404
