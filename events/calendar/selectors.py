"""Reads for the calendar ("Termine") and its iCalendar feeds.

Anonymous visitors and the public feeds get public events only. Signed-in members (guides,
coordinators, the Landeskoordination) also get the internal events they may see (decided in
``lotsen.core.permissions.internal_events_condition``): those of their regions, the
statewide ones and the meetings of their working groups. An event without a region is
statewide.
Each list decides its joins here, once, so a page takes the same number of queries however
many events it shows.
"""

import datetime
import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation

from events.models import Event, EventKind, EventReport, ReportPhoto, soonest_first
from lotsen.core.permissions import (
    internal_events_condition,
    member_group_ids,
    member_region_ids,
)
from lotsen.core.search import german
from organisations.models import Agency, MigrantOrganisation
from regions.models import Region

# What the lists show of an event (and of its region); descriptions and addresses stay on the
# event page and in the feeds.
LIST_FIELDS = (
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "venue",
    "city",
    "is_public",
    "takes_registrations",
    "registration_deadline",
    "region__name",
    "region__slug",
)
FEED_FIELDS = (
    *LIST_FIELDS,
    "street",
    "postal_code",
    "description",
    "uid",
    "sequence",
    "updated_at",
)
# The feeds carry upcoming events and those of the past year: a subscribed calendar replaces
# its copy with each download, so events dropping out of the feed vanish from it, and a year
# lets subscribers look back at what happened recently. Older events change no more and would
# only make every poll slower and larger (the full feed of a network 100 times the demo's size
# holds over 10,000 events); they stay in the archive on the web.
FEED_PAST = datetime.timedelta(days=365)
# Raise when the shape of the generated files changes, so that cached copies and the ETags
# that clients remember are replaced.
FEED_FORMAT = 1


def zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def shown_to(user=None) -> Q:
    """The events ``user`` may see in the calendar: public ones, and for members the internal
    ones of their regions and the statewide ones."""
    condition = Q(is_public=True)
    internal = internal_events_condition(user) if user is not None else None
    return condition | internal if internal is not None else condition


def scope_key(user) -> str:
    """Which internal events ``user`` sees, as text for a feed's revision key: the regions,
    and the working groups whose meetings the member sees wherever they are."""
    region_ids = member_region_ids(user)
    if region_ids is None:
        return "all"
    groups = ",".join(str(pk) for pk in sorted(member_group_ids(user)))
    return ",".join(str(pk) for pk in sorted(region_ids)) + f";groups:{groups}"


def public_events(user=None) -> QuerySet[Event]:
    """Every event ``user`` may see (without a user: every public one), with its region, ready
    for a list (no other table is read)."""
    return Event.objects.filter(shown_to(user)).select_related("region").only(*LIST_FIELDS)


def upcoming(now: datetime.datetime | None = None, *, user=None) -> QuerySet[Event]:
    """Events that have not ended yet, soonest first."""
    now = now or timezone.now()
    return public_events(user).filter(ends_at__gte=now).order_by(soonest_first(), "title", "pk")


def past(now: datetime.datetime | None = None, *, user=None) -> QuerySet[Event]:
    """Events that are over, newest first; each carries ``has_report``."""
    now = now or timezone.now()
    return (
        public_events(user)
        .filter(ends_at__lt=now)
        .annotate(has_report=Exists(EventReport.objects.filter(event=OuterRef("pk"))))
        .order_by("-starts_at", "title", "pk")
    )


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of the month and of the next one, in the portal's time zone."""
    first = datetime.datetime(year, month, 1, tzinfo=zone())
    following = datetime.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=zone())
    return first, following


def in_month(year: int, month: int, *, user=None) -> QuerySet[Event]:
    """Events that take place, at least in part, in that month (Berlin time)."""
    first, following = month_bounds(year, month)
    return (
        public_events(user)
        .filter(starts_at__lt=following, ends_at__gte=first)
        .order_by(soonest_first(), "title", "pk")
    )


