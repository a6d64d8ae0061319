"""Placeholder graphics for two of the demo's event reports, so the photo feature shows.

Drawn with Pillow: speech bubbles and a caption that says what they are. They are plainly
graphics, not photos, and show no people. Files have fixed names, so a second run finds them and
changes nothing; a lost file is drawn again.
"""

import io
from typing import NamedTuple

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

from events.models import ReportPhoto
from lotsen.demo.network import DemoNetwork, upsert

SIZE = (1200, 800)
PAPER = (242, 245, 248)
INK = (27, 31, 36)
BUBBLES = ((11, 79, 138), (194, 65, 12), (22, 101, 52))  # the portal's brand, focus, ok colours
CREDIT = "Grafik: Lotsen-Portal (Demodaten)"


class DemoPhoto(NamedTuple):
    event: str  # key of the event in lotsen.demo.network_events.EVENTS
    title: str  # written on the graphic
    alt_text: str
    caption: str


PHOTOS = (
    DemoPhoto(
        "schwelm",
        "Auftakt in Schwelm",
        "Platzhaltergrafik: drei Sprechblasen in Blau, Orange und Grün über dem Schriftzug "
        "„Auftakt in Schwelm“",
        "Platzhalter für ein Foto der Auftaktveranstaltung im Rathaus Schwelm",
    ),
    DemoPhoto(
        "solingen",
        "Information in Solingen",
        "Platzhaltergrafik: drei Sprechblasen in Blau, Orange und Grün über dem Schriftzug "
        "„Information in Solingen“",
        "Platzhalter für ein Foto der Informationsveranstaltung im Rathaus Solingen",
    ),
)


def load_report_photos(network: DemoNetwork) -> None:
    """Give the demo reports in ``PHOTOS`` their placeholder graphic; running it twice changes
    nothing."""
    for demo in PHOTOS:
        report = network.events[demo.event].report
        name = f"reports/demo/{demo.event}.jpg"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(_draw(demo.title)))
        upsert(
            ReportPhoto,
            {"report": report, "image": name},
            {"alt_text": demo.alt_text, "caption": demo.caption, "credit": CREDIT, "position": 0},
        )


def _draw(title: str) -> bytes:
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    for i, colour in enumerate(BUBBLES):
        left, top = 170 + i * 300, 170 + (i % 2) * 90
        draw.rounded_rectangle((left, top, left + 260, top + 170), radius=40, fill=colour)
        draw.polygon(
            [(left + 60, top + 165), (left + 120, top + 165), (left + 50, top + 230)], fill=colour
        )
    draw.text((600, 560), title, fill=INK, font=ImageFont.load_default(64), anchor="mm")
    small = ImageFont.load_default(32)
    draw.text((600, 650), "Platzhaltergrafik · Demodaten", fill=INK, font=small, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
