"""The calendar ("Termine"): upcoming events, a month grid, the archive, event pages, and the
iCalendar files (one per event; feeds of all events, per region and per kind; each member's
personal feed, and the page to find and reset its address).

Anonymous visitors see public events; signed-in members also the internal events they may
see, marked as internal. What may be shown is decided in ``events.calendar.selectors``; the
views only pick the page. Pages that show internal events are never cached by anyone.
"""

import calendar as stdlib_calendar
import datetime
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_safe
from django.views.generic import TemplateView

from events import ical
from events.calendar import personal, selectors
from events.calendar.filters import CalendarFilter
from events.models import EventKind
from lotsen.core.permissions import is_guide, is_member
from lotsen.core.public import PublicListView, PublicPageMixin
from lotsen.core.workspace import WorkspaceMixin

# The month view answers for these years; anything else (year 0, year 99999) is a 404.
FIRST_YEAR, LAST_YEAR = 1900, 2199
# Rendered feeds are kept by their ETag, so an unchanged feed is built once, not per poll; a
# change anywhere gives a new ETag and so a new entry. The timeout only bounds memory.
FEED_CACHE_SECONDS = 24 * 60 * 60


def _feed_links(request, *, region=None, kind: str = "") -> list[dict]:
    """The feeds a page offers: all events, and those of the region and kind in view."""
    feeds = [(_("All public events"), reverse("calendar:feed"))]
    if region is not None:
        label = _("Events in %(region)s") % {"region": region[1]}
        feeds.append((label, reverse("calendar:region-feed", args=[region[0]])))
    if kind:
        label = _("Events of the kind “%(kind)s”") % {"kind": EventKind(kind).label}
        feeds.append((label, reverse("calendar:kind-feed", args=[kind])))
    links = []
    for label, path in feeds:
        address = request.build_absolute_uri(path)
        links.append(
            {
                "label": label,
                "url": path,
                "address": address,
                # Calendar apps open webcal: links as a subscription rather than a download.
                "webcal": urlunsplit(urlsplit(address)._replace(scheme="webcal")),
            }
        )
    return links


def member_of(request):
    """The signed-in member behind ``request``, whose calendar holds internal events too."""
    return request.user if is_member(request.user) else None


