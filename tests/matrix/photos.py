"""Photos of event reports: the workspace page, the delete confirmation and the image itself."""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from events.models import EventReport, ReportPhoto
from tests.factories import EventFactory
from tests.matrix import HIDDEN, IN_REGION, OK, Row

# The photo of an internal event: those who may see the event in the workspace or, as members
# of its region, in the calendar (both guides are of the coordinator's region), and a 404 for
# everyone else (public events' photos are for everyone: tests/events/test_report_photos.py).
INTERNAL_PHOTO = {
    "anonymous": HIDDEN,
    "guide": OK,
    "other_guide": OK,
    "other_coordinator": HIDDEN,
    "coordinator": OK,
    "admin": OK,
}

ROWS = {
    # Without a file the POST is the upload form with an error: a 200, nothing saved.
    "events:photos": Row("photo_event", get=IN_REGION, post=IN_REGION),
    "events:photo-delete": Row("report_photo", get=IN_REGION, post=IN_REGION),
    "calendar:photo": Row("report_photo", get=INTERNAL_PHOTO),
}

# One small JPEG under a fixed name, so the matrix does not leave a file per test behind.
MATRIX_PHOTO = "reports/url-matrix-test.jpg"


def world(region, guide) -> dict:
    if not default_storage.exists(MATRIX_PHOTO):
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), "teal").save(buffer, format="JPEG")
        default_storage.save(MATRIX_PHOTO, ContentFile(buffer.getvalue()))
    event = EventFactory(region=region, is_public=False)
    report = EventReport.objects.create(
        event=event, headline="Auftakt in Hagen", dateline="Hagen – Am 13.03.2014", teaser="Text"
    )
    photo = ReportPhoto.objects.create(report=report, image=MATRIX_PHOTO, alt_text="Ein Saal")
    return {"photo_event": event, "report_photo": photo}
