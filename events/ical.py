"""Events as iCalendar (RFC 5545): one file per event, and feeds of many, built with icalendar.

Calendar clients recognise an event by its UID, which never changes, and take a higher
SEQUENCE (raised by ``Event.save`` when the schedule changes) or a newer LAST-MODIFIED as an
update. Times carry the portal's time zone with its VTIMEZONE (yearly rules, not a list of
dates), so an event at 10:00 in Berlin stays at 10:00 in every client, on either side of a
change to or from summer time. Text is escaped by the library (commas, semicolons,
backslashes, line breaks) and folded at 75 octets.

An event that is deleted or made internal simply leaves the feeds: subscribed clients replace
their copy with each download, so it disappears from their calendars at the next poll.
"""

import datetime
import functools
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
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


# The years whose transitions the rules of a VTIMEZONE are checked against: back to the zone
# database's usual start (clients may show old events) and some years past the last event.
RULES_SINCE = 1970
RULES_AHEAD = 2


@dataclass(frozen=True)
class Observance:
    """One kind of yearly transition (to summer time or back) as an RRULE says it."""

    month: int
    week: int  # 1..4, or -1 for the last
    weekday: int  # Monday 0
    wall_clock: datetime.time  # local time before the change
    offset_from: datetime.timedelta
    offset_to: datetime.timedelta
    name: str

    @property
    def daylight(self) -> bool:
        return self.offset_to > self.offset_from

    def day_in(self, year: int) -> datetime.date:
        if self.week > 0:
            first = datetime.date(year, self.month, 1)
            return first + datetime.timedelta(
                days=(self.weekday - first.weekday()) % 7 + 7 * (self.week - 1)
            )
        last = datetime.date(year, self.month, monthrange(year, self.month)[1])
        return last - datetime.timedelta(days=(last.weekday() - self.weekday) % 7)


@functools.lru_cache(maxsize=256)
def _transitions(tzid: str, year: int) -> tuple[Observance, ...]:
    """The changes of the zone's UTC offset in ``year``, found in 15-minute steps on the days
    whose offset at midnight UTC differs from the next (zoneinfo has no public list of them).
    Kept for the process: a zone's past does not change while it runs."""
    zone = ZoneInfo(tzid)
    found = []
    day = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    while day.year == year:
        following = day + datetime.timedelta(days=1)
        if day.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset():
            instant = day
            while instant.astimezone(zone).utcoffset() == day.astimezone(zone).utcoffset():
                instant += datetime.timedelta(minutes=15)
            before, after = day.astimezone(zone), instant.astimezone(zone)
            local = (instant + before.utcoffset()).replace(tzinfo=None)
            last_week = local.day + 7 > monthrange(year, local.month)[1]
            found.append(
                Observance(
                    month=local.month,
                    week=-1 if last_week else (local.day - 1) // 7 + 1,
                    weekday=local.weekday(),
                    wall_clock=local.time(),
                    offset_from=before.utcoffset(),
                    offset_to=after.utcoffset(),
                    name=after.tzname() or "",
                )
            )
        day = following
    return tuple(found)


def _rule_vtimezone(tzid: str, last_year: int) -> icalendar.Timezone | None:
    """The zone ``tzid`` as most clients expect it: one STANDARD and one DAYLIGHT observance,
    each with a yearly RRULE (e.g. the last Sunday of March at 02:00) from the first year it
    holds in. None if the zone's changes of ``last_year`` do not repeat in that form in every
    year up to it (or there are none)."""
    rules = _transitions(tzid, last_year)
    if len(rules) != 2 or {rule.daylight for rule in rules} != {True, False}:
        return None
    timezone_component = icalendar.Timezone()
    timezone_component.add("tzid", tzid)
    for rule in sorted(rules, key=lambda rule: not rule.daylight):
        since = last_year
        while since > RULES_SINCE and rule in _transitions(tzid, since - 1):
            since -= 1
        for year in range(since, last_year + 1):
            if rule not in _transitions(tzid, year):
                return None
        observance = icalendar.TimezoneDaylight() if rule.daylight else icalendar.TimezoneStandard()
        observance.add("dtstart", datetime.datetime.combine(rule.day_in(since), rule.wall_clock))
        observance.add(
            "rrule",
            {
                "freq": "yearly",
                "bymonth": rule.month,
                "byday": f"{rule.week}{WEEKDAYS[rule.weekday]}",
            },
        )
        observance.add("tzoffsetfrom", rule.offset_from)
        observance.add("tzoffsetto", rule.offset_to)
        if rule.name:
            observance.add("tzname", rule.name)
        timezone_component.add_component(observance)
    return timezone_component


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _vtimezone(events: list[Event], zone: ZoneInfo) -> icalendar.Timezone:
    """The VTIMEZONE of the portal's zone. Written as rules (RRULE), as Outlook, Apple and
    Google write and read it best; some clients take only the first transition of a list of
    dates and put summer-time events an hour off. A zone without such a yearly pattern gets
    the transitions from the year of the first event to after the last instead."""
    first = min(event.starts_at for event in events).astimezone(zone).date()
    last = max(event.ends_at for event in events).astimezone(zone).date()
    ruled = _rule_vtimezone(settings.TIME_ZONE, last.year + RULES_AHEAD)
    if ruled is not None:
        return ruled
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
