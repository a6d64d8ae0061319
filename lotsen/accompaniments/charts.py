"""The chart of the impact figures: accompaniments by kind in the period and the previous one,
as static SVG drawn with pygal (no scripts), for the impact page and the interim report.

A suppressed cell ("< 5") is left out of the chart: a bar would show its size.
"""

import pygal
from django.utils.translation import gettext as _

from lotsen.accompaniments.figures import SUPPRESSED, Breakdown
from lotsen.core.charts import PALETTE, config

# This period and the previous one: the palette's blue and orange.
COLOURS = PALETTE[:2]
# Wider than other charts: the kinds' long names take some 300 pixels left of the bars, and
# the legend under the bars needs the rest.
KINDS_WIDTH = 560


def _value(cell) -> int | None:
    return None if cell == SUPPRESSED else cell


def kinds_svg(breakdown: Breakdown, *, width: int = KINDS_WIDTH) -> str:
    # The legend names the periods in words: their dates, beside the plot, would run out of
    # the drawing, and the text and table beside the chart give them.
    chart = pygal.HorizontalBar(
        **config(
            120 + 40 * len(breakdown.rows),
            COLOURS,
            width=width,
            show_y_guides=False,
            min_scale=1,
        )
    )
    chart.title = _("Accompaniments by kind")
    chart.x_labels = [row[0] for row in breakdown.rows]
    chart.add(_("this period"), [_value(row[1]) for row in breakdown.rows])
    chart.add(_("previous period"), [_value(row[2]) for row in breakdown.rows])
    return chart.render(is_unicode=True)
