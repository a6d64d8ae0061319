"""The one look of every chart: static SVG drawn with pygal.

pygal writes plain SVG with real text, which browsers show and WeasyPrint draws as vector
graphics into a PDF. No scripts (``js=[]``), no tooltips, colours from the Okabe-Ito palette,
which stays distinguishable with the common colour-vision deficiencies.
"""

import base64

from django.utils.translation import gettext
from pygal.style import Style

# Okabe-Ito: blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow, black.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
# Drawing width in SVG pixels: a PDF scales a chart to its column, so a narrower drawing
# prints its 12-pixel labels larger. A chart beside its table fills about half the page.
WIDTH = 460


def style(colours=PALETTE) -> Style:
    return Style(
        font_family="DejaVu Sans, sans-serif",
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#111111",
        foreground_strong="#111111",
        foreground_subtle="#666666",
        colors=tuple(colours),
        opacity="1",
        opacity_hover="1",
        title_font_size=16,
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=13,
        value_font_size=11,
        # pygal's default (64 px) fills a chart with nothing to show with its note.
        no_data_font_size=16,
        transition="none",
    )


def config(height: int, colours=PALETTE, width: int = WIDTH, **options) -> dict:
    """pygal's options for a chart of ``height`` pixels; ``options`` add or override."""
    return {
        "js": [],
        "style": style(colours),
        "width": width,
        "height": height,
        "disable_xml_declaration": True,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 1,
        "truncate_label": -1,
        "truncate_legend": -1,
        "tooltip_border_radius": 0,
        "print_values": False,
        "show_minor_x_labels": True,
        "no_data_text": gettext("Nothing to count in these periods."),
        **options,
    }


def data_url(svg: str) -> str:
    """The SVG as an ``<img src>``, so a page or PDF embeds it without a file."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
