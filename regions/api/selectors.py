"""Reads of the public regions endpoint: every region (institutions are public) with its
status today and its whole status history, in two queries however many regions."""

import datetime

from django.db.models import Max, Prefetch, QuerySet

from regions.models import Region, RegionStatusChange


def regions_with_history() -> QuerySet[Region]:
    history = RegionStatusChange.objects.only("region_id", "status", "valid_from").order_by(
        "-valid_from", "pk"
    )
    return Region.objects.with_status().prefetch_related(
        Prefetch("status_changes", queryset=history)
    )


def regions_changed_at() -> datetime.datetime | None:
    """The newest change to any region or to a status history."""
    region = Region.objects.aggregate(newest=Max("updated_at"))["newest"]
    status = RegionStatusChange.objects.aggregate(newest=Max("recorded_at"))["newest"]
    return max((value for value in (region, status) if value), default=None)
