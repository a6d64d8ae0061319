"""Impact figures of the accompaniments: per region and period, counts by kind, sector,
language level, usability and outcome, and the volunteer hours, beside the previous period.

Small-cell suppression: a count below ``SMALL_CELL`` is never shown, only ``SUPPRESSED``
("< 5"), so that nobody can be recognised from a figure. Where a table shows a total, a
single hidden cell could be recomputed as the total minus the cells shown; such a table hides
further cells (secondary suppression) until no hidden cell can be worked out. Every page,
export and report takes its figures from here, already suppressed: raw counts never leave
this module.

A fixed number of queries whatever the number of records or regions: one grouped query per
breakdown, with the period and the previous period as conditional counts.
"""

import datetime
import decimal
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from lotsen.models.accompaniments import (
    Accompaniment,
    AccompanimentKind,
    CaseLanguageLevel,
    Outcome,
    Sector,
    Usability,
)

SMALL_CELL = 5
SUPPRESSED = "< 5"

Cell = int | str


def suppress(values: list[int], *, total_shown: bool = True) -> list[Cell]:
    """``values`` with every count below ``SMALL_CELL`` replaced by ``SUPPRESSED``.

    With a total shown beside them, more cells are hidden (the smallest first) while a hidden
    cell could still be worked out from the total and the cells shown: one hidden cell alone,
    or hidden cells that are all at the largest value they could have.
    """
    hidden = {index for index, value in enumerate(values) if value < SMALL_CELL}
    if total_shown:
        while _derivable(values, hidden) and len(hidden) < len(values):
            shown = sorted(
                (value, index) for index, value in enumerate(values) if index not in hidden
            )
            hidden.add(shown[0][1])
    return [SUPPRESSED if index in hidden else value for index, value in enumerate(values)]


def _derivable(values: list[int], hidden: set[int]) -> bool:
    if not hidden:
        return False
    if len(hidden) == 1:
        return True
    if any(values[index] >= SMALL_CELL for index in hidden):
        return False
    # Hidden cells summing to the most they could hold (4 + 4 + ...) are each known.
    return sum(values[index] for index in hidden) >= (SMALL_CELL - 1) * len(hidden)


def suppressed_total(value: int) -> Cell:
    return SUPPRESSED if value < SMALL_CELL else value


@dataclass(frozen=True)
class Span:
    """Whole days from ``start`` to ``end``, both included."""

    start: datetime.date
    end: datetime.date

    def q(self, prefix: str = "") -> Q:
        return Q(**{f"{prefix}date__gte": self.start, f"{prefix}date__lte": self.end})


@dataclass
class Breakdown:
    """One table: a row per category with the (suppressed) count of the period and of the
    previous period, and the total."""

    key: str
    title: str
    definition: str
    heading: str
    rows: list[tuple[str, Cell, Cell]]
    total: tuple[Cell, Cell]


@dataclass
class RegionRow:
    name: str
    count: Cell
    count_before: Cell
    hours: Cell
    hours_before: Cell


@dataclass
class Impact:
    period: Span
    previous: Span
    count: Cell
    count_before: Cell
    hours: Cell
    hours_before: Cell
    breakdowns: list[Breakdown]
    regions: list[RegionRow]

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)


def _hours(value) -> int:
    # Hours are entered in halves; the figures count whole hours, rounded half up.
    return int((value or decimal.Decimal(0)).quantize(decimal.Decimal(1), decimal.ROUND_HALF_UP))


def _columns(labels: list[str], now: list[int], before: list[int]) -> tuple[list, tuple]:
    total_now, total_before = sum(now), sum(before)
    shown_now = suppress(now, total_shown=total_now >= SMALL_CELL)
    shown_before = suppress(before, total_shown=total_before >= SMALL_CELL)
    rows = list(zip(labels, shown_now, shown_before, strict=True))
    return rows, (suppressed_total(total_now), suppressed_total(total_before))


def _grouped(records: QuerySet, field: str, period: Span, previous: Span) -> dict:
    counts = (
        records.order_by()
        .values(field)
        .annotate(now=Count("pk", filter=period.q()), before=Count("pk", filter=previous.q()))
    )
    return {row[field]: (row["now"], row["before"]) for row in counts}


DIMENSIONS = (
    ("kind", AccompanimentKind),
    ("language_level", CaseLanguageLevel),
    ("usability", Usability),
    ("outcome", Outcome),
)


