"""The chart of the impact figures: accompaniments by kind in the period and the previous one,
as static SVG drawn with pygal (no scripts), for the impact page and the interim report.

A suppressed cell ("< 5") is left out of the chart: a bar would show its size.
"""

import pygal
from django.utils.translation import gettext as _

from lotsen.accompaniments.figures import SUPPRESSED, Breakdown
from lotsen.core.charts import PALETTE, WIDTH, config

# This period and the previous one: the palette's blue and orange.
COLOURS = PALETTE[:2]


def _value(cell) -> int | None:
    return None if cell == SUPPRESSED else cell


def kinds_svg(breakdown: Breakdown, period: str, previous: str, *, width: int = WIDTH) -> str:
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
    chart.add(period, [_value(row[1]) for row in breakdown.rows])
    chart.add(previous, [_value(row[2]) for row in breakdown.rows])
    return chart.render(is_unicode=True)
