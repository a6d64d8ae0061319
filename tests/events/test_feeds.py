"""The iCalendar files: feeds of all public events, per region and per kind, and the "add to
calendar" file of one event.

Read back with the icalendar library, as a calendar client would: stable UIDs, Berlin wall-clock
times with their VTIMEZONE, updates that clients notice (SEQUENCE, LAST-MODIFIED), and cheap
polling (ETag and Last-Modified, 304 while nothing changed).
"""

import datetime
import zoneinfo

import icalendar
import pytest
import vobject
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.ical import event_ics
from events.models import Event, EventKind
from tests.factories import EventFactory, RegionFactory

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
FEED = reverse("calendar:feed")


def berlin(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def public_event(starts_at: datetime.datetime, hours: int = 2, **fields) -> Event:
    fields.setdefault("is_public", True)
    return EventFactory(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=hours), **fields
    )


def fetch(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def parse(response) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(response.content)


def entries(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    """The calendar's events by title."""
    return {str(item["summary"]): item for item in calendar.walk("VEVENT")}


def summary(item: icalendar.Event) -> tuple:
    """What a client shows of an entry, decoded."""
    return (
        str(item["uid"]),
        str(item["summary"]),
        item.decoded("dtstart"),
        item.decoded("dtend"),
        str(item.get("location", "")),
        str(item["description"]),
        int(item["sequence"]),
        item.decoded("last-modified"),
        [str(category) for category in item["categories"].cats],
        str(item["url"]),
    )


@pytest.fixture
def events(region, other_region):
    return {
        "workshop": public_event(
            in_days(5), title="Austauschworkshop Hagen", region=region,
            kind=EventKind.EXCHANGE_WORKSHOP, venue="Rathaus", street="Markt 1",
            postal_code="58095", city="Hagen",
        ),
        "training": public_event(
            in_days(20), title="Qualifizierung Münster", region=other_region,
            kind=EventKind.TRAINING, city="Münster",
        ),
        "statewide": public_event(
            in_days(60), title="Landesweite Fachtagung", region=None,
            kind=EventKind.CONFERENCE, city="Düsseldorf",
        ),
        "recent": public_event(in_days(-100), title="Auftakt vor 100 Tagen", region=region),
        "old": public_event(in_days(-400), title="Auftakt vor 400 Tagen", region=region),
        "internal": public_event(
            in_days(7), title="Internes Treffen", region=region, is_public=False
        ),
    }  # fmt: skip


# --- The feeds ------------------------------------------------------------------------------


def test_feed_holds_public_events_from_a_year_ago_on(client, events):
    response = fetch(client, FEED)

    assert response["Content-Disposition"] == 'inline; filename="termine.ics"'
    calendar = parse(response)
    assert set(entries(calendar)) == {
        "Austauschworkshop Hagen",
        "Qualifizierung Münster",
        "Landesweite Fachtagung",
        "Auftakt vor 100 Tagen",
    }
    assert str(calendar["method"]) == "PUBLISH"
    assert str(calendar["x-wr-calname"]) and str(calendar["name"]) == str(calendar["x-wr-calname"])
    # Clients are told to come back hourly.
    assert calendar.refresh_interval == datetime.timedelta(hours=1)
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in response.content
    assert b"X-PUBLISHED-TTL:PT1H" in response.content


def test_feed_entries_carry_place_region_link_and_kind(client, events, region):
    workshop = entries(parse(fetch(client, FEED)))["Austauschworkshop Hagen"]
    assert str(workshop["location"]) == "Rathaus, Markt 1, 58095 Hagen"
    url = f"http://127.0.0.1:8000{reverse('calendar:event', args=[events['workshop'].pk])}"
    assert str(workshop["url"]) == url
    assert "Mittleres Ruhrgebiet" in str(workshop["description"]) and url in str(
        workshop["description"]
    )
    assert workshop["categories"].cats == ["Austauschworkshop"]
    assert str(workshop["uid"]) == f"{events['workshop'].uid}@lotsen-portal"
    statewide = entries(parse(fetch(client, FEED)))["Landesweite Fachtagung"]
    assert "landesweit" in str(statewide["description"])


def test_feed_round_trips_through_the_icalendar_library(client, events, region):
    public_event(
        in_days(9),
        title="Treffen; Teil 1, mit \\ Backslash",
        description="Zeile 1\nZeile 2, mit Komma; und Semikolon\n" + "Lang " * 40,
        venue='Café "Zur Brücke"',
        region=region,
    )
    first = parse(fetch(client, FEED))
    again = icalendar.Calendar.from_ical(first.to_ical())

    before = sorted(summary(item) for item in first.walk("VEVENT"))
    assert before == sorted(summary(item) for item in again.walk("VEVENT"))
    assert len(before) == 5
    tricky = entries(again)["Treffen; Teil 1, mit \\ Backslash"]
    assert str(tricky["description"]).startswith("Zeile 1\nZeile 2, mit Komma; und Semikolon\n")
    assert str(tricky["location"]).startswith('Café "Zur Brücke"')
    # Long lines are folded at 75 octets, as RFC 5545 requires.
    assert all(len(line) <= 75 for line in fetch(client, FEED).content.split(b"\r\n"))


def test_region_feed_holds_that_regions_events_only(client, events, region, other_region):
    response = fetch(client, reverse("calendar:region-feed", args=[region.slug]))

    assert response["Content-Disposition"] == f'inline; filename="termine-{region.slug}.ics"'
    calendar = parse(response)
    assert set(entries(calendar)) == {"Austauschworkshop Hagen", "Auftakt vor 100 Tagen"}
    assert region.name in str(calendar["x-wr-calname"])
    other = parse(fetch(client, reverse("calendar:region-feed", args=[other_region.slug])))
    assert set(entries(other)) == {"Qualifizierung Münster"}
    empty = parse(fetch(client, reverse("calendar:region-feed", args=[RegionFactory().slug])))
    assert entries(empty) == {}


def test_kind_feed_holds_that_kind_only(client, events):
    response = fetch(client, reverse("calendar:kind-feed", args=[EventKind.TRAINING]))
    assert response["Content-Disposition"] == 'inline; filename="termine-training.ics"'
    assert set(entries(parse(response))) == {"Qualifizierung Münster"}


@pytest.mark.parametrize(
    "url",
    [
        "/termine/region/gibt-es-nicht.ics",
        "/termine/art/party.ics",
        "/termine/art/%00.ics",
    ],
)
def test_unknown_region_or_kind_feed_is_404(client, db, url):
    assert client.get(url).status_code == 404


def test_feeds_refuse_post(client, events, region):
    for url in (
        FEED,
        reverse("calendar:region-feed", args=[region.slug]),
        reverse("calendar:kind-feed", args=[EventKind.TRAINING]),
        reverse("calendar:event-ics", args=[events["workshop"].pk]),
    ):
        assert client.post(url).status_code == 405, url


def test_feed_queries_do_not_grow_with_events(client, region):
    public_event(in_days(3), region=region)

    def queries(url) -> int:
        cache.clear()  # the rendered feed is cached: count the request that builds it
        with CaptureQueriesContext(connection) as captured:
            fetch(client, url)
        return len(captured)

    urls = [
        FEED,
        reverse("calendar:region-feed", args=[region.slug]),
        reverse("calendar:kind-feed", args=[EventKind.NETWORK_MEETING]),
    ]
    few = [queries(url) for url in urls]
    for day in range(40):
        public_event(in_days(day + 4), region=region if day % 2 else RegionFactory())
        public_event(in_days(day - 200), region=None)
    assert [queries(url) for url in urls] == few
    assert max(few) <= 3


# --- Updates that clients notice ------------------------------------------------------------


def entered_yesterday(event: Event) -> None:
    """As if the event was entered a day ago: LAST-MODIFIED counts whole seconds."""
    yesterday = timezone.now() - datetime.timedelta(days=1)
    Event.objects.filter(pk=event.pk).update(created_at=yesterday, updated_at=yesterday)


def test_uid_stays_and_sequence_and_last_modified_rise_when_the_time_changes(client, events):
    event = events["workshop"]
    entered_yesterday(event)
    before = entries(parse(fetch(client, FEED)))["Austauschworkshop Hagen"]

    event = Event.objects.get(pk=event.pk)
    event.starts_at += datetime.timedelta(hours=2)
    event.ends_at += datetime.timedelta(hours=2)
    event.save()

    after = entries(parse(fetch(client, FEED)))["Austauschworkshop Hagen"]
    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert after.decoded("last-modified") > before.decoded("last-modified")
    assert after.decoded("dtstart") - before.decoded("dtstart") == datetime.timedelta(hours=2)


def test_an_edit_in_the_workspace_is_a_new_revision_of_the_calendar_file(
    client, coordinator, events
):
    event = events["workshop"]
    entered_yesterday(event)
    url = reverse("calendar:event-ics", args=[event.pk])
    before = entries(parse(fetch(client, url)))["Austauschworkshop Hagen"]
    client.force_login(coordinator)
    form = client.get(reverse("events:update", args=[event.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (None, [], False)}
    data.update(
        {
            "version": form["version"].value(),
            "region": event.region_id,
            "is_public": "on",
            "starts_at": "2030-06-03T18:00",
            "ends_at": "2030-06-03T20:00",
        }
    )
    for name in ("organising_agencies", "organising_organisations"):
        data.pop(name, None)
    response = client.post(reverse("events:update", args=[event.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    client.logout()

    after = entries(parse(fetch(client, url)))["Austauschworkshop Hagen"]
    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert after.decoded("last-modified") > before.decoded("last-modified")
    assert after.decoded("dtstart") == berlin(2030, 6, 3, 18)


def test_an_unchanged_feed_answers_304_and_a_change_gives_a_new_etag(client, events):
    first = fetch(client, FEED)
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert first["Cache-Control"] == "no-cache"

    assert client.get(FEED, headers={"if-none-match": etag}).status_code == 304
    assert client.get(FEED, headers={"if-modified-since": last_modified}).status_code == 304
    assert client.head(FEED, headers={"if-none-match": etag}).status_code == 304

    event = Event.objects.get(pk=events["statewide"].pk)
    event.title = "Landesweite Fachtagung (neuer Titel)"
    event.save()
    changed = fetch(client, FEED, **{"if-none-match": etag})
    assert changed["ETag"] != etag
    assert "Landesweite Fachtagung (neuer Titel)" in entries(parse(changed))


def test_an_event_leaving_the_feed_changes_its_etag(client, events):
    etag = fetch(client, FEED)["ETag"]
    Event.objects.filter(pk=events["training"].pk).update(is_public=False)
    # A bulk update leaves updated_at alone: the lower count alone must show the change.
    response = fetch(client, FEED, **{"if-none-match": etag})
    assert "Qualifizierung Münster" not in entries(parse(response))
    etag = response["ETag"]
    Event.objects.filter(pk=events["workshop"].pk).delete()
    assert "Austauschworkshop Hagen" not in entries(
        parse(fetch(client, FEED, **{"if-none-match": etag}))
    )


def test_the_etag_depends_on_the_language(client, events):
    german = fetch(client, FEED)
    client.cookies["django_language"] = "en"
    english = fetch(client, FEED, **{"if-none-match": german["ETag"]})
    assert english["ETag"] != german["ETag"]
    assert entries(parse(english))["Qualifizierung Münster"]["categories"].cats == [
        "Training (Qualifizierung)"
    ]


# --- The "add to calendar" file of one event ------------------------------------------------


def test_event_file_holds_that_event(client, events):
    event = events["workshop"]
    response = fetch(client, reverse("calendar:event-ics", args=[event.pk]))
    assert response["Content-Disposition"] == f'inline; filename="termin-{event.pk}.ics"'
    assert list(entries(parse(response))) == ["Austauschworkshop Hagen"]
    assert response["ETag"] and response["Last-Modified"]
    assert (
        client.get(
            reverse("calendar:event-ics", args=[event.pk]),
            headers={"if-none-match": response["ETag"]},
        ).status_code
        == 304
    )


def test_internal_or_unknown_event_has_no_file(client, events):
    assert (
        client.get(reverse("calendar:event-ics", args=[events["internal"].pk])).status_code == 404
    )
    assert client.get(reverse("calendar:event-ics", args=[999999])).status_code == 404


def test_event_file_keeps_the_wall_clock_time_across_the_change_to_summer_time(client, region):
    # Entered in winter (created in January) for 10:00 on a day after the last Sunday of March.
    event = public_event(berlin(2027, 4, 6, 10), title="Qualifizierung im April", region=region)
    entered = berlin(2027, 1, 15, 9)
    Event.objects.filter(pk=event.pk).update(created_at=entered, updated_at=entered)
    winter = public_event(berlin(2027, 3, 20, 10), title="Qualifizierung im März", region=region)

    raw = fetch(client, reverse("calendar:event-ics", args=[event.pk])).content
    calendar = icalendar.Calendar.from_ical(raw)

    assert b"DTSTART;TZID=Europe/Berlin:20270406T100000" in raw
    assert b"DTEND;TZID=Europe/Berlin:20270406T120000" in raw
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["tzid"]) == "Europe/Berlin"
    observances = {component.name for component in vtimezone.subcomponents}
    assert observances == {"STANDARD", "DAYLIGHT"}
    # A client that knows only the file's own VTIMEZONE (not the zone database) gets 10:00
    # summer time, i.e. 08:00 UTC; the same definition gives winter time before 28 March.
    own_zone = vtimezone.to_tz(lookup_tzid=False)
    wall_clock = datetime.datetime(2027, 4, 6, 10)
    assert wall_clock.replace(tzinfo=own_zone).utcoffset() == datetime.timedelta(hours=2)
    assert datetime.datetime(2027, 3, 20, 10, tzinfo=own_zone).utcoffset() == datetime.timedelta(
        hours=1
    )
    (entry,) = calendar.walk("VEVENT")
    start = entry.decoded("dtstart")
    assert (start.hour, start.minute) == (10, 0)
    assert start.astimezone(datetime.UTC) == datetime.datetime(2027, 4, 6, 8, tzinfo=datetime.UTC)
    assert entry.decoded("last-modified") == entered  # written in winter (UTC+1)

    winter_entry = icalendar.Calendar.from_ical(event_ics(winter)).walk("VEVENT")[0]
    assert winter_entry.decoded("dtstart").astimezone(datetime.UTC).hour == 9


def test_the_file_for_registration_mails_is_the_same_event(events):
    """``event_ics`` is what registration mails attach: the same UID as the feeds."""
    calendar = icalendar.Calendar.from_ical(event_ics(events["training"]))
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["uid"]) == f"{events['training'].uid}@lotsen-portal"
    assert "REFRESH-INTERVAL" not in calendar  # a single file is imported, not subscribed to


def test_the_time_zone_is_written_as_yearly_rules_that_a_second_parser_reads_right(client, region):
    """Clients that read the VTIMEZONE's rules themselves (Outlook, older Apple and Android
    clients) put a summer and a winter event at the right instant. Read back with vobject,
    which builds its time zone from the file's own VTIMEZONE (dateutil), not the icalendar
    library that writes it."""
    year = timezone.localdate().year + 1  # the feed holds coming events
    public_event(berlin(year, 7, 15, 18), title="Fachtagung im Juli", region=region)
    public_event(berlin(year, 12, 2, 18), title="Netzwerktreffen im Dezember", region=region)

    raw = fetch(client, FEED).content.decode()

    vtimezone = raw[raw.index("BEGIN:VTIMEZONE") : raw.index("END:VTIMEZONE")]
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in vtimezone
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in vtimezone
    assert vtimezone.count("BEGIN:DAYLIGHT") == 1 and vtimezone.count("BEGIN:STANDARD") == 1
    assert "RDATE" not in vtimezone

    # Another TZID than any zone database knows: the parser can only use the file's rules.
    own_zone = raw.replace("Europe/Berlin", "Lotsen/Portal")
    parsed = vobject.readOne(own_zone)
    starts = {entry.summary.value: entry.dtstart.value for entry in parsed.contents["vevent"]}
    summer, winter = starts["Fachtagung im Juli"], starts["Netzwerktreffen im Dezember"]
    assert (summer.hour, winter.hour) == (18, 18)
    assert summer.astimezone(datetime.UTC) == datetime.datetime(
        year, 7, 15, 16, tzinfo=datetime.UTC
    )
    assert winter.astimezone(datetime.UTC) == datetime.datetime(
        year, 12, 2, 17, tzinfo=datetime.UTC
    )
