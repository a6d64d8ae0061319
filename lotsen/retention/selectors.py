"""Reads for the retention page."""

from dataclasses import dataclass

from django.db.models import QuerySet

from lotsen.models import RetentionRun
from lotsen.retention.schedule import RULES


@dataclass
class RunCount:
    records: str
    count: int


def last_runs(limit: int = 10) -> QuerySet[RetentionRun]:
    return RetentionRun.objects.order_by("-started_at", "-pk")[:limit]


def counts_of(run: RetentionRun) -> list[RunCount]:
    """The run's counts in the order of the schedule, labelled as the schedule names them."""
    order = list(RULES)
    keys = sorted(run.counts, key=lambda key: order.index(key) if key in order else len(order))
    return [
        RunCount(str(RULES[key].records) if key in RULES else key, run.counts[key]) for key in keys
    ]
