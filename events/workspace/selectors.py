"""Reads of events for the workspace, with their joins decided once."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from events.models import Event, EventReport, ReportPhoto, soonest_first
from lotsen.core.permissions import visible_to
from lotsen.core.search import german
from lotsen.models.guides import Guide
from organisations.models import Agency, MigrantOrganisation


def events_for(user) -> QuerySet[Event]:
    """The events ``user`` may see in the workspace, newest first, ready for a list page.

    Each row carries ``has_report``; organisers are prefetched, so a page (or an export of
    any length) takes the same number of queries.
    """
    return (
        visible_to(user, Event.objects.all())
        .select_related("region")
        .prefetch_related("organising_agencies", "organising_organisations")
        .annotate(has_report=Exists(EventReport.objects.filter(event=OuterRef("pk"))))
        .order_by("-starts_at", "pk")
    )


def upcoming_events_for(user, *, region=None, limit: int = 5) -> QuerySet[Event]:
    """The next ``limit`` events ``user`` may see that have not ended yet, soonest first.

    With ``region``, only that region's events.
    """
    events = visible_to(user, Event.objects.all()).filter(ends_at__gte=timezone.now())
    if region is not None:
        events = events.filter(region=region)
    return events.select_related("region").order_by(soonest_first(), "pk")[:limit]


def event_choices_for(user, *, region) -> dict[str, QuerySet]:
    """What ``user`` may name as organisers and attendees of an event in ``region``, by field.

    A regional event offers that region's active organisations and agencies (and statewide
    agencies) and its guides; a statewide event offers everything the user can see.
    """
    organisations = visible_to(user, MigrantOrganisation.objects.active())
    agencies = Agency.objects.active().filter(
        pk__in=visible_to(user, Agency.objects.all()).values("pk")
    )
    guides = visible_to(user, Guide.objects.all())
    if region is not None:
        organisations = organisations.filter(region=region)
        local = Agency.objects.filter(Q(regions=region) | Q(regions__isnull=True))
        agencies = agencies.filter(pk__in=local.values("pk"))
        guides = guides.filter(region=region)
    organisations = organisations.order_by(german("name"), "pk")
    agencies = agencies.order_by(german("name"), "pk")
    return {
        "organising_agencies": agencies,
        "organising_organisations": organisations,
        "attending_organisations": organisations,
        "attending_agencies": agencies,
        "attending_guides": guides.order_by(german("last_name"), german("first_name"), "pk"),
    }


def reports_between(
    start: datetime.date, end: datetime.date, *, regions=None
) -> QuerySet[EventReport]:
    """The reports of the events that began from ``start`` to ``end`` (both included).

    The days are local dates (Europe/Berlin): an event at 00:30 on 1 March belongs to March.
    What the regional news of a newsletter and the interim report of a period are made of, so
    nobody retypes a report: each comes with its event, the event's region and its photos in
    their order, in two queries however many there are. Ordered by region (statewide events
    first), then by date. With ``regions`` (regions, their ids or a queryset of them) only the
    reports of those regions' events, without statewide ones. Public and internal events alike:
    the callers decide (the March 2014 newsletter reports on an internal workshop).
    """
    zone = timezone.get_default_timezone()
    after = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    day_after_end = end + datetime.timedelta(days=1)
    before = datetime.datetime.combine(day_after_end, datetime.time.min, tzinfo=zone)
    reports = EventReport.objects.filter(event__starts_at__gte=after, event__starts_at__lt=before)
    if regions is not None:
        reports = reports.filter(event__region__in=regions)
    photos = ReportPhoto.objects.order_by("position", "pk")
    return (
        reports.select_related("event", "event__region")
        .prefetch_related(Prefetch("photos", queryset=photos))
        .order_by(german("event__region__name").asc(nulls_first=True), "event__starts_at", "pk")
    )
