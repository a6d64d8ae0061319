"""Charts of the interim report as SVG, drawn with pygal.

pygal writes plain SVG with real text (no raster images, no fonts to embed), which WeasyPrint
draws as vector graphics into the PDF. Every chart comes with the table it was drawn from: the
PDF prints that table beside the chart, for readers who cannot see it.

The charts are static: no scripts (``js=[]``), no tooltips, colours from the Okabe-Ito palette
that stays distinguishable with the common colour-vision deficiencies.
"""

import math
from dataclasses import dataclass

import pygal
from django.utils.translation import gettext as _

from events.models import EventKind
from lotsen.accompaniments.charts import kinds_svg
from lotsen.accompaniments.figures import Breakdown
from lotsen.core.charts import config, data_url, style
from newsletters.reports.figures.base import Table, short_date
from newsletters.reports.figures.report import ReportData
from newsletters.reports.figures.sections import RegionSection
from regions.models import CooperationStatus

STATUS_COLOURS = {
    CooperationStatus.CONTACTED: "#999999",
    CooperationStatus.IN_TALKS: "#56B4E9",
    CooperationStatus.INTERESTED: "#E69F00",
    CooperationStatus.BINDING: "#009E73",
    CooperationStatus.ENDED: "#000000",
}
# Beyond this many regions the per-region chart shows the largest ones; every region is in
# the report's regional sections and in the spreadsheet.
REGIONS_IN_CHART = 20
# A chart across the page (lotsen.core.charts.WIDTH: beside its table).
WIDE = 640


@dataclass
class Chart:
    key: str  # how the template finds it: an identifier
    title: str
    description: str  # the alternative text of the image
    svg: str
    table: Table

    @property
    def data_url(self) -> str:
        return data_url(self.svg)


def _ticks(values) -> list[int]:
    """Whole-number ticks of the value axis, at most about eight of them: charts count."""
    highest = max([0, *values])
    step = max(1, math.ceil(highest / 8))
    return list(range(0, highest + step, step))


def status_over_time(data: ReportData) -> Chart:
    """Regions by cooperation status on evenly spread days of the period, stacked."""
    statuses = list(CooperationStatus)
    chart = pygal.StackedBar(
        **config(
            420,
            [STATUS_COLOURS[status] for status in statuses],
            width=WIDE,
            # Two columns: in three, "verbindliche Kooperation" ran into "beendet".
            legend_at_bottom_columns=2,
            x_label_rotation=30 if len(data.timeline) > 6 else 0,
            y_labels=_ticks(sum(counts.values()) for _day, counts in data.timeline),
        )
    )
    chart.title = _("Regions by cooperation status over the period")
    chart.x_labels = [short_date(day) for day, _counts in data.timeline]
    for status in statuses:
        chart.add(str(status.label), [counts.get(status, 0) for _day, counts in data.timeline])
    table = data.group("regions").tables[1]
    return Chart(
        "status_over_time",
        chart.title,
        _(
            "Stacked bar chart of the number of regions with each cooperation status on %(n)s "
            "days of the period; the table beside it holds the same figures."
        )
        % {"n": len(data.timeline)},
        chart.render(is_unicode=True),
        table,
    )


def events_by_kind(data: ReportData) -> Chart:
    """Events of the period and of the previous period, by kind."""
    table = data.group("events").tables[0]
    chart = pygal.HorizontalBar(
        **config(
            120 + 40 * len(EventKind),
            y_labels=_ticks(value for row in table.rows for value in (row[1], row[3])),
            show_x_guides=False,
            show_y_guides=False,
        )
    )
    chart.title = _("Events by kind")
    chart.x_labels = [row[0] for row in table.rows]
    chart.add(str(data.period), [row[1] for row in table.rows])
    chart.add(str(data.previous), [row[3] for row in table.rows])
    return Chart(
        "events_by_kind",
        chart.title,
        _(
            "Horizontal bar chart of the number of events of each kind in the period and in "
            "the previous period; the table beside it holds the same figures."
        ),
        chart.render(is_unicode=True),
        Table(
            table.key,
            _("Events by kind in both periods"),
            _("Number of events of each kind that started within each period."),
            [table.columns[0], str(data.period), str(data.previous)],
            [[row[0], row[1], row[3]] for row in table.rows],
        ),
    )


def legend_style(size: int):
    chart_style = style()
    chart_style.legend_font_size = size
    return chart_style


def per_region(data: ReportData) -> Chart:
    """Guides and migrant organisations of each region on the period's last day."""
    sections: list[RegionSection] = data.regions
    shown = sections
    if len(sections) > REGIONS_IN_CHART:
        largest = sorted(sections, key=lambda s: (-s.guides, -len(s.organisations), s.name))
        keep = {section.pk for section in largest[:REGIONS_IN_CHART]}
        shown = [section for section in sections if section.pk in keep]
    chart = pygal.HorizontalBar(
        **config(
            130 + 30 * max(len(shown), 1),
            # Beside its table, the region names leave the legend little room: a smaller legend
            # font, or "Lotsinnen und Lotsen im Netzwerk" was cut off after "Net".
            style=legend_style(10),
            y_labels=_ticks(value for s in shown for value in (s.guides, len(s.organisations))),
            show_x_guides=False,
            show_y_guides=False,
        )
    )
    chart.title = _("Guides and migrant organisations per region")
    chart.x_labels = [section.name for section in shown]
    chart.add(_("guides in the network"), [section.guides for section in shown])
    chart.add(_("migrant organisations"), [len(section.organisations) for section in shown])
    if len(shown) < len(sections):
        title = _("The %(n)s regions with the most guides") % {"n": len(shown)}
    else:
        title = _("Guides and migrant organisations per region")
    return Chart(
        "per_region",
        chart.title,
        _(
            "Horizontal bar chart of the guides in the network and the migrant organisations "
            "of each region on %(day)s; the table beside it holds the same figures."
        )
        % {"day": short_date(data.period.end)},
        chart.render(is_unicode=True),
        Table(
            "per-region",
            title,
            _("Guides in the network and organisations involved on the period's last day."),
            [_("Region"), _("guides"), _("organisations")],
            [[section.name, section.guides, len(section.organisations)] for section in shown],
        ),
    )


def accompaniments_by_kind(data: ReportData) -> Chart:
    """Accompaniments of the period and of the previous period by kind; hidden counts ("< 5")
    are left out of the bars and stand as "< 5" in the table beside it."""
    table = data.group("impact").tables[0]
    rows = table.rows[:-1]  # without the total
    breakdown = Breakdown("kind", "", "", "", [(row[0], row[1], row[2]) for row in rows], ("", ""))
    return Chart(
        "accompaniments_by_kind",
        _("Accompaniments by kind"),
        _(
            "Horizontal bar chart of the accompaniments of each kind in the period and in the "
            "previous period; counts below 5 are left out; the table beside it holds the figures."
        ),
        kinds_svg(breakdown),
        Table(
            table.key,
            _("Accompaniments by kind in both periods"),
            table.definition,
            table.columns,
            [list(row) for row in rows],
        ),
    )


def charts(data: ReportData) -> list[Chart]:
    return [
        status_over_time(data),
        events_by_kind(data),
        per_region(data),
        accompaniments_by_kind(data),
    ]
