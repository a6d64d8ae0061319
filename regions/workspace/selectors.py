"""Reads of regions for the workspace: status, figures and timeline, in bounded queries."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, Count, Q, QuerySet, Sum, Value, When, Window
from django.utils import timezone

from lotsen.models.guides import CompletedTraining, Guide, GuideStatus
from organisations.models import Agency, ContactPerson, MigrantOrganisation
from regions.models import CooperationStatus, Region, RegionStatusChange


@dataclass
class RegionFigures:
    """What a region holds today; guides who left are counted by status but need no attention."""

    organisations: int = 0
    organisations_without_contact: int = 0
    agencies: int = 0
    guides_by_status: dict[str | None, int] = field(default_factory=dict)
    guides_untrained: int = 0
    guides_unconfirmed: int = 0

    @property
    def guides(self) -> int:
        return sum(self.guides_by_status.values())

    @property
    def guide_counts(self) -> list[int]:
        """Guides per status, in the order of ``GuideStatus``, for table columns."""
        return [self.guides_by_status.get(status, 0) for status in GuideStatus.values]


def _grouped(queryset: QuerySet, group: list[str], **aggregates) -> list[dict]:
    """One row of ``aggregates`` per value of the ``group`` fields, or one row for all."""
    queryset = queryset.order_by()
    if group:
        return list(queryset.values(*group).annotate(**aggregates))
    return [queryset.aggregate(**aggregates)]


def figures_by_region(
    regions: QuerySet[Region], *, on: datetime.date | None = None, per_region: bool = True
) -> dict[int | None, RegionFigures]:
    """Figures of every region in ``regions``, in three queries whatever their number.

    Without ``per_region``, the figures of all of them together, under the key ``None``; an
    agency of several of these regions is counted once there. Archived organisations and
    agencies are not counted. Guides count by their status on day ``on``; those without
    training or with a stale profile (not confirmed for six months) count as needing
    attention unless they left.
    """
    on = on or timezone.localdate()
    region_ids = regions.order_by().values("pk")
    # All regions (the Landeskoordination's view): no need to join every row to the region list.
    scope = {} if not regions.query.where else {"region__in": region_ids}
    by_region = ["region"] if per_region else []
    figures: dict[int | None, RegionFigures] = {}

    def of(row: dict) -> RegionFigures:
        return figures.setdefault(row.get("region"), RegionFigures())

    # "Without a contact person" and "untrained" as NOT IN a list of ids, which PostgreSQL
    # reads once into a hash; NOT EXISTS ran a subquery for each of thousands of rows.
    with_contact = ContactPerson.objects.filter(organisation__isnull=False)
    organisations = MigrantOrganisation.objects.active().filter(**scope)
    for row in _grouped(
        organisations,
        by_region,
        n=Count("pk"),
        without_contact=Count("pk", filter=~Q(pk__in=with_contact.values("organisation"))),
    ):
        of(row).organisations = row["n"]
        of(row).organisations_without_contact = row["without_contact"]

    links = Agency.regions.through.objects.filter(
        region__in=region_ids, agency__archived_at__isnull=True
    )
    for row in _grouped(links, by_region, n=Count("agency", distinct=True)):
        of(row).agencies = row["n"]

    # The same "stale" as the guide list's filter and the reminder mails use.
    unconfirmed = Q(pk__in=Guide.objects.stale().values("pk"))
    guides = Guide.objects.filter(**scope).with_status(on)
    for row in _grouped(
        guides,
        [*by_region, "status"],
        n=Count("pk"),
        untrained=Count("pk", filter=~Q(pk__in=CompletedTraining.objects.values("guide"))),
        unconfirmed=Count("pk", filter=unconfirmed),
    ):
        entry = of(row)
        entry.guides_by_status[row["status"]] = row["n"]
        if row["status"] != GuideStatus.LEFT:
            entry.guides_untrained += row["untrained"]
            entry.guides_unconfirmed += row["unconfirmed"]
    return figures


def status_timeline(region: Region) -> QuerySet[RegionStatusChange]:
    """The region's cooperation status history, newest first, with who recorded each entry."""
    return region.status_changes.select_related("recorded_by").order_by("-valid_from", "-pk")


def first_with_status_counts(
    regions: QuerySet[Region], limit: int
) -> tuple[list[Region], Counter[str | None]]:
    """The first ``limit`` of ``regions`` (annotated with ``status``) and the number of all of
    them per status, in one query; regions without a status count under ``None``.

    The numbers are window sums, taken over every region of the queryset before LIMIT cuts
    the rows: a dashboard makes as many queries for 16 regions as for 16,000.
    """
    totals = {
        f"total_{value}": Window(Sum(Case(When(status=value, then=Value(1)), default=Value(0))))
        for value in CooperationStatus.values
    }
    rows = list(regions.annotate(**totals, total=Window(Count("pk")))[:limit])
    counts: Counter[str | None] = Counter()
    if rows:
        for value in CooperationStatus.values:
            counts[value] = getattr(rows[0], f"total_{value}")
        counts[None] = rows[0].total - counts.total()  # type: ignore[attr-defined]
    return rows, counts
