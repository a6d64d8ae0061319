"""Accompaniments and impact (Begleitungen und Wirkung): the guides' anonymous case records of
the period beside the previous period's, by kind, target sector, language level, usability
of home-country skills and outcome, per region, and the volunteer hours; seven queries.

Every count comes already suppressed from ``lotsen.accompaniments.figures``: below 5 it reads
"< 5", in the PDF, the spreadsheet and the CSV files alike.
"""

from django.utils.translation import gettext as _

from lotsen.accompaniments.figures import Span, impact
from lotsen.models.accompaniments import Accompaniment
from newsletters.reports.figures.base import Figure, FigureGroup, Period, Table


def impact_figures(period: Period) -> FigureGroup:
    previous = period.previous()
    figures = impact(
        Accompaniment.objects.all(),
        Span(period.start, period.end),
        Span(previous.start, previous.end),
    )
    key = [
        Figure(
            _("Accompaniments"),
            figures.count,
            figures.count_before,
            _("Accompaniments by guides dated within the period, recorded anonymously."),
        ),
        Figure(
            _("Volunteer hours"),
            figures.hours,
            figures.hours_before,
            _("Hours the guides spent on these accompaniments (Eigenleistung), rounded."),
        ),
    ]
    columns = [str(period), str(previous)]
    tables = [
        Table(
            f"accompaniments-by-{breakdown.key.replace('_', '-')}",
            breakdown.title,
            breakdown.definition + " " + _("Counts below 5 are shown as “< 5”."),
            [breakdown.heading, *columns],
            [[label, now, before] for label, now, before in breakdown.rows]
            + [[_("Total"), *breakdown.total]],
        )
        for breakdown in figures.breakdowns
    ]
    tables.append(
        Table(
            "accompaniments-by-region",
            _("Accompaniments and volunteer hours by region"),
            _(
                "Accompaniments and hours per region of the accompaniment; the hours of a "
                "region whose count is hidden are hidden with it."
            ),
            [
                _("Region"),
                _("Accompaniments %(period)s") % {"period": period},
                _("Accompaniments %(period)s") % {"period": previous},
                _("Hours %(period)s") % {"period": period},
                _("Hours %(period)s") % {"period": previous},
            ],
            [
                [row.name, row.count, row.count_before, row.hours, row.hours_before]
                for row in figures.regions
            ],
        )
    )
    return FigureGroup("impact", _("Accompaniments and impact"), key, tables)
