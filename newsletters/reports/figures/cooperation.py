"""Regions by cooperation status: how many regions held each status on the last day of the
period and of the previous period and on evenly spread days of the period (the timeline),
and the status changes dated within both periods; one query, however many regions.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from newsletters.reports.figures.base import Figure, FigureGroup, Period, Table, short_date
from newsletters.reports.figures.queries import count_by_status, holds_on, in_period, with_validity
from regions.models import CooperationStatus, RegionStatusChange


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
    by = count_by_status(
        with_validity(RegionStatusChange.objects.all(), "region"),
        CooperationStatus.values,
        at_end=holds_on(period.end),
        at_previous_end=holds_on(previous.end),
        reached=in_period(period, "valid_from"),
        reached_before=in_period(previous, "valid_from"),
        **{f"day{n}": holds_on(day) for n, day in enumerate(days)},
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
