"""The public calendar ("Termine"): upcoming events, the month grid, the archive, event pages.

Nothing here needs a login, and an internal event never appears: not in a list, not in the
grid, not as a page.
"""

import datetime
import re
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import EventKind, EventReport, ReportPhoto
from tests.factories import AgencyFactory, EventFactory, OrganisationFactory, RegionFactory

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
LIST = reverse("calendar:list")
ARCHIVE = reverse("calendar:archive")


def berlin(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


def soon(days: int, hour: int = 10) -> datetime.datetime:
    """A time ``days`` from today, at ``hour`` o'clock in Berlin."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def event_at(starts_at: datetime.datetime, hours: int = 2, **fields):
    fields.setdefault("is_public", True)
    return EventFactory(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=hours), **fields
    )


def month_url(year: int, month: int) -> str:
    return reverse("calendar:month", args=[year, month])


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def titles(response) -> list[str]:
    return [event.title for event in response.context["events"]]


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.fixture
def calendar(region, other_region):
    """Upcoming, past and internal events in two regions and statewide."""
    return {
        "infoabend": event_at(
            soon(3, 18), title="Infoabend Anerkennung", region=region, venue="Rathaus Hagen",
            kind=EventKind.INFORMATION,
        ),
        "fachtagung": event_at(
            soon(40), title="Landesweite Fachtagung", region=None, city="Düsseldorf",
            kind=EventKind.CONFERENCE, hours=6,
        ),
        "muenster": event_at(
            soon(10, 14), title="Netzwerktreffen Münster", region=other_region, city="Münster"
        ),
        "internal": event_at(
            soon(5), title="Internes Koordinationstreffen", region=region, is_public=False
        ),
        "past": event_at(
            soon(-30), title="Austauschworkshop Witten", region=region, city="Witten",
            kind=EventKind.EXCHANGE_WORKSHOP,
        ),
    }  # fmt: skip


# --- Upcoming events ------------------------------------------------------------------------


def test_upcoming_lists_public_events_soonest_first_grouped_by_month(client, calendar):
    response = client.get(LIST)

    assert titles(response) == [
        "Infoabend Anerkennung",
        "Netzwerktreffen Münster",
        "Landesweite Fachtagung",
    ]
    html = html_of(response)
    for event in ("infoabend", "fachtagung", "muenster"):
        assert reverse("calendar:event", args=[calendar[event].pk]) in html
    assert "Internes Koordinationstreffen" not in html
    assert "Austauschworkshop Witten" not in html
    # One heading per month, linking to that month's grid.
    for event in ("infoabend", "fachtagung", "muenster"):
        month = timezone.localtime(calendar[event].starts_at)
        assert (
            f'<h2 id="month-{month:%Y-%m}"><a href="{month_url(month.year, month.month)}">' in html
        )
    assert "Rathaus Hagen" in html and "Mittleres Ruhrgebiet" in html
    assert re.search(r"Düsseldorf\s*·\s*landesweit", html)


def test_an_event_under_way_is_still_upcoming(client, region):
    event_at(timezone.now() - datetime.timedelta(hours=1), hours=3, title="Läuft gerade")
    assert titles(client.get(LIST)) == ["Läuft gerade"]


def test_upcoming_shows_times_in_berlin(client, region):
    # 13:00 UTC in July is 15:00 in Berlin (summer time).
    event_at(
        datetime.datetime(timezone.localdate().year + 1, 7, 1, 13, tzinfo=datetime.UTC),
        title="Sommerfest",
    )
    html = html_of(client.get(LIST))
    assert re.search(r'T15:00:00\+0200">[^<]*, 15:00</time>–<time[^>]*>17:00</time>', html)


def test_upcoming_filters_by_region_statewide_and_kind(client, calendar, region):
    assert titles(client.get(LIST, {"region": region.slug})) == ["Infoabend Anerkennung"]
    assert titles(client.get(LIST, {"region": "landesweit"})) == ["Landesweite Fachtagung"]
    assert titles(client.get(LIST, {"kind": EventKind.CONFERENCE})) == ["Landesweite Fachtagung"]
    both = {"region": region.slug, "kind": EventKind.CONFERENCE}
    assert titles(client.get(LIST, both)) == []


def test_a_filtered_list_offers_the_feeds_of_its_region_and_kind(client, calendar, region):
    html = html_of(client.get(LIST, {"region": region.slug, "kind": EventKind.INFORMATION}))
    assert reverse("calendar:feed") in html
    assert reverse("calendar:region-feed", args=[region.slug]) in html
    assert reverse("calendar:kind-feed", args=[EventKind.INFORMATION]) in html
    assert "webcal://testserver/termine.ics" in html
    # The month links keep the filter.
    assert f"?region={region.slug}&amp;kind=information" in html


def test_odd_filter_values_are_ignored_with_a_message(client, calendar):
    response = client.get(LIST, {"region": "gibt-es-nicht", "kind": "party", "page": "abc"})

    assert response.status_code == 200
    assert set(response.context["filter"].errors) == {"region", "kind"}
    assert len(titles(response)) == 3  # unfiltered rather than empty
    assert "errorlist" in html_of(response)
    assert client.get(LIST, {"region": "\x00%", "page": "999"}).status_code == 200


def test_upcoming_paginates(client, region):
    for day in range(25):
        event_at(soon(day + 1), title=f"Treffen {day:02d}", region=region)
    first, second = client.get(LIST), client.get(LIST, {"page": 2})
    assert len(titles(first)) == 20 and len(titles(second)) == 5
    assert 'rel="next"' in html_of(first)
    assert titles(client.get(LIST, {"page": 99})) == titles(second)


def test_upcoming_queries_do_not_grow_with_events(client, region, other_region):
    event_at(soon(2), region=region)
    few = count_queries(client, LIST)
    for day in range(30):
        event_at(soon(day + 3), region=RegionFactory(), takes_registrations=True)
        event_at(soon(day + 3, 16), region=None)
    assert count_queries(client, LIST) == few <= 8
    assert count_queries(client, LIST, {"region": region.slug, "kind": "network_meeting"}) == few


# --- Month view -----------------------------------------------------------------------------


def test_month_is_a_table_with_caption_weekday_headers_and_events_on_their_day(client, region):
    event_at(berlin(2014, 3, 13, 18), title="Auftakt Solingen", region=region)
    event_at(berlin(2014, 3, 13, 10), title="Frühstück", region=region)
    event_at(berlin(2014, 3, 20, 10), title="Geheim", region=region, is_public=False)
    event_at(berlin(2014, 4, 2, 10), title="Im April", region=region)

    response = client.get(month_url(2014, 3))

    html = html_of(response)
    assert "<caption>März 2014</caption>" in html
    headers = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', html)
    assert headers[1:] == [
        "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag",
    ]  # fmt: skip
    # March 2014 starts on a Saturday and ends on a Monday: six weeks, 10 to 14.
    assert re.findall(r'<th scope="row" class="month-grid__week">(\d+)</th>', html) == [
        "9", "10", "11", "12", "13", "14",
    ]  # fmt: skip
    weeks = response.context["weeks"]
    thursday = weeks[2]["days"][3]
    assert thursday["date"] == datetime.date(2014, 3, 13)
    assert [event.title for event in thursday["events"]] == ["Frühstück", "Auftakt Solingen"]
    assert "Geheim" not in html and "Im April" not in html
    assert response.context["event_count"] == 2


def test_month_links_previous_and_next_month_and_keeps_the_filter(client, region):
    html = html_of(client.get(month_url(2014, 1), {"region": region.slug}))
    assert f'href="{month_url(2013, 12)}?region={region.slug}"' in html
    assert f'href="{month_url(2014, 2)}?region={region.slug}"' in html
    html = html_of(client.get(month_url(2014, 12)))
    assert f'href="{month_url(2015, 1)}"' in html


def test_month_filters_by_region_and_kind(client, region, other_region):
    event_at(berlin(2014, 3, 13, 10), title="Hier", region=region)
    event_at(berlin(2014, 3, 14, 10), title="Dort", region=other_region, kind=EventKind.TRAINING)

    def shown(params):
        days = client.get(month_url(2014, 3), params).context["days"]
        return [event.title for _day, events in days for event in events]

    assert shown({}) == ["Hier", "Dort"]
    assert shown({"region": region.slug}) == ["Hier"]
    assert shown({"kind": EventKind.TRAINING}) == ["Dort"]
    assert shown({"region": "???"}) == ["Hier", "Dort"]


@pytest.mark.parametrize(
    "path", ["/termine/2014/13/", "/termine/2014/0/", "/termine/0/1/", "/termine/99999/1/"]
)
def test_impossible_months_are_404(client, db, path):
    assert client.get(path).status_code == 404


def test_month_boundaries_are_berlin_time_in_daylight_saving_months(client, region):
    # 31 October 2026 23:30 UTC is 1 November 00:30 in Berlin (winter time again since 25 Oct).
    event_at(datetime.datetime(2026, 10, 31, 23, 30, tzinfo=datetime.UTC), title="Nachtcafé")
    # 28 March 2027 22:30 UTC is 29 March 00:30 in Berlin (summer time since 28 March, 2:00).
    event_at(datetime.datetime(2027, 3, 28, 22, 30, tzinfo=datetime.UTC), title="Frühlingsnacht")
    # 31 March 2027 22:30 UTC is 1 April 00:30 in Berlin: April, not March.
    event_at(datetime.datetime(2027, 3, 31, 22, 30, tzinfo=datetime.UTC), title="Aprilnacht")

    def days(year, month):
        return {
            day: [event.title for event in events]
            for day, events in client.get(month_url(year, month)).context["days"]
        }

    assert days(2026, 10) == {}
    assert days(2026, 11) == {datetime.date(2026, 11, 1): ["Nachtcafé"]}
    assert days(2027, 3) == {datetime.date(2027, 3, 29): ["Frühlingsnacht"]}
    assert days(2027, 4) == {datetime.date(2027, 4, 1): ["Aprilnacht"]}
    assert "00:30" in html_of(client.get(month_url(2027, 3)))


def test_an_event_over_several_days_fills_each_day_but_is_listed_once(client, region):
    event_at(berlin(2014, 3, 30, 10), hours=50, title="Klausur")  # until 1 April, 12:00

    response = client.get(month_url(2014, 3))

    busy = [day["date"].day for week in response.context["weeks"] for day in week["days"]
            if day["in_month"] and day["events"]]  # fmt: skip
    assert busy == [30, 31]
    html = html_of(response)
    assert re.search(r'month-grid__time">10:00</span> Klausur', html)
    assert re.search(r'month-grid__time">[^<0-9]+</span> Klausur', html)  # 31 March: continued
    assert [(day.day, len(events)) for day, events in response.context["days"]] == [(30, 1)]
    april = client.get(month_url(2014, 4)).context["days"]
    assert [(day.day, len(events)) for day, events in april] == [(1, 1)]


def test_month_queries_do_not_grow_with_events(client, region):
    event_at(berlin(2014, 3, 3, 10), region=region)
    few = count_queries(client, month_url(2014, 3))
    for day in range(1, 29):
        event_at(berlin(2014, 3, day, 18), region=RegionFactory())
        event_at(berlin(2014, 3, day, 9), region=None)
    assert count_queries(client, month_url(2014, 3)) == few <= 6


# --- Archive --------------------------------------------------------------------------------


def test_archive_lists_past_public_events_newest_first_with_their_reports(client, region):
    older = event_at(soon(-60), title="Auftakt", region=region)
    newer = event_at(soon(-7), title="Workshop", region=None)
    event_at(soon(-10), title="Intern vergangen", region=region, is_public=False)
    event_at(soon(7), title="Kommt noch", region=region)
    EventReport.objects.create(
        event=older, headline="Gelungener Auftakt", dateline="Hagen", teaser="…"
    )

    response = client.get(ARCHIVE)

    assert titles(response) == ["Workshop", "Auftakt"]
    html = html_of(response)
    assert f"{reverse('calendar:event', args=[older.pk])}#report" in html
    assert f"{reverse('calendar:event', args=[newer.pk])}#report" not in html
    assert '<th scope="col">' in html and "<caption" in html


def test_archive_filters_and_paginates(client, region, other_region):
    for day in range(22):
        event_at(soon(-day - 2), title=f"Vergangen {day:02d}", region=region)
    event_at(soon(-1), title="Münsterland", region=other_region)
    assert titles(client.get(ARCHIVE, {"region": other_region.slug})) == ["Münsterland"]
    assert len(titles(client.get(ARCHIVE))) == 20
    assert len(titles(client.get(ARCHIVE, {"page": 2}))) == 3


def test_archive_queries_do_not_grow_with_events(client, region):
    event_at(soon(-3), region=region)
    few = count_queries(client, ARCHIVE)
    for day in range(30):
        event = event_at(soon(-day - 4), region=RegionFactory())
        EventReport.objects.create(event=event, headline="H", dateline="D", teaser="T")
    assert count_queries(client, ARCHIVE) == few <= 8


# --- Event page -----------------------------------------------------------------------------


@pytest.fixture
def kick_off(region):
    event = event_at(
        berlin(2014, 3, 13, 18),
        hours=3,
        title="Auftaktveranstaltung Solingen",
        kind=EventKind.KICK_OFF,
        region=region,
        venue="Rathaus Solingen",
        street="Rathausplatz 1",
        postal_code="42651",
        city="Solingen",
        description="Migrantenorganisationen und Kooperationspartner lernen sich kennen.",
    )
    event.organising_agencies.add(AgencyFactory(name="Kommunales Integrationszentrum Solingen"))
    event.organising_organisations.add(OrganisationFactory(name="Tamilischer Kulturverein e.V."))
    return event


def test_event_page_shows_what_a_visitor_needs(client, kick_off, region):
    html = html_of(client.get(reverse("calendar:event", args=[kick_off.pk])))

    assert "<h1>Auftaktveranstaltung Solingen</h1>" in html
    assert "Auftaktveranstaltung" in html  # the kind
    assert "Donnerstag, 13. März 2014, 18:00" in html and "21:00" in html
    assert "Rathaus Solingen" in html and "Rathausplatz 1" in html and "42651 Solingen" in html
    assert f'href="{reverse("public:region", args=[region.slug])}"' in html
    assert re.search(
        r"Kommunales Integrationszentrum Solingen, Tamilischer Kulturverein e.V.", html
    )
    assert "lernen sich kennen" in html
    assert reverse("calendar:event-ics", args=[kick_off.pk]) in html
    assert reverse("calendar:region-feed", args=[region.slug]) in html
    assert reverse("calendar:kind-feed", args=[EventKind.KICK_OFF]) in html


def test_event_page_of_a_past_event_shows_its_report_and_photos(client, kick_off):
    report = EventReport.objects.create(
        event=kick_off,
        headline="Ein voller Saal in Solingen",
        dateline="Solingen – Am 13.03.2014",
        teaser="trafen sich 40 Gäste.",
        body="Der lange Text des Berichts.",
    )
    photo = ReportPhoto.objects.create(
        report=report,
        image="reports/2014/saal.jpg",
        alt_text="Gäste im Ratssaal",
        caption="Der Ratssaal",
        credit="MOZAIK",
    )

    html = html_of(client.get(reverse("calendar:event", args=[kick_off.pk])))

    for text in ("Ein voller Saal in Solingen", "Solingen – Am 13.03.2014", "trafen sich 40 Gäste.",
                 "Der lange Text des Berichts."):  # fmt: skip
        assert text in html
    assert (
        f'<img src="{reverse("calendar:photo", args=[photo.pk])}" alt="Gäste im Ratssaal"' in html
    )
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S)[1]
    assert "Der Ratssaal" in caption and "MOZAIK" in caption


def test_a_report_written_ahead_of_the_day_stays_unpublished(client, region):
    event = event_at(soon(5), title="Kommt noch", region=region)
    EventReport.objects.create(event=event, headline="Vorab geschrieben", dateline="D", teaser="T")
    assert "Vorab geschrieben" not in html_of(
        client.get(reverse("calendar:event", args=[event.pk]))
    )


def test_statewide_event_page_says_so_and_offers_the_feed_of_all_events(client, calendar):
    html = html_of(client.get(reverse("calendar:event", args=[calendar["fachtagung"].pk])))
    assert "landesweit" in html
    assert reverse("calendar:feed") in html


def test_event_page_of_an_event_taking_registrations_offers_to_register(client, region):
    event = event_at(soon(14), title="Qualifizierung", region=region, takes_registrations=True)
    html = html_of(client.get(reverse("calendar:event", args=[event.pk])))
    assert reverse("calendar:register", args=[event.pk]) in html


def test_internal_or_unknown_event_pages_are_404(client, calendar):
    assert client.get(reverse("calendar:event", args=[calendar["internal"].pk])).status_code == 404
    assert client.get(reverse("calendar:event", args=[999999])).status_code == 404


def test_event_page_queries_do_not_grow_with_organisers_or_photos(client, kick_off):
    report = EventReport.objects.create(event=kick_off, headline="H", dateline="D", teaser="T")
    ReportPhoto.objects.create(report=report, image="reports/2014/a.jpg", alt_text="A")
    url = reverse("calendar:event", args=[kick_off.pk])
    few = count_queries(client, url)
    for number in range(10):
        kick_off.organising_agencies.add(AgencyFactory())
        kick_off.organising_organisations.add(OrganisationFactory())
        ReportPhoto.objects.create(report=report, image=f"reports/2014/{number}.jpg", alt_text="B")
    assert count_queries(client, url) == few <= 6


# --- Every calendar page --------------------------------------------------------------------


@pytest.fixture
def calendar_urls(calendar):
    return [
        LIST,
        month_url(2014, 3),
        ARCHIVE,
        reverse("calendar:event", args=[calendar["infoabend"].pk]),
        reverse("calendar:event", args=[calendar["past"].pk]),
    ]


def test_calendar_pages_have_one_h1_no_script_and_refuse_post(client, calendar_urls):
    for url in calendar_urls:
        html = html_of(client.get(url))
        assert html.count("<h1") == 1, url
        assert "<script" not in html and 'style="' not in html, url
        assert client.post(url).status_code == 405, url


def test_filter_forms_have_labels_and_work_without_javascript(client, calendar_urls):
    for url in calendar_urls[:3]:
        response = client.get(url)
        html = html_of(response)
        assert re.search(r'<form method="get"[^>]*role="search"', html), url
        for field in response.context["filter"].form:
            assert f'<label for="{field.id_for_label}"' in html, (url, field.name)


def test_calendar_pages_in_english(client, kick_off):
    client.cookies["django_language"] = "en"
    html = html_of(client.get(reverse("calendar:event", args=[kick_off.pk])))
    assert '<html lang="en">' in html and "Thursday" in html


# --- Links from the rest of the portal ------------------------------------------------------


def test_home_links_the_calendar(client, db):
    assert f'href="{LIST}"' in html_of(client.get(reverse("home")))


def test_region_page_links_its_events_and_feed(client, calendar, region):
    html = html_of(client.get(reverse("public:region", args=[region.slug])))
    assert reverse("calendar:event", args=[calendar["infoabend"].pk]) in html
    assert reverse("calendar:region-feed", args=[region.slug]) in html
    assert f"{LIST}?region={region.slug}" in html
