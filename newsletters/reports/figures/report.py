"""The whole report: ``collect`` computes every topic for a period, in a fixed order and a
fixed number of queries, and assembles ``ReportData`` (summary, figure groups, timeline,
region sections and every table, key figures first); ``has_data`` and ``first_year`` tell
which periods a report can cover.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event
from newsletters.reports.figures.activity import event_figures
from newsletters.reports.figures.base import FigureGroup, Period, Table
from newsletters.reports.figures.cooperation import region_counts, region_figures
from newsletters.reports.figures.guides import guide_figures
from newsletters.reports.figures.impact import impact_figures
from newsletters.reports.figures.needs import needs_figures
from newsletters.reports.figures.partners import agency_figures, organisation_figures
from newsletters.reports.figures.queries import in_period
from newsletters.reports.figures.reach import newsletter_figures
from newsletters.reports.figures.sections import (
    EventLine,
    RegionSection,
    event_table,
    region_sections,
    region_table,
)
from regions.models import CooperationStatus, RegionStatusChange


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
        impact_figures,
        needs_figures,
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
        or Event.objects.filter(in_period(period, "starts_at__date")).exists()
    )


def first_year() -> int | None:
    """The year of the earliest status entry of a region: where a report can start."""
    first = RegionStatusChange.objects.order_by("valid_from").values_list("valid_from", flat=True)
    day = first.first()
    return day.year if day else None
