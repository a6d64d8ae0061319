"""Events and their participants: events that started within the period and the previous
one, by kind and by region, the participants recorded for them, the events nobody recorded
a number for, and the trainings held; two queries.
"""

from django.db.models import Count, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from events.models import Event, EventKind
from lotsen.core.search import german
from newsletters.reports.figures.base import Figure, FigureGroup, Period, Table
from newsletters.reports.figures.queries import in_period


def _sum(field_name: str, condition: Q):
    return Coalesce(Sum(field_name, filter=condition), Value(0))


def _event_aggregates(period: Period) -> dict:
    previous = period.previous()
    current, before = in_period(period, "starts_at__date"), in_period(previous, "starts_at__date")
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
