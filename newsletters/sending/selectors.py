"""Reads of an issue's deliveries: the counts by state and the ones that need a person."""

from django.db.models import Count, Q, QuerySet

from newsletters.models import BounceKind, Delivery, DeliveryState, Issue

# The progress page lists at most this many failed and unclear deliveries; the counts above
# the list say how many there are in all.
PROBLEMS_SHOWN = 200


def delivery_counts(issue: Issue | int) -> dict[str, int]:
    """Deliveries of ``issue`` per state (every state, zeros included) and ``total``; one query."""
    rows = dict(
        Delivery.objects.filter(issue=issue)
        .order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    counts = {state: rows.get(state, 0) for state in DeliveryState.values}
    counts["total"] = sum(counts.values())
    return counts


def problem_deliveries(issue: Issue, limit: int = PROBLEMS_SHOWN) -> QuerySet[Delivery]:
    """Failed and unclear deliveries of ``issue``, unclear first, with their subscribers."""
    return (
        Delivery.objects.filter(
            issue=issue, state__in=[DeliveryState.UNCLEAR, DeliveryState.FAILED]
        )
        .select_related("subscriber")
        .only("pk", "state", "attempts", "claimed_at", "error", "subscriber__email")
        .order_by("-state", "pk")[:limit]
    )


def bounce_counts(issue: Issue) -> dict[str, int]:
    """Hard and soft bounces among the deliveries of ``issue``, and ``total``; one query."""
    counts = Delivery.objects.filter(issue=issue).aggregate(
        **{kind: Count("pk", filter=Q(bounce=kind)) for kind in BounceKind.values}
    )
    counts["total"] = sum(counts.values())
    return counts


def bounced_deliveries(issue: Issue, limit: int = PROBLEMS_SHOWN) -> QuerySet[Delivery]:
    """The deliveries of ``issue`` that bounced, at sending or by a later report, newest first."""
    return (
        Delivery.objects.filter(issue=issue)
        .exclude(bounce="")
        .select_related("subscriber")
        .only("pk", "bounce", "bounced_at", "bounce_reason", "subscriber__email")
        .order_by("-bounced_at", "-pk")[:limit]
    )
