"""The chart of the impact figures: accompaniments by kind in the period and the previous one,
as static SVG drawn with pygal (no scripts), for the impact page and the interim report.

A suppressed cell ("< 5") is left out of the chart: a bar would show its size.
"""

import base64

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from lotsen.accompaniments.figures import SUPPRESSED, Breakdown

# Okabe-Ito blue and orange: distinguishable with the common colour-vision deficiencies.
COLOURS = ("#0072B2", "#E69F00")


def _value(cell) -> int | None:
    return None if cell == SUPPRESSED else cell


def kinds_svg(breakdown: Breakdown, period: str, previous: str, *, width: int = 460) -> str:
    style = Style(
        font_family="DejaVu Sans, sans-serif",
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#111111",
        foreground_strong="#111111",
        foreground_subtle="#666666",
        colors=COLOURS,
        opacity="1",
        opacity_hover="1",
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=13,
        title_font_size=16,
        transition="none",
    )
    chart = pygal.HorizontalBar(
        js=[],
        style=style,
        width=width,
        height=120 + 40 * len(breakdown.rows),
        disable_xml_declaration=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=1,
        truncate_label=-1,
        truncate_legend=-1,
        show_y_guides=False,
        print_values=False,
        min_scale=1,
    )
    chart.title = _("Accompaniments by kind")
    chart.x_labels = [row[0] for row in breakdown.rows]
    chart.add(period, [_value(row[1]) for row in breakdown.rows])
    chart.add(previous, [_value(row[2]) for row in breakdown.rows])
    return chart.render(is_unicode=True)


def data_url(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
