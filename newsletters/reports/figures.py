"""The figures of an interim report, computed by aggregation in the database.

One function per group of figures. Each returns plain data: figures with the value of the
period, the value of the previous period (same length, directly before) and a one-line
definition of how it is counted; and tables. Every function makes a fixed number of queries,
whatever the number of regions, organisations, guides or events: the counting is done by
``GROUP BY`` and conditional ``COUNT``/``SUM`` in the database, never per row in Python.

Statuses on a past day come from the dated histories (``lotsen.core.status_history``): a change
recorded after the period leaves the report for the period as it was.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, Window
from django.db.models.functions import Coalesce, Lag, Lead, TruncDate
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.models import Event, EventKind
from lotsen.core.search import german
from lotsen.models.guides import CompletedTraining, Guide, GuideStatus, GuideStatusChange
from newsletters.models import Issue, IssueState, Subscriber
from organisations.models import Agency, AgencyKind, MigrantOrganisation
from regions.models import CooperationStatus, Region, RegionStatusChange

# Guides who have a status and have not left: the newsletter's "43 guides".
GUIDES_IN_NETWORK = [s for s in GuideStatus.values if s != GuideStatus.LEFT]
# Points of the "status over time" chart: enough to show a trend, a fixed number of columns.
TIMELINE_POINTS = 12


def short_date(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


@dataclass(frozen=True)
class Period:
    """Whole days from ``start`` to ``end``, both included, in the portal's time zone."""

    start: datetime.date
    end: datetime.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length that ends the day before this one starts.

        Whole calendar months compare with as many months before (a year with the year
        before, a half-year with the half-year before); other periods with as many days.
        """
        end = self.start - datetime.timedelta(days=1)
        if self.start.day == 1 and (self.end + datetime.timedelta(days=1)).day == 1:
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
            first = self.start.year * 12 + self.start.month - 1 - months
            return Period(datetime.date(first // 12, first % 12 + 1, 1), end)
        return Period(end - datetime.timedelta(days=self.days - 1), end)

    def sample_days(self, points: int = TIMELINE_POINTS) -> list[datetime.date]:
        """Up to ``points`` days spread evenly over the period, its first and last among them."""
        if self.days <= points:
            return [self.start + datetime.timedelta(days=n) for n in range(self.days)]
        step = (self.days - 1) / (points - 1)
        return [self.start + datetime.timedelta(days=round(n * step)) for n in range(points)]

    def __str__(self) -> str:
        return f"{short_date(self.start)} – {short_date(self.end)}"


@dataclass
class Figure:
    label: str
    value: int
    previous: int | None
    definition: str

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.value - self.previous

    @property
    def change_text(self) -> str:
        """The change with its sign ("+3", "−2", "±0"), or a dash without a previous value."""
        change = self.change
        if change is None:
            return "–"
        return f"+{change}" if change > 0 else f"−{-change}" if change < 0 else "±0"


@dataclass
class Table:
    """A table of the report: in the PDF, as one sheet of the XLSX and as one CSV file."""

    key: str  # stable, for file names: "events-by-kind"
    title: str
    definition: str
    columns: list[str]
    rows: list[list]

    @property
    def typed_rows(self) -> list[list[tuple[object, bool]]]:
        """Each cell with whether it is a number (right-aligned in print)."""
        return [[(cell, isinstance(cell, int | float)) for cell in row] for row in self.rows]


@dataclass
class FigureGroup:
    key: str
    title: str
    figures: list[Figure]
    tables: list[Table] = field(default_factory=list)


# --- Helpers --------------------------------------------------------------------------------


def _in(period: Period, lookup: str) -> Q:
    return Q(**{f"{lookup}__gte": period.start, f"{lookup}__lte": period.end})


def _holds_on(day: datetime.date) -> Q:
    """A history entry annotated with ``next_from`` that is the status on ``day``."""
    return Q(valid_from__lte=day) & (Q(next_from__isnull=True) | Q(next_from__gt=day))


def _with_validity(history: QuerySet, owner: str) -> QuerySet:
    """Annotate each history entry with the day its owner's next entry starts (``next_from``)
    and the day of the owner's entry before it (``previous_from``; none for the first).

    Window functions: each entry is read once, however many days the report asks about.
    """
    window = {"partition_by": [F(f"{owner}_id")], "order_by": F("valid_from").asc()}
    return history.annotate(
        next_from=Window(Lead("valid_from"), **window),
        previous_from=Window(Lag("valid_from"), **window),
    )


def _by_status(history: QuerySet, statuses, **conditions: Q) -> dict[str, dict[str, int]]:
    """For each named condition, the number of history entries meeting it, per status.

    One query: ``aggregate()`` over the window annotations of ``_with_validity``, with one
    conditional count per status and condition.
    """
    aggregates = {
        f"{name}__{status}": Count("pk", filter=Q(status=status) & condition)
        for name, condition in conditions.items()
        for status in statuses
    }
    counts = history.order_by().aggregate(**aggregates)
    return {
        name: {status: counts[f"{name}__{status}"] for status in statuses} for name in conditions
    }


def _status_on(history, owner: str, day: datetime.date, outer: str = "pk") -> Subquery:
    latest = (
        history.objects.filter(**{owner: OuterRef(outer)}, valid_from__lte=day)
        .order_by("-valid_from")
        .values("status")[:1]
    )
    return Subquery(latest)


def _organisations_with_dates(queryset: QuerySet, prefix: str = "") -> QuerySet:
    """Annotate ``joined`` (the day an organisation joined; the day it was recorded if nobody
    entered one) and ``archived_day``."""
    return queryset.annotate(
        joined=Coalesce(F(f"{prefix}joined_on"), TruncDate(f"{prefix}created_at")),
        archived_day=TruncDate(f"{prefix}archived_at"),
    )


def _organisation_present_on(day: datetime.date) -> Q:
    return Q(joined__lte=day) & (Q(archived_day__isnull=True) | Q(archived_day__gt=day))


def _agency_cooperating_on(day: datetime.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}cooperation_agreed_on__lte": day}) & (
        Q(**{f"{prefix}archived_at__isnull": True}) | Q(**{f"{prefix}archived_at__date__gt": day})
    )


def _sum(field_name: str, condition: Q):
    return Coalesce(Sum(field_name, filter=condition), Value(0))


# --- Regions --------------------------------------------------------------------------------


@dataclass
class RegionCounts:
    at_end: dict[str, int]
    at_previous_end: dict[str, int]
    reached: dict[str, int]  # status changes during the period, by the status reached
    reached_before: dict[str, int]
    timeline: list[tuple[datetime.date, dict[str, int]]]


def region_counts(period: Period) -> RegionCounts:
    """Regions by cooperation status on the period's last day, on the previous period's last
    day and on the days of the timeline; status changes during both periods. One query."""
    previous = period.previous()
    days = period.sample_days()
    by = _by_status(
        _with_validity(RegionStatusChange.objects.all(), "region"),
        CooperationStatus.values,
        at_end=_holds_on(period.end),
        at_previous_end=_holds_on(previous.end),
        reached=_in(period, "valid_from"),
        reached_before=_in(previous, "valid_from"),
        **{f"day{n}": _holds_on(day) for n, day in enumerate(days)},
    )
    return RegionCounts(
        at_end=by["at_end"],
        at_previous_end=by["at_previous_end"],
        reached=by["reached"],
        reached_before=by["reached_before"],
        timeline=[(day, by[f"day{n}"]) for n, day in enumerate(days)],
    )


def region_figures(period: Period, counts: RegionCounts) -> FigureGroup:
    end, previous_end = short_date(period.end), short_date(period.previous().end)
    figures = [
        Figure(
            _("Regions contacted"),
            sum(counts.at_end.values()),
            sum(counts.at_previous_end.values()),
            _(
                "Regions with any cooperation status on the period's last day (a region "
                "counts from the day it was first contacted, also after its cooperation ended)."
            ),
        ),
    ]
    for status in CooperationStatus:
        figures.append(
            Figure(
                _("Regions: %(status)s") % {"status": status.label},
                counts.at_end.get(status.value, 0),
                counts.at_previous_end.get(status.value, 0),
                _("Regions whose cooperation status on the period's last day was “%(status)s”.")
                % {"status": status.label},
            )
        )
    figures += [
        Figure(
            _("Status changes during the period"),
            sum(counts.reached.values()),
            sum(counts.reached_before.values()),
            _("Entries in the regions' status histories dated within the period."),
        ),
        Figure(
            _("Regions that reached binding cooperation"),
            counts.reached.get(CooperationStatus.BINDING, 0),
            counts.reached_before.get(CooperationStatus.BINDING, 0),
            _("Status changes to “binding cooperation” dated within the period."),
        ),
    ]
    by_status = Table(
        "regions-by-status",
        _("Regions by cooperation status"),
        _("Status of each region on the last day of the period and of the previous period."),
        [_("Cooperation status"), end, previous_end],
        [
            [
                str(status.label),
                counts.at_end.get(status.value, 0),
                counts.at_previous_end.get(status.value, 0),
            ]
            for status in CooperationStatus
        ],
    )
    timeline = Table(
        "regions-over-time",
        _("Regions by cooperation status over the period"),
        _("Number of regions with each status on evenly spread days of the period."),
        [_("Day"), *[str(status.label) for status in CooperationStatus]],
        [
            [short_date(day), *[counts.get(status.value, 0) for status in CooperationStatus]]
            for day, counts in counts.timeline
        ],
    )
    return FigureGroup("regions", _("Regions"), figures, [by_status, timeline])


# --- Guides and trainings -------------------------------------------------------------------


def guide_figures(period: Period) -> FigureGroup:
    """Guides by status, new and left, and their organisations; three queries."""
    previous = period.previous()
    first = Q(previous_from__isnull=True)
    by = _by_status(
        _with_validity(GuideStatusChange.objects.all(), "guide"),
        GuideStatus.values,
        at_end=_holds_on(period.end),
        at_previous_end=_holds_on(previous.end),
        new=first & _in(period, "valid_from"),
        new_before=first & _in(previous, "valid_from"),
        # Entries of one guide are on different days: leaving twice means coming back between.
        changed=_in(period, "valid_from"),
        changed_before=_in(previous, "valid_from"),
    )

    def total(name: str, statuses=GUIDES_IN_NETWORK) -> int:
        return sum(by[name].get(status, 0) for status in statuses)

    links = Guide.organisations.through.objects.annotate(
        status_at_end=_status_on(GuideStatusChange, "guide", period.end, "guide_id"),
        status_at_previous_end=_status_on(GuideStatusChange, "guide", previous.end, "guide_id"),
    ).aggregate(
        at_end=Count(
            "migrantorganisation",
            distinct=True,
            filter=Q(status_at_end__in=GUIDES_IN_NETWORK),
        ),
        at_previous_end=Count(
            "migrantorganisation",
            distinct=True,
            filter=Q(status_at_previous_end__in=GUIDES_IN_NETWORK),
        ),
    )
    trainings = CompletedTraining.objects.aggregate(
        completed=Count("pk", filter=_in(period, "completed_on")),
        completed_before=Count("pk", filter=_in(previous, "completed_on")),
        guides=Count("guide", distinct=True, filter=_in(period, "completed_on")),
        guides_before=Count("guide", distinct=True, filter=_in(previous, "completed_on")),
    )
    all_statuses = list(GuideStatus.values)
    figures = [
        Figure(
            _("Guides in the network"),
            total("at_end"),
            total("at_previous_end"),
            _("Guides whose status on the period's last day was anything but “left”."),
        ),
        Figure(
            _("Organisations the guides come from"),
            links["at_end"],
            links["at_previous_end"],
            _("Migrant organisations with at least one guide in the network on the last day."),
        ),
        Figure(
            _("Active guides"),
            by["at_end"].get(GuideStatus.ACTIVE, 0),
            by["at_previous_end"].get(GuideStatus.ACTIVE, 0),
            _("Guides whose status on the period's last day was “active”."),
        ),
        Figure(
            _("New guides"),
            total("new", all_statuses),
            total("new_before", all_statuses),
            _("Guides whose first status entry is dated within the period."),
        ),
        Figure(
            _("Guides who left"),
            by["changed"].get(GuideStatus.LEFT, 0),
            by["changed_before"].get(GuideStatus.LEFT, 0),
            _("Guides with a change to “left” dated within the period."),
        ),
        Figure(
            _("Trainings completed"),
            trainings["completed"],
            trainings["completed_before"],
            _("Completed trainings of guides dated within the period (at events or elsewhere)."),
        ),
        Figure(
            _("Guides qualified"),
            trainings["guides"],
            trainings["guides_before"],
            _("Guides with at least one training completed within the period."),
        ),
    ]
    by_status = Table(
        "guides-by-status",
        _("Guides by status"),
        _("Status of each guide on the last day of the period and of the previous period."),
        [_("Status"), short_date(period.end), short_date(previous.end)],
        [
            [str(status.label), by["at_end"].get(status, 0), by["at_previous_end"].get(status, 0)]
            for status in GuideStatus
        ],
    )
    return FigureGroup("guides", _("Guides and trainings"), figures, [by_status])


# --- Migrant organisations ------------------------------------------------------------------


def _vocabulary_table(
    period: Period, relation: str, term: str, key: str, title: str, heading: str
) -> Table:
    """Organisations present on the last days and new ones, per term of a vocabulary."""
    previous = period.previous()
    through = getattr(MigrantOrganisation, relation).through
    rows = (
        _organisations_with_dates(through.objects.all(), "migrantorganisation__")
        .order_by()
        .values(f"{term}__name", f"{term}__name_en")
        .annotate(
            at_end=Count("migrantorganisation", filter=_organisation_present_on(period.end)),
            at_previous_end=Count(
                "migrantorganisation", filter=_organisation_present_on(previous.end)
            ),
            new=Count("migrantorganisation", filter=_in(period, "joined")),
        )
        .order_by(german(f"{term}__name"))
    )
    english = (get_language() or "de").startswith("en")
    table_rows = [
        [
            (row[f"{term}__name_en"] if english and row[f"{term}__name_en"] else "")
            or row[f"{term}__name"],
            row["at_end"],
            row["at_previous_end"],
            row["new"],
        ]
        for row in rows
        if row["at_end"] or row["at_previous_end"] or row["new"]
    ]
    return Table(
        key,
        title,
        _(
            "Organisations in the network on the last day of each period, and those that "
            "joined during the period; an organisation with several entries counts under each."
        ),
        [heading, short_date(period.end), short_date(previous.end), _("new in the period")],
        table_rows,
    )


def organisation_figures(period: Period) -> FigureGroup:
    """Organisations in the network and new ones, by community and thematic field."""
    previous = period.previous()
    counts = _organisations_with_dates(MigrantOrganisation.objects.all()).aggregate(
        at_end=Count("pk", filter=_organisation_present_on(period.end)),
        at_previous_end=Count("pk", filter=_organisation_present_on(previous.end)),
        new=Count("pk", filter=_in(period, "joined")),
        new_before=Count("pk", filter=_in(previous, "joined")),
    )
    figures = [
        Figure(
            _("Migrant organisations involved"),
            counts["at_end"],
            counts["at_previous_end"],
            _(
                "Organisations that had joined the network by the period's last day and were "
                "not archived by then (without a joining date: the day they were recorded)."
            ),
        ),
        Figure(
            _("New migrant organisations"),
            counts["new"],
            counts["new_before"],
            _("Organisations whose joining date lies within the period."),
        ),
    ]
    tables = [
        _vocabulary_table(
            period,
            "communities",
            "community",
            "organisations-by-community",
            _("Migrant organisations by community"),
            _("Community"),
        ),
        _vocabulary_table(
            period,
            "thematic_fields",
            "thematicfield",
            "organisations-by-field",
            _("Migrant organisations by thematic field"),
            _("Thematic field"),
        ),
    ]
    return FigureGroup("organisations", _("Migrant organisations"), figures, tables)


# --- Cooperating agencies -------------------------------------------------------------------


def agency_figures(period: Period) -> FigureGroup:
    previous = period.previous()
    rows = {
        row["kind"]: row
        for row in Agency.objects.order_by()
        .values("kind")
        .annotate(
            at_end=Count("pk", filter=_agency_cooperating_on(period.end)),
            at_previous_end=Count("pk", filter=_agency_cooperating_on(previous.end)),
            new=Count("pk", filter=_in(period, "cooperation_agreed_on")),
            new_before=Count("pk", filter=_in(previous, "cooperation_agreed_on")),
        )
    }

    def total(name: str) -> int:
        return sum(row[name] for row in rows.values())

    figures = [
        Figure(
            _("Cooperating agencies"),
            total("at_end"),
            total("at_previous_end"),
            _(
                "Agencies with a cooperation agreement signed by the period's last day and not "
                "archived by then."
            ),
        ),
        Figure(
            _("New cooperation agreements"),
            total("new"),
            total("new_before"),
            _("Agencies whose cooperation agreement was signed within the period."),
        ),
    ]
    table = Table(
        "agencies-by-kind",
        _("Cooperating agencies by kind"),
        _("Agencies with a cooperation agreement on the last day of each period."),
        [_("Kind"), short_date(period.end), short_date(previous.end), _("new in the period")],
        [
            [
                str(kind.label),
                rows.get(kind.value, {}).get("at_end", 0),
                rows.get(kind.value, {}).get("at_previous_end", 0),
                rows.get(kind.value, {}).get("new", 0),
            ]
            for kind in AgencyKind
        ],
    )
    return FigureGroup("agencies", _("Cooperating agencies"), figures, [table])


# --- Events ---------------------------------------------------------------------------------


def _event_aggregates(period: Period) -> dict:
    previous = period.previous()
    current, before = _in(period, "starts_at__date"), _in(previous, "starts_at__date")
    return {
        "events": Count("pk", filter=current),
        "participants": _sum("headcount", current),
        "without_figure": Count("pk", filter=current & Q(headcount__isnull=True)),
        "events_before": Count("pk", filter=before),
        "participants_before": _sum("headcount", before),
    }


def _events_between(period: Period) -> QuerySet[Event]:
    previous = period.previous()
    return Event.objects.filter(
        starts_at__date__gte=previous.start, starts_at__date__lte=period.end
    ).order_by()


def event_figures(period: Period) -> FigureGroup:
    """Events by kind and by region with their participants; two queries."""
    by_kind = {
        row["kind"]: row
        for row in _events_between(period).values("kind").annotate(**_event_aggregates(period))
    }
    by_region = list(
        _events_between(period)
        .values("region_id", "region__name")
        .annotate(**_event_aggregates(period))
        .order_by(german("region__name"))
    )

    def total(name: str) -> int:
        return sum(row[name] for row in by_kind.values())

    trainings = by_kind.get(EventKind.TRAINING, {})
    participants_definition = _(
        "Sum of the recorded numbers of participants of the events; events without a "
        "recorded number add nothing."
    )
    figures = [
        Figure(
            _("Events"),
            total("events"),
            total("events_before"),
            _("Events that started within the period, regional and statewide."),
        ),
        Figure(
            _("Participants"),
            total("participants"),
            total("participants_before"),
            participants_definition,
        ),
        Figure(
            _("Events without a number of participants"),
            total("without_figure"),
            None,
            _("Events of the period for which nobody recorded how many people came."),
        ),
        Figure(
            _("Trainings held"),
            trainings.get("events", 0),
            trainings.get("events_before", 0),
            _("Events of the kind “training (Qualifizierung)” that started within the period."),
        ),
    ]
    columns = [
        _("events"),
        _("participants"),
        _("events, previous period"),
        _("participants, previous period"),
    ]
    kind_table = Table(
        "events-by-kind",
        _("Events and participants by kind"),
        participants_definition,
        [_("Kind"), *columns],
        [
            [
                str(kind.label),
                *(
                    by_kind.get(kind.value, {}).get(name, 0)
                    for name in ("events", "participants", "events_before", "participants_before")
                ),
            ]
            for kind in EventKind
        ],
    )
    region_table = Table(
        "events-by-region",
        _("Events and participants by region"),
        _("Regions with events in the period or the previous one; statewide events last."),
        [_("Region"), *columns],
        [
            [
                row["region__name"] or _("statewide"),
                row["events"],
                row["participants"],
                row["events_before"],
                row["participants_before"],
            ]
            for row in sorted(by_region, key=lambda row: row["region_id"] is None)
        ],
    )
    return FigureGroup("events", _("Events"), figures, [kind_table, region_table])


# --- Newsletter -----------------------------------------------------------------------------


def newsletter_figures(period: Period) -> FigureGroup:
    previous = period.previous()
    issues = Issue.objects.filter(state=IssueState.SENT).aggregate(
        sent=Count("pk", filter=_in(period, "sent_at__date")),
        sent_before=Count("pk", filter=_in(previous, "sent_at__date")),
    )

    def confirmed_on(day: datetime.date) -> Q:
        return Q(confirmed_at__date__lte=day) & (
            Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__date__gt=day)
        )

    subscribers = Subscriber.objects.aggregate(
        at_end=Count("pk", filter=confirmed_on(period.end)),
        at_previous_end=Count("pk", filter=confirmed_on(previous.end)),
        new=Count("pk", filter=_in(period, "confirmed_at__date")),
        new_before=Count("pk", filter=_in(previous, "confirmed_at__date")),
    )
    figures = [
        Figure(
            _("Newsletter issues sent"),
            issues["sent"],
            issues["sent_before"],
            _("Issues of the newsletter sent within the period."),
        ),
        Figure(
            _("Confirmed subscribers"),
            subscribers["at_end"],
            subscribers["at_previous_end"],
            _(
                "Subscribers who had confirmed their address by the period's last day and had "
                "not unsubscribed by then."
            ),
        ),
        Figure(
            _("New confirmed subscribers"),
            subscribers["new"],
            subscribers["new_before"],
            _("Subscribers who confirmed their address within the period."),
        ),
    ]
    return FigureGroup("newsletter", _("Newsletter"), figures)


# --- One section per region -----------------------------------------------------------------


@dataclass
class EventLine:
    starts_at: datetime.datetime
    title: str
    kind: str
    city: str
    headcount: int | None
    headline: str = ""
    dateline: str = ""
    teaser: str = ""


@dataclass
class TimelineEntry:
    valid_from: datetime.date
    status: str
    note: str
    in_period: bool


@dataclass
class RegionSection:
    pk: int
    name: str
    slug: str
    status: str
    status_since: datetime.date
    timeline: list[TimelineEntry] = field(default_factory=list)
    agencies: list[tuple[str, datetime.date | None]] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    guides: int = 0
    active_guides: int = 0
    events: list[EventLine] = field(default_factory=list)

    @property
    def earlier_history(self) -> list[TimelineEntry]:
        return [entry for entry in self.timeline if not entry.in_period]

    @property
    def period_history(self) -> list[TimelineEntry]:
        return [entry for entry in self.timeline if entry.in_period]

    @property
    def has_news(self) -> bool:
        """Did anything happen in the region during the period: a status change or an event?"""
        return bool(self.events) or any(entry.in_period for entry in self.timeline)

    @property
    def cooperating_agencies(self) -> int:
        return sum(1 for _name, agreed in self.agencies if agreed)

    @property
    def participants(self) -> int:
        return sum(event.headcount or 0 for event in self.events)


def region_sections(period: Period) -> tuple[list[RegionSection], list[EventLine]]:
    """One section per region that had a status on the period's last day, and the statewide
    events of the period; six queries, whatever the number of regions or events."""
    end = period.end
    regions = (
        Region.objects.with_status(end)
        .filter(status__isnull=False)
        .order_by(german("name"), "pk")
        .values("pk", "name", "slug", "status", "status_since")
    )
    sections = {
        row["pk"]: RegionSection(
            row["pk"],
            row["name"],
            row["slug"],
            str(CooperationStatus(row["status"]).label),
            row["status_since"],
        )
        for row in regions
    }
    labels = dict(CooperationStatus.choices)
    for change in (
        RegionStatusChange.objects.filter(valid_from__lte=end)
        .order_by("region", "valid_from")
        .values("region_id", "valid_from", "status", "note")
    ):
        if change["region_id"] in sections:
            sections[change["region_id"]].timeline.append(
                TimelineEntry(
                    change["valid_from"],
                    str(labels[change["status"]]),
                    change["note"],
                    period.start <= change["valid_from"],
                )
            )
    agencies = (
        Agency.regions.through.objects.filter(
            Q(agency__archived_at__isnull=True) | Q(agency__archived_at__date__gt=end)
        )
        .order_by(german("agency__name"))
        .values("region_id", "agency__name", "agency__cooperation_agreed_on")
    )
    for link in agencies:
        if link["region_id"] in sections:
            agreed = link["agency__cooperation_agreed_on"]
            sections[link["region_id"]].agencies.append(
                (link["agency__name"], agreed if agreed and agreed <= end else None)
            )
    organisations = (
        _organisations_with_dates(MigrantOrganisation.objects.all())
        .filter(_organisation_present_on(end))
        .order_by(german("name"))
        .values("region_id", "name")
    )
    for organisation in organisations:
        if organisation["region_id"] in sections:
            sections[organisation["region_id"]].organisations.append(organisation["name"])
    for row in (
        Guide.objects.with_status(end)
        .filter(status__in=GUIDES_IN_NETWORK)
        .order_by()
        .values("region_id", "status")
        .annotate(n=Count("pk"))
    ):
        if row["region_id"] in sections:
            sections[row["region_id"]].guides += row["n"]
            if row["status"] == GuideStatus.ACTIVE:
                sections[row["region_id"]].active_guides += row["n"]
    statewide: list[EventLine] = []
    kinds = dict(EventKind.choices)
    for event in (
        Event.objects.filter(_in(period, "starts_at__date"))
        .select_related("report")
        .order_by("starts_at", "pk")
        .only(
            "region_id",
            "starts_at",
            "title",
            "kind",
            "city",
            "headcount",
            "report__headline",
            "report__dateline",
            "report__teaser",
        )
    ):
        report = getattr(event, "report", None)
        line = EventLine(
            timezone.localtime(event.starts_at),
            event.title,
            str(kinds.get(event.kind, event.kind)),
            event.city,
            event.headcount,
            report.headline if report else "",
            report.dateline if report else "",
            report.teaser if report else "",
        )
        if event.region_id is None:
            statewide.append(line)
        elif event.region_id in sections:
            sections[event.region_id].events.append(line)
    return list(sections.values()), statewide


def region_table(period: Period, sections: list[RegionSection]) -> Table:
    return Table(
        "regions",
        _("Regions at the end of the period"),
        _(
            "Each region with a cooperation status on the period's last day: its status, "
            "partners and guides on that day, and its events during the period."
        ),
        [
            _("Region"),
            _("Cooperation status"),
            _("since"),
            _("migrant organisations"),
            _("cooperating agencies"),
            _("guides in the network"),
            _("active guides"),
            _("events"),
            _("participants"),
        ],
        [
            [
                section.name,
                section.status,
                short_date(section.status_since),
                len(section.organisations),
                section.cooperating_agencies,
                section.guides,
                section.active_guides,
                len(section.events),
                section.participants,
            ]
            for section in sections
        ],
    )


def event_table(sections: list[RegionSection], statewide: list[EventLine]) -> Table:
    rows = [(section.name, event) for section in sections for event in section.events] + [
        (_("statewide"), event) for event in statewide
    ]
    rows.sort(key=lambda pair: pair[1].starts_at)
    return Table(
        "events",
        _("Events of the period"),
        _("Every event that started within the period, with its report's teaser."),
        [
            _("Date"),
            _("Title"),
            _("Kind"),
            _("Region"),
            _("City"),
            _("participants"),
            _("Report"),
            _("Teaser"),
        ],
        [
            [
                short_date(event.starts_at.date()),
                event.title,
                event.kind,
                region,
                event.city,
                event.headcount if event.headcount is not None else "",
                event.headline,
                event.teaser,
            ]
            for region, event in rows
        ],
    )


# --- The whole report -----------------------------------------------------------------------


@dataclass
class ReportData:
    period: Period
    previous: Period
    data_as_of: datetime.datetime
    summary: dict[str, int]
    groups: list[FigureGroup]
    timeline: list[tuple[datetime.date, dict[str, int]]]
    regions: list[RegionSection]
    statewide_events: list[EventLine]
    region_table: Table
    event_table: Table

    @property
    def key_figures(self) -> Table:
        return Table(
            "key-figures",
            _("Key figures"),
            _("Each figure of the period beside the previous period's, with its definition."),
            [_("Topic"), _("Figure"), str(self.period), str(self.previous), _("Definition")],
            [
                [
                    group.title,
                    figure.label,
                    figure.value,
                    "" if figure.previous is None else figure.previous,
                    figure.definition,
                ]
                for group in self.groups
                for figure in group.figures
            ],
        )

    @property
    def tables(self) -> list[Table]:
        """Every table of the report, in the order of the document."""
        return [
            self.key_figures,
            *(table for group in self.groups for table in group.tables),
            self.region_table,
            self.event_table,
        ]

    def group(self, key: str) -> FigureGroup:
        return next(group for group in self.groups if group.key == key)


def collect(period: Period, *, progress: Callable[[int], None] | None = None) -> ReportData:
    """Every figure and section of the report for ``period``, in a fixed number of queries.

    Call it in the language of the report: labels and definitions are translated here.
    ``progress`` is told how far the work got, in per cent of this step.
    """
    data_as_of = timezone.now()
    report_progress = progress or (lambda percent: None)
    counts = region_counts(period)
    groups = [region_figures(period, counts)]
    steps: list[Callable[[Period], FigureGroup]] = [
        guide_figures,
        organisation_figures,
        agency_figures,
        event_figures,
        newsletter_figures,
    ]
    for number, step in enumerate(steps, start=1):
        groups.append(step(period))
        report_progress(number * 100 // (len(steps) + 1))
    sections, statewide = region_sections(period)
    report_progress(100)
    regions = groups[0].figures
    guides = groups[1].figures
    summary = {
        "regions": regions[0].value,
        **{status.value: counts.at_end.get(status.value, 0) for status in CooperationStatus},
        "guides": guides[0].value,
        "guide_organisations": guides[1].value,
    }
    return ReportData(
        period=period,
        previous=period.previous(),
        data_as_of=data_as_of,
        summary=summary,
        groups=groups,
        timeline=counts.timeline,
        regions=sections,
        statewide_events=statewide,
        region_table=region_table(period, sections),
        event_table=event_table(sections, statewide),
    )


def has_data(period: Period) -> bool:
    """Is there anything to report for ``period``: a region in the network by its end, or an
    event within it?"""
    return (
        RegionStatusChange.objects.filter(valid_from__lte=period.end).exists()
        or Event.objects.filter(_in(period, "starts_at__date")).exists()
    )


def first_year() -> int | None:
    """The year of the earliest status entry of a region: where a report can start."""
    first = RegionStatusChange.objects.order_by("valid_from").values_list("valid_from", flat=True)
    day = first.first()
    return day.year if day else None
