"""Events as iCalendar (RFC 5545): one file per event, and feeds of many, built with icalendar.

Calendar clients recognise an event by its UID, which never changes, and take a higher
SEQUENCE (raised by ``Event.save`` when the schedule changes) or a newer LAST-MODIFIED as an
update. Times carry the portal's time zone with its VTIMEZONE, so an event at 10:00 in Berlin
stays at 10:00 in every client, on either side of a change to or from summer time.
"""

from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from events.models import Event

PRODID = "-//Lotsen-Portal//Termine//DE"
UID_DOMAIN = "lotsen-portal"


def absolute_url(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path


def location(event: Event) -> str:
    place = " ".join(part for part in (event.postal_code, event.city) if part)
    return ", ".join(part for part in (event.venue, event.street, place) if part)


def _vevent(event: Event, stamp) -> icalendar.Event:
    zone = ZoneInfo(settings.TIME_ZONE)
    url = absolute_url(reverse("calendar:event", args=[event.pk]))
    item = icalendar.Event()
    item.add("uid", f"{event.uid}@{UID_DOMAIN}")
    item.add("dtstamp", stamp)
    item.add("created", event.created_at)
    item.add("last-modified", event.updated_at)
    item.add("sequence", event.sequence)
    item.add("summary", event.title)
    item.add("dtstart", event.starts_at.astimezone(zone))
    item.add("dtend", event.ends_at.astimezone(zone))
    if place := location(event):
        item.add("location", place)
    item.add("description", "\n\n".join(part for part in (event.description, url) if part))
    item.add("url", url)
    item.add("categories", [str(event.get_kind_display())])
    return item


def calendar_of(events: Iterable[Event], *, name: str) -> bytes:
    """An iCalendar file of ``events``, named ``name`` in the subscriber's calendar list."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for event in events:
        calendar.add_component(_vevent(event, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_ics(event: Event) -> bytes:
    """The "add to calendar" file of one event, also attached to registration mails."""
    return calendar_of([event], name=event.title)
