"""Events as iCalendar (RFC 5545): one file per event, and feeds of many, built with icalendar.

Calendar clients recognise an event by its UID, which never changes, and take a higher
SEQUENCE (raised by ``Event.save`` when the schedule changes) or a newer LAST-MODIFIED as an
update. Times carry the portal's time zone with its VTIMEZONE, so an event at 10:00 in Berlin
stays at 10:00 in every client, on either side of a change to or from summer time. Text is
escaped by the library (commas, semicolons, backslashes, line breaks) and folded at 75 octets.

An event that is deleted or made internal simply leaves the feeds: subscribed clients replace
their copy with each download, so it disappears from their calendars at the next poll.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event
from lotsen.core.links import portal_url

PRODID = "-//Lotsen-Portal//Termine//DE"
UID_DOMAIN = "lotsen-portal"
# A pk that no event has, replaced in the one reversed path: a feed holds a thousand events at
# a hundred times the demo's size, and reverse() for each would cost more than its line.
PK_PLACEHOLDER = "999999999"
# How often subscribed clients should fetch a feed again (RFC 7986 REFRESH-INTERVAL, and
# X-PUBLISHED-TTL for Outlook and older Apple clients). An hour keeps a moved event current
# the same day; conditional requests (ETag) keep the polls cheap.
FEED_REFRESH = datetime.timedelta(hours=1)


def location(event: Event) -> str:
    place = " ".join(part for part in (event.postal_code, event.city) if part)
    return ", ".join(part for part in (event.venue, event.street, place) if part)


def region_name(event: Event) -> str:
    return event.region.name if event.region_id else _("statewide")


def _vevent(
    event: Event, *, stamp: datetime.datetime, zone: ZoneInfo, link: str
) -> icalendar.Event:
    url = portal_url(link.replace(PK_PLACEHOLDER, str(event.pk)))
    region = _("Region: %(region)s") % {"region": region_name(event)}
    item = icalendar.Event()
    item.add("uid", f"{event.uid}@{UID_DOMAIN}")
    item.add("dtstamp", stamp)
    item.add("last-modified", event.updated_at)
    item.add("sequence", event.sequence)
    item.add("summary", event.title)
    item.add("dtstart", event.starts_at.astimezone(zone))
    item.add("dtend", event.ends_at.astimezone(zone))
    if place := location(event):
        item.add("location", place)
    item.add("description", "\n\n".join(part for part in (event.description, region, url) if part))
    item.add("url", url)
    item.add("categories", [str(event.get_kind_display())])
    return item


def _vtimezone(events: list[Event], zone: ZoneInfo) -> icalendar.Timezone:
    """The VTIMEZONE of the portal's zone, with the transitions from the year of the first
    event to a year after the last: both observances (STANDARD and DAYLIGHT) are always there,
    and the definition stays short instead of listing every change from 1970 to 2038."""
    first = min(event.starts_at for event in events).astimezone(zone).date()
    last = max(event.ends_at for event in events).astimezone(zone).date()
    return icalendar.Timezone.from_tzid(
        settings.TIME_ZONE,
        first_date=datetime.date(first.year, 1, 1),
        last_date=datetime.date(last.year + 2, 1, 1),
    )


def calendar_of(
    events: Iterable[Event], *, name: str, refresh: datetime.timedelta | None = None
) -> bytes:
    """An iCalendar file of ``events``, named ``name`` in the subscriber's calendar list.

    With ``refresh`` (for feeds that clients subscribe to), the file says how often to fetch
    it again. Each event's ``region`` should be loaded with it (``select_related``).
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    events = list(events)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.calendar_name = name  # NAME (RFC 7986) and X-WR-CALNAME
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if refresh is not None:
        calendar.add("refresh-interval", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", icalendar.vDuration(refresh))
    if events:
        calendar.add_component(_vtimezone(events, zone))
    stamp = timezone.now()
    link = reverse("calendar:event", args=[PK_PLACEHOLDER])
    for event in events:
        calendar.add_component(_vevent(event, stamp=stamp, zone=zone, link=link))
    return calendar.to_ical()


def event_ics(event: Event) -> bytes:
    """The "add to calendar" file of one event, also attached to registration mails."""
    return calendar_of([event], name=event.title)
