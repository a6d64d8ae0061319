"""Guides and trainings: guides in the network and active guides on the last day of the
period and of the previous period, new guides and those who left, the migrant
organisations the guides come from, and the trainings completed; three queries.
"""

import datetime

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from lotsen.models.guides import CompletedTraining, Guide, GuideStatus, GuideStatusChange
from newsletters.reports.figures.base import Figure, FigureGroup, Period, Table, short_date
from newsletters.reports.figures.queries import (
    GUIDES_IN_NETWORK,
    count_by_status,
    holds_on,
    in_period,
    with_validity,
)


def _status_on(history, owner: str, day: datetime.date, outer: str = "pk") -> Subquery:
    latest = (
        history.objects.filter(**{owner: OuterRef(outer)}, valid_from__lte=day)
        .order_by("-valid_from")
        .values("status")[:1]
    )
    return Subquery(latest)


def guide_figures(period: Period) -> FigureGroup:
    """Guides by status, new and left, and their organisations; three queries."""
    previous = period.previous()
    first = Q(previous_from__isnull=True)
    by = count_by_status(
        with_validity(GuideStatusChange.objects.all(), "guide"),
        GuideStatus.values,
        at_end=holds_on(period.end),
        at_previous_end=holds_on(previous.end),
        new=first & in_period(period, "valid_from"),
        new_before=first & in_period(previous, "valid_from"),
        # Entries of one guide are on different days: leaving twice means coming back between.
        changed=in_period(period, "valid_from"),
        changed_before=in_period(previous, "valid_from"),
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
        completed=Count("pk", filter=in_period(period, "completed_on")),
        completed_before=Count("pk", filter=in_period(previous, "completed_on")),
        guides=Count("guide", distinct=True, filter=in_period(period, "completed_on")),
        guides_before=Count("guide", distinct=True, filter=in_period(previous, "completed_on")),
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