def days_of(
    event: Event, *, within: tuple[datetime.date, datetime.date] | None = None
) -> list[datetime.date]:
    """The days in Berlin on which ``event`` takes place, from ``within[0]`` to ``within[1]``
    (both included) if given; an end at midnight ends the day before."""
    start = timezone.localtime(event.starts_at, zone())
    end = timezone.localtime(event.ends_at, zone())
    first, last = start.date(), end.date()
    if end.time() == datetime.time.min and end > start:
        last -= datetime.timedelta(days=1)
    if within is not None:
        first, last = max(first, within[0]), min(last, within[1])
    days, day = [], first
    while day <= last:
        days.append(day)
        day += datetime.timedelta(days=1)
    return days


def regions_by_name() -> QuerySet[Region]:
    return Region.objects.order_by(german("name"), "pk")


def public_event(pk: int, *, user=None) -> Event:
    """One event with everything its page shows: region, organisers, report, photos.

    404 for an unknown event and for an internal one ``user`` may not see. The organisers are
    organisations, not people: only their names are read.
    """
    events = (
        Event.objects.filter(shown_to(user))
        .select_related("region", "report")
        .prefetch_related(
            Prefetch(
                "organising_organisations",
                queryset=MigrantOrganisation.objects.only("name").order_by(german("name"), "pk"),
            ),
            Prefetch(
                "organising_agencies",
                queryset=Agency.objects.only("name").order_by(german("name"), "pk"),
            ),
        )
    )
    event = get_object_or_404(events, pk=pk)
    report = getattr(event, "report", None)
    if report is not None:
        report.photo_list = list(ReportPhoto.objects.filter(report=report))
    return event


def report_of(event: Event, now: datetime.datetime | None = None) -> EventReport | None:
    """The report of a public event once the event has begun (a report written ahead of the
    day stays unpublished until then)."""
    now = now or timezone.now()
    report = getattr(event, "report", None)
    if report is None or event.starts_at > now:
        return None
    return report


# --- Feeds ----------------------------------------------------------------------------------


def feed_events(now: datetime.datetime | None = None, *, user=None) -> QuerySet[Event]:
    """The events of a feed from a year ago on, with what a calendar entry shows: public ones,
    and with ``user`` (the personal feed) also the internal ones that member may see."""
    now = now or timezone.now()
    return (
        Event.objects.filter(shown_to(user), starts_at__gte=now - FEED_PAST)
        .select_related("region")
        .only(*FEED_FIELDS)
        .order_by("starts_at", "pk")
    )


def region_or_404(slug: str) -> Region:
    return get_object_or_404(Region.objects.only("name", "slug"), slug=slug)


def kind_or_404(value: str) -> EventKind:
    if value not in EventKind.values:
        raise Http404("No such kind of event.")
    return EventKind(value)


@dataclass(frozen=True)
class Revision:
    """What a calendar file looks like right now, in one query: for ETag and Last-Modified.

    Any edit raises ``updated_at``; an event that leaves the file (deleted, made internal,
    moved to another region, older than a year) lowers ``count``. So the pair changes whenever
    the file's events do, and the file need not be built to tell a client "not modified".
    """

    count: int
    last_modified: datetime.datetime | None
    etag: str


def _etag(*parts) -> str:
    # The language is part of every ETag: the kind of an event and a calendar's name are
    # translated.
    text = "|".join(str(part) for part in (FEED_FORMAT, translation.get_language(), *parts))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def revision_of(events: QuerySet[Event], *, key: str) -> Revision:
    """The revision of the calendar file ``key`` that holds ``events``, in one query."""
    state = events.order_by().aggregate(count=Count("pk"), latest=Max("updated_at"))
    latest = state["latest"]
    etag = _etag(key, state["count"], latest.isoformat() if latest else "")
    return Revision(count=state["count"], last_modified=latest, etag=etag)


def event_revision(event: Event) -> Revision:
    """The revision of the "add to calendar" file of one event (no query)."""
    region = event.region.name if event.region is not None else ""
    etag = _etag("event", event.uid, event.sequence, event.updated_at.isoformat(), region)
    return Revision(count=1, last_modified=event.updated_at, etag=etag)


def calendar_event(pk: int, *, user=None) -> Event:
    """One event for its .ics file; 404 for an unknown one or an internal one ``user`` may not
    see."""
    return get_object_or_404(
        Event.objects.filter(shown_to(user)).select_related("region").only(*FEED_FIELDS), pk=pk
    )
