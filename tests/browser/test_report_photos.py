"""A coordinator adds a photo to an event report, describes it and deletes it, without
JavaScript of the portal's own, each page checked with axe. Locators use ids and URLs, not
texts: the German catalogue of these pages is written later."""

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from events.models import EventReport, ReportPhoto
from tests.browser.conftest import BROWSER
from tests.factories import EventFactory

pytestmark = BROWSER


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def png(size=(900, 600)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def test_coordinator_adds_describes_and_deletes_a_photo(
    page, coordinator, region, enter_as, axe_check
):
    event = EventFactory(region=region, title="Auftakt Schwelm", is_public=True)
    EventReport.objects.create(
        event=event, headline="Auftakt", dateline="Schwelm – Am 13.03.2014", teaser="Text"
    )
    photos_url = reverse("events:photos", args=[event.pk])
    enter_as(page, coordinator)

    page.goto(reverse("events:report", args=[event.pk]))
    axe_check(page)
    page.locator(f'main a[href="{photos_url}"]').click()
    axe_check(page)

    upload = page.locator("form:has(input[name=action][value=upload])")
    upload.locator("#id_upload-image").set_input_files(
        {"name": "saal.png", "mimeType": "image/png", "buffer": png()}
    )
    upload.locator("button[type=submit]").click()  # without a description
    axe_check(page)
    expect(page.locator("#error-summary")).to_be_visible()
    assert not ReportPhoto.objects.exists()

    upload = page.locator("form:has(input[name=action][value=upload])")
    upload.locator("#id_upload-image").set_input_files(
        {"name": "saal.png", "mimeType": "image/png", "buffer": png()}
    )
    upload.locator("#id_upload-alt_text").fill("Ein voller Saal im Rathaus")
    upload.locator("button[type=submit]").click()
    axe_check(page)
    photo = ReportPhoto.objects.get()
    image = page.locator(f'img[src="{reverse("calendar:photo", args=[photo.pk])}"]')
    expect(image).to_have_attribute("alt", "Ein voller Saal im Rathaus")
    assert image.evaluate("img => img.naturalWidth") == 900  # the browser got the image

    page.locator("#id_photos-0-caption").fill("Auftakt im Rathaus Schwelm")
    page.locator("form:has(input[name=action][value=save]) button[type=submit]").click()
    axe_check(page)
    expect(page.locator("#id_photos-0-caption")).to_have_value("Auftakt im Rathaus Schwelm")

    page.locator(f'a[href="{reverse("events:photo-delete", args=[photo.pk])}"]').click()
    axe_check(page)
    page.locator("main form button[type=submit]").click()
    axe_check(page)
    expect(page).to_have_url(f"{page.url.split(photos_url)[0]}{photos_url}")
    assert not ReportPhoto.objects.exists()
    assert not default_storage.exists(photo.image.name)
