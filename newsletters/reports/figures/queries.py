"""Conditions and annotations the topics share, each used inside one aggregate query: days
within a period, the status a dated history (``lotsen.core.status_history``) held on a day,
so that a change recorded after the period leaves the report for the period as it was,
counts per status for several days in one query, and the days a migrant organisation was in
the network; with ``GUIDES_IN_NETWORK``, the statuses that count a guide as in the network.
"""

import datetime

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import Coalesce, Lag, Lead, TruncDate

from lotsen.models.guides import GuideStatus
from newsletters.reports.figures.base import Period

# Guides who have a status and have not left: the newsletter's "43 guides".
GUIDES_IN_NETWORK = [s for s in GuideStatus.values if s != GuideStatus.LEFT]


def in_period(period: Period, lookup: str) -> Q:
    return Q(**{f"{lookup}__gte": period.start, f"{lookup}__lte": period.end})


def holds_on(day: datetime.date) -> Q:
    """A history entry annotated with ``next_from`` that is the status on ``day``."""
    return Q(valid_from__lte=day) & (Q(next_from__isnull=True) | Q(next_from__gt=day))


def with_validity(history: QuerySet, owner: str) -> QuerySet:
    """Annotate each history entry with the day its owner's next entry starts (``next_from``)
    and the day of the owner's entry before it (``previous_from``; none for the first).

    Window functions: each entry is read once, however many days the report asks about.
    """
    window = {"partition_by": [F(f"{owner}_id")], "order_by": F("valid_from").asc()}
    return history.annotate(
        next_from=Window(Lead("valid_from"), **window),
        previous_from=Window(Lag("valid_from"), **window),
    )


def count_by_status(history: QuerySet, statuses, **conditions: Q) -> dict[str, dict[str, int]]:
    """For each named condition, the number of history entries meeting it, per status.

    One query: ``aggregate()`` over the window annotations of ``with_validity``, with one
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


def organisations_with_dates(queryset: QuerySet, prefix: str = "") -> QuerySet:
    """Annotate ``joined`` (the day an organisation joined; the day it was recorded if nobody
    entered one) and ``archived_day``."""
    return queryset.annotate(
        joined=Coalesce(F(f"{prefix}joined_on"), TruncDate(f"{prefix}created_at")),
        archived_day=TruncDate(f"{prefix}archived_at"),
    )


def organisation_present_on(day: datetime.date) -> Q:
    return Q(joined__lte=day) & (Q(archived_day__isnull=True) | Q(archived_day__gt=day))