def _titles() -> dict[str, tuple[str, str, str]]:
    return {
        "kind": (
            _("Accompaniments by kind"),
            _("Kind"),
            _("Accompaniments dated within the period, by what the guide accompanied to."),
        ),
        "sector": (
            _("Accompaniments by target sector"),
            _("Target sector"),
            _("Accompaniments by the sector the person aims at; “not recorded” where none was."),
        ),
        "language_level": (
            _("Accompaniments by language level"),
            _("German language level"),
            _("The person's German as the guide assessed it (CEFR A1–C2, or none)."),
        ),
        "usability": (
            _("Accompaniments by usability of home-country skills"),
            _("Usability"),
            _("How far the skills from the home country are usable in the target sector."),
        ),
        "outcome": (
            _("Accompaniments by outcome"),
            _("Outcome"),
            _("The outcome as last recorded by the guide; “no result yet” until one is entered."),
        ),
    }


def impact(records: QuerySet[Accompaniment], period: Span, previous: Span) -> Impact:
    """The suppressed impact figures of ``records`` for ``period`` beside ``previous``.

    Seven queries, whatever the number of records, regions and sectors.
    """
    records = records.filter(period.q() | previous.q())
    titles = _titles()
    breakdowns = []
    for field, choices in DIMENSIONS:
        counts = _grouped(records, field, period, previous)
        labels = [str(label) for label in choices.labels]
        rows, total = _columns(
            labels,
            [counts.get(value, (0, 0))[0] for value in choices.values],
            [counts.get(value, (0, 0))[1] for value in choices.values],
        )
        title, heading, definition = titles[field]
        breakdowns.append(Breakdown(field, title, definition, heading, rows, total))
    sector_counts = _grouped(records, "sector", period, previous)
    sectors = list(Sector.objects.order_by("name"))
    keys = [sector.pk for sector in sectors] + [None]
    rows, total = _columns(
        [sector.label for sector in sectors] + [str(_("not recorded"))],
        [sector_counts.get(key, (0, 0))[0] for key in keys],
        [sector_counts.get(key, (0, 0))[1] for key in keys],
    )
    title, heading, definition = titles["sector"]
    breakdowns.insert(1, Breakdown("sector", title, definition, heading, rows, total))

    per_region = list(
        records.order_by()
        .values("region")
        .annotate(
            name=F("region__name"),
            now=Count("pk", filter=period.q()),
            before=Count("pk", filter=previous.q()),
            hours_now=Sum("hours", filter=period.q()),
            hours_before=Sum("hours", filter=previous.q()),
        )
        .order_by("name")
    )
    now = [row["now"] for row in per_region]
    before = [row["before"] for row in per_region]
    total_now, total_before = sum(now), sum(before)
    shown_now = suppress(now, total_shown=total_now >= SMALL_CELL)
    shown_before = suppress(before, total_shown=total_before >= SMALL_CELL)
    regions = [
        RegionRow(
            row["name"],
            shown_now[index],
            shown_before[index],
            # The hours of a region whose count is hidden are hidden with it.
            _hours(row["hours_now"]) if shown_now[index] != SUPPRESSED else SUPPRESSED,
            _hours(row["hours_before"]) if shown_before[index] != SUPPRESSED else SUPPRESSED,
        )
        for index, row in enumerate(per_region)
    ]
    hours_now = sum((row["hours_now"] or 0 for row in per_region), decimal.Decimal(0))
    hours_before = sum((row["hours_before"] or 0 for row in per_region), decimal.Decimal(0))
    return Impact(
        period=period,
        previous=previous,
        count=suppressed_total(total_now),
        count_before=suppressed_total(total_before),
        hours=_hours(hours_now) if total_now >= SMALL_CELL else SUPPRESSED,
        hours_before=_hours(hours_before) if total_before >= SMALL_CELL else SUPPRESSED,
        breakdowns=breakdowns,
        regions=regions,
    )


@dataclass
class KeyFigures:
    period: Span
    count: Cell
    count_before: Cell
    hours: Cell
    in_work: Cell


def last_twelve_months(today: datetime.date) -> tuple[Span, Span]:
    period = Span(today - datetime.timedelta(days=364), today)
    return period, Span(
        period.start - datetime.timedelta(days=365), period.start - datetime.timedelta(days=1)
    )


def key_figures(records: QuerySet[Accompaniment], today: datetime.date) -> KeyFigures:
    """The dashboard's figures of the last twelve months, suppressed; one query."""
    period, previous = last_twelve_months(today)
    totals = records.aggregate(
        now=Count("pk", filter=period.q()),
        before=Count("pk", filter=previous.q()),
        hours=Sum("hours", filter=period.q()),
        in_work=Count("pk", filter=period.q() & Q(outcome=Outcome.IN_WORK)),
    )
    count = totals["now"]
    return KeyFigures(
        period=period,
        count=suppressed_total(count),
        count_before=suppressed_total(totals["before"]),
        hours=_hours(totals["hours"]) if count >= SMALL_CELL else SUPPRESSED,
        in_work=suppressed_total(totals["in_work"]),
    )
