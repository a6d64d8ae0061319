"""The public calendar in the browser: a visitor filters the upcoming events, turns to the
month grid, opens an event and finds its calendar file — each page checked with axe."""

import datetime
import zoneinfo

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from events.models import EventKind, EventReport
from tests.browser.conftest import BROWSER
from tests.factories import EventFactory

pytestmark = BROWSER
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def in_days(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def test_visitor_finds_an_event_of_their_region_in_list_and_month(
    page, region, other_region, axe_check
):
    starts_at = in_days(3, 18)
    event = EventFactory(
        title="Infoabend Anerkennung",
        kind=EventKind.INFORMATION,
        region=region,
        is_public=True,
        venue="Rathaus Hagen",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
    )
    EventFactory(
        title="Netzwerktreffen Münster", region=other_region, is_public=True,
        starts_at=in_days(4, 10), ends_at=in_days(4, 12),
    )  # fmt: skip

    page.goto(reverse("calendar:list"))
    axe_check(page)
    filters = page.get_by_role("search", name="Liste filtern")
    filters.locator("#id_region").select_option(value=region.slug)
    filters.get_by_role("button", name="Filter anwenden").click()
    axe_check(page)
    titles = page.locator(".event-item__title").all_inner_texts()
    assert titles == ["Infoabend Anerkennung"]

    # The month heading leads to the grid of that month, still filtered.
    page.locator(".event-month h2 a").first.click()
    axe_check(page)
    grid = page.locator("table#month-grid")
    expect(grid).to_be_visible()
    expect(grid.get_by_role("link", name="Infoabend Anerkennung")).to_be_visible()
    expect(grid.get_by_text("Netzwerktreffen Münster")).to_have_count(0)

    grid.get_by_role("link", name="Infoabend Anerkennung").click()
    page.wait_for_url(f"**{reverse('calendar:event', args=[event.pk])}")
    axe_check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Infoabend Anerkennung")
    link = page.locator(f"a[href='{reverse('calendar:event-ics', args=[event.pk])}']")
    expect(link).to_be_visible()


def test_narrow_screens_get_the_month_as_a_list(page, region, axe_check):
    starts_at = in_days(1, 10)
    EventFactory(
        title="Sprechstunde", region=region, is_public=True,
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=1),
    )  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})

    day = timezone.localtime(starts_at).date()
    page.goto(reverse("calendar:month", args=[day.year, day.month]))
    axe_check(page)

    expect(page.locator("table#month-grid")).to_be_hidden()
    expect(page.locator(".month-list").get_by_role("link", name="Sprechstunde")).to_be_visible()


def test_archive_and_report_of_a_past_event(page, region, axe_check):
    starts_at = in_days(-20, 18)
    event = EventFactory(
        title="Auftakt Solingen", region=region, is_public=True,
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=3),
    )  # fmt: skip
    EventReport.objects.create(
        event=event,
        headline="Ein voller Saal",
        dateline="Solingen – Am 13.03.2014",
        teaser="trafen sich 40 Gäste.",
        body="Der lange Text.",
    )

    page.goto(reverse("calendar:archive"))
    axe_check(page)
    page.locator("table#results a[href$='#report']").click()
    axe_check(page)
    report = page.locator("#report")
    expect(report.get_by_role("heading", name="Ein voller Saal")).to_be_visible()
    expect(report).to_contain_text("Der lange Text.")