class MemberAwareMixin:
    """Pages that show a member's internal events are private to that member."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if member_of(request) is not None:
            add_never_cache_headers(response)
        return response


class CalendarFilterMixin(MemberAwareMixin):
    """The region and kind filter of every calendar page, and the feeds that go with it."""

    def calendar_context(self, filterset: CalendarFilter) -> dict:
        region_slug, kind = filterset.chosen("region"), filterset.chosen("kind")
        region = filterset.chosen_region()
        chosen = {"region": region_slug, "kind": kind}
        return {
            "feeds": _feed_links(self.request, region=region, kind=kind),
            # Carried over to the month and list links, so a filter survives paging months.
            "filter_query": urlencode({name: value for name, value in chosen.items() if value}),
            "is_member": member_of(self.request) is not None,
        }


class CalendarListView(CalendarFilterMixin, PublicListView):
    filterset_class = CalendarFilter
    context_object_name = "events"
    # A wrong region or kind is ignored (the form says so) rather than emptying the list.
    strict = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.calendar_context(context["filter"]))
        context["this_month"] = timezone.localdate()
        return context


class UpcomingView(CalendarListView):
    template_name = "events/public/upcoming.html"

    def get_queryset(self):
        return selectors.upcoming(user=member_of(self.request))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        events = list(context["events"])
        for event in events:
            # The first of the event's month in Berlin: the page groups events by it.
            event.month = (
                timezone.localtime(event.starts_at, selectors.zone()).date().replace(day=1)
            )
        context["events"] = context["object_list"] = context["page_obj"].object_list = events
        return context


class ArchiveView(CalendarListView):
    template_name = "events/public/archive.html"

    def get_queryset(self):
        return selectors.past(user=member_of(self.request))


class MonthView(CalendarFilterMixin, PublicPageMixin, TemplateView):
    """A month as a grid of weeks (Monday first, as in Germany), each day with its events."""

    template_name = "events/public/month.html"

    def get_context_data(self, **kwargs):
        year, month = kwargs["year"], kwargs["month"]
        if not (FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12):
            raise Http404("No such month in the calendar.")
        first = datetime.date(year, month, 1)
        following = (first + datetime.timedelta(days=31)).replace(day=1)
        filterset = CalendarFilter(
            self.request.GET,
            queryset=selectors.in_month(year, month, user=member_of(self.request)),
        )
        events = list(filterset.qs)
        by_day: dict[datetime.date, list] = {}
        listed: dict[datetime.date, list] = {}  # each event once, on its first day this month
        for event in events:
            days = selectors.days_of(event, within=(first, following - datetime.timedelta(days=1)))
            for day in days:
                by_day.setdefault(day, []).append(event)
            if days:  # not so for an event that ends at midnight on the first of the month
                listed.setdefault(days[0], []).append(event)
        weeks = [
            {
                "number": week[0].isocalendar().week,
                "days": [
                    {"date": day, "in_month": day.month == month, "events": by_day.get(day, [])}
                    for day in week
                ],
            }
            for week in stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        previous = (first - datetime.timedelta(days=1)).replace(day=1)
        return super().get_context_data(
            filter=filterset,
            month=first,
            weeks=weeks,
            weekdays=[WEEKDAYS[number] for number in range(7)],
            days=sorted(listed.items()),
            event_count=sum(len(listed_events) for listed_events in listed.values()),
            previous=previous if previous.year >= FIRST_YEAR else None,
            following=following if following.year <= LAST_YEAR else None,
            today=timezone.localdate(),
            this_month=timezone.localdate(),
            **self.calendar_context(filterset),
        )


class EventView(MemberAwareMixin, PublicPageMixin, TemplateView):
    template_name = "events/public/event_detail.html"

    def get_context_data(self, **kwargs):
        event = selectors.public_event(kwargs["pk"], user=member_of(self.request))
        region = (event.region.slug, event.region.name) if event.region_id else None
        return super().get_context_data(
            event=event,
            report=selectors.report_of(event),
            organisers=[
                *(agency.name for agency in event.organising_agencies.all()),
                *(organisation.name for organisation in event.organising_organisations.all()),
            ],
            feeds=_feed_links(self.request, region=region, kind=event.kind),
            is_member=member_of(self.request) is not None,
            **kwargs,
        )


# --- iCalendar files ------------------------------------------------------------------------


def _calendar_file(request, *, revision, build, filename: str) -> HttpResponse:
    """``build()``'s iCalendar file, or "304 Not Modified" when the client has this revision."""

    @condition(
        etag_func=lambda request: revision.etag,
        last_modified_func=lambda request: revision.last_modified,
    )
    def serve(request):
        response = HttpResponse(build(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response

    response = serve(request)
    # Clients may keep the file but must ask again (cheaply, with If-None-Match); the language
    # cookie changes the text, so shared caches must not hand one language to the other.
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def _feed(request, events, *, key: str, name: str, filename: str) -> HttpResponse:
    revision = selectors.revision_of(events, key=key)

    def build() -> bytes:
        return cache.get_or_set(
            f"calendar-feed:{revision.etag}",
            lambda: ical.calendar_of(events, name=name, refresh=ical.FEED_REFRESH),
            FEED_CACHE_SECONDS,
        )

    return _calendar_file(request, revision=revision, build=build, filename=filename)


@require_safe
def event_ics(request, pk: int) -> HttpResponse:
    """The "add to calendar" file of one event (an internal one for members who see it)."""
    event = selectors.calendar_event(pk, user=member_of(request))
    response = _calendar_file(
        request,
        revision=selectors.event_revision(event),
        build=lambda: ical.event_ics(event),
        filename=f"termin-{event.pk}.ics",
    )
    if not event.is_public:
        patch_cache_control(response, private=True)
    return response


@require_safe
def feed(request) -> HttpResponse:
    """Every public event from a year ago on, for calendar apps to subscribe to."""
    return _feed(
        request,
        selectors.feed_events(),
        key="all",
        name=_("Lotsen network: events"),
        filename="termine.ics",
    )


@require_safe
def region_feed(request, slug: str) -> HttpResponse:
    """The public events of one region (statewide ones are in the feed of all events)."""
    region = selectors.region_or_404(slug)
    return _feed(
        request,
        selectors.feed_events().filter(region=region),
        # The region's name is in every entry: a renamed region is a new revision.
        key=f"region:{region.slug}:{region.name}",
        name=_("Lotsen network: events in %(region)s") % {"region": region.name},
        filename=f"termine-{region.slug}.ics",
    )


@require_safe
def kind_feed(request, kind: str) -> HttpResponse:
    """The public events of one kind, e.g. every training (Qualifizierung)."""
    kind = selectors.kind_or_404(kind)
    return _feed(
        request,
        selectors.feed_events().filter(kind=kind),
        key=f"kind:{kind.value}",
        name=_("Lotsen network: %(kind)s") % {"kind": kind.label},
        filename=f"termine-{kind.value.replace('_', '-')}.ics",
    )


# --- The personal feed ----------------------------------------------------------------------


@require_safe
def member_feed(request, token: str) -> HttpResponse:
    """A member's own feed: the public events and the internal ones this member may see.

    The secret address is the permission (calendar apps send no login); an unknown, reset or
    tampered address, and that of a deactivated account, answers 404.
    """
    user = personal.member_for_token(token)
    if user is None:
        raise Http404("No such calendar feed.")
    response = _feed(
        request,
        selectors.feed_events(user=user),
        # The member's scope is part of the key: another region is another file.
        key=f"member:{token}:{selectors.scope_key(user)}",
        name=_("Lotsen network: my events"),
        filename="meine-termine.ics",
    )
    patch_cache_control(response, private=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class MemberFeedView(WorkspaceMixin, TemplateView):
    """Where members find their personal feed's address; POST makes a new one (the first, or
    one that replaces an address that got into the wrong hands)."""

    permission_required = "lotsen.view_members_area"
    template_name = "events/public/member_feed.html"
    http_method_names = ["get", "post", "head", "options"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            member_feed=personal.feed_links(self.request, self.request.user), **kwargs
        )

    def post(self, request, *args, **kwargs):
        had_one = bool(personal.feed_token(request.user))
        personal.reset_feed_key(user=request.user)
        if had_one:
            messages.success(
                request,
                _(
                    "Your calendar has a new address. The old one no longer works: subscribe "
                    "again with the new address in your calendar app."
                ),
            )
        else:
            messages.success(request, _("Your personal calendar address is ready."))
        if request.POST.get("back") == "profile" and is_guide(request.user):
            return redirect(reverse("guides:profile") + "#calendar-feed")
        return redirect("calendar:member-feed-settings")
