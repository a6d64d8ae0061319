"""Photos of event reports: uploaded and re-encoded, described and ordered, served to whoever may
see the event, deleted with their files; and the reports of a period as the newsletter and the
interim report read them."""

import datetime
import io
import zoneinfo

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from events.models import Event, EventReport, ReportPhoto
from events.photos.services import MAX_PHOTOS
from events.workspace.selectors import reports_between
from tests.factories import (
    EventFactory,
    GuideFactory,
    RegionFactory,
    ReportPhotoFactory,
    UserFactory,
)

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.fixture
def client(client, settings):
    """Pages in English: the messages asserted here are the source texts, whatever German says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_bytes(fmt="JPEG", size=(2400, 1800), mode="RGB", color="teal", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def upload(content: bytes, name="foto.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def stored_files(media) -> list:
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def report_of(event: Event, **fields) -> EventReport:
    values = {"headline": "Auftakt in Schwelm", "dateline": "Schwelm – Am 13.03.2014"}
    return EventReport.objects.create(event=event, teaser="Ein erstes Treffen.", **values | fields)


@pytest.fixture
def event(region):
    return EventFactory(region=region, title="Auftakt Schwelm", city="Schwelm")


@pytest.fixture
def report(event):
    return report_of(event)


def photos_url(event) -> str:
    return reverse("events:photos", args=[event.pk])


def photo_url(photo) -> str:
    return reverse("calendar:photo", args=[photo.pk])


def send_photo(client, event, content=None, *, alt_text="Menschen an einem runden Tisch", **more):
    fields = {"action": "upload", "upload-alt_text": alt_text, **more}
    if content is not None:
        fields["upload-image"] = content
    return client.post(photos_url(event), fields)


def read_image(photo: ReportPhoto) -> Image.Image:
    with photo.image.open("rb") as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
    return image


# --- Upload -----------------------------------------------------------------------------------


def test_upload_is_reencoded_listed_and_served(client, coordinator, event, report, media):
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"
    exif[0x8825] = {2: (51.0, 17.0, 0.0)}  # GPS latitude: where the photo was taken
    content = image_bytes(exif=exif.tobytes())
    client.force_login(coordinator)

    response = send_photo(
        client,
        event,
        upload(content, name="IMG_0815 Schwelm.jpg"),
        **{"upload-caption": "Auftakt im Rathaus", "upload-credit": "KI Ennepe-Ruhr-Kreis"},
    )

    assert response.status_code == 302
    assert response["Location"] == photos_url(event)
    (photo,) = report.photos.all()
    assert (photo.alt_text, photo.caption, photo.credit) == (
        "Menschen an einem runden Tisch",
        "Auftakt im Rathaus",
        "KI Ennepe-Ruhr-Kreis",
    )
    image = read_image(photo)
    assert (image.format, image.size) == ("JPEG", (1600, 1200))  # at most 1600 px a side
    assert not image.getexif()
    assert photo.image.name.startswith(f"reports/{datetime.date.today().year}/")
    assert "IMG_0815" not in photo.image.name and "Schwelm" not in photo.image.name
    assert stored_files(media) == [media / photo.image.name]

    page = client.get(photos_url(event))
    assert page.status_code == 200
    assert f'src="{photo_url(photo)}" alt="Menschen an einem runden Tisch"' in page.text
    assert "Auftakt im Rathaus" in page.text

    served = client.get(photo_url(photo))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert Image.open(io.BytesIO(b"".join(served.streaming_content))).size == (1600, 1200)


def test_png_with_transparency_becomes_a_jpeg_and_small_photos_stay_small(
    client, coordinator, event, report
):
    client.force_login(coordinator)
    png = image_bytes("PNG", size=(300, 200), mode="RGBA", color=(0, 0, 0, 0))
    assert send_photo(client, event, upload(png, "grafik.png", "image/png")).status_code == 302
    image = read_image(report.photos.get())
    assert (image.format, image.size) == ("JPEG", (300, 200))
    assert image.getpixel((5, 5)) == pytest.approx((255, 255, 255), abs=2)


@pytest.mark.parametrize(
    ("content", "name", "code"),
    [
        (b"%PDF-1.4 kein Bild", "bericht.jpg", "not_an_image"),
        (image_bytes("GIF", size=(50, 50), mode="P"), "animation.gif", "not_an_image"),
        (image_bytes(size=(400, 300))[:300], "abgeschnitten.jpg", "not_an_image"),
        (image_bytes("PNG", size=(50, 50)) + b"\0" * (5 * 1024 * 1024), "gross.png", "too_big"),
        (image_bytes("PNG", size=(6001, 10), mode="1"), "panorama.png", "too_many_pixels"),
    ],
    ids=["pdf-named-jpg", "gif", "truncated", "over-5-mb", "over-6000-px"],
)
def test_no_usable_photo_gets_a_message_and_nothing_is_saved(
    client, coordinator, event, report, media, content, name, code
):
    client.force_login(coordinator)
    response = send_photo(client, event, upload(content, name=name))
    assert response.status_code == 200
    form = response.context["upload_form"]
    assert [error.code for error in form.errors.as_data()["image"]] == [code]
    assert 'id="error-summary"' in response.text
    assert not ReportPhoto.objects.exists()
    assert stored_files(media) == []


def test_alt_text_and_the_file_are_required(client, coordinator, event, report, media):
    client.force_login(coordinator)
    response = send_photo(client, event, upload(image_bytes()), alt_text="")
    assert response.status_code == 200
    assert list(response.context["upload_form"].errors) == ["alt_text"]

    response = send_photo(client, event, None)
    assert list(response.context["upload_form"].errors) == ["image"]
    assert not ReportPhoto.objects.exists()
    assert stored_files(media) == []


def test_at_most_twelve_photos(client, coordinator, event, report, media):
    ReportPhotoFactory.create_batch(MAX_PHOTOS - 1, report=report)
    client.force_login(coordinator)
    assert send_photo(client, event, upload(image_bytes())).status_code == 302
    files = stored_files(media)

    page = client.get(photos_url(event))
    assert "upload_form" not in page.context
    assert "The report has the maximum of 12 photos." in page.text

    # A form opened before the twelfth photo arrived
    response = send_photo(client, event, upload(image_bytes(color="navy")))
    assert response.status_code == 200
    assert "A report can have at most 12 photos." in response.text
    assert report.photos.count() == MAX_PHOTOS
    assert stored_files(media) == files


def test_new_photos_go_last(client, coordinator, event, report):
    client.force_login(coordinator)
    for color in ("red", "green", "blue"):
        send_photo(client, event, upload(image_bytes(size=(40, 30), color=color)), alt_text=color)
    assert list(report.photos.values_list("alt_text", "position")) == [
        ("red", 0),
        ("green", 1),
        ("blue", 2),
    ]


def test_photos_wait_for_the_report(client, coordinator, event, media):
    client.force_login(coordinator)
    page = client.get(photos_url(event))
    assert page.status_code == 200
    assert "please write and save the report first" in page.text
    assert reverse("events:report", args=[event.pk]) in page.text

    response = send_photo(client, event, upload(image_bytes()))
    assert response.status_code == 302
    assert response["Location"] == reverse("events:report", args=[event.pk])
    assert not ReportPhoto.objects.exists()
    assert stored_files(media) == []


def test_report_form_leads_to_the_photos(client, coordinator, event):
    client.force_login(coordinator)
    report_url = reverse("events:report", args=[event.pk])
    before = client.get(report_url)
    assert "save the report first" in before.text
    assert photos_url(event) not in before.text

    report = report_of(event)
    ReportPhotoFactory.create_batch(2, report=report)
    after = client.get(report_url)
    assert "The report has 2 photos." in after.text
    assert photos_url(event) in after.text


# --- Describe and order -----------------------------------------------------------------------


def edit_post(photos, **changes) -> dict:
    data = {
        "action": "save",
        "photos-TOTAL_FORMS": str(len(photos)),
        "photos-INITIAL_FORMS": str(len(photos)),
    }
    for i, photo in enumerate(photos):
        data |= {
            f"photos-{i}-id": str(photo.pk),
            f"photos-{i}-alt_text": photo.alt_text,
            f"photos-{i}-caption": photo.caption,
            f"photos-{i}-credit": photo.credit,
            f"photos-{i}-position": str(photo.position),
        }
    return data | changes


def test_descriptions_and_order_are_saved_together(client, coordinator, event, report):
    first = ReportPhotoFactory(report=report, alt_text="Saal", position=0)
    second = ReportPhotoFactory(report=report, alt_text="Podium", position=1)
    client.force_login(coordinator)

    changes = {"photos-0-position": "5", "photos-1-caption": "Das Podium am Abend"}
    response = client.post(photos_url(event), edit_post([first, second], **changes))

    assert response.status_code == 302
    page = client.get(photos_url(event))
    assert [form.instance.pk for form in page.context["formset"]] == [second.pk, first.pk]
    second.refresh_from_db()
    assert second.caption == "Das Podium am Abend"


def test_an_error_in_one_photo_saves_none(client, coordinator, event, report):
    first = ReportPhotoFactory(report=report, alt_text="Saal", position=0)
    second = ReportPhotoFactory(report=report, alt_text="Podium", position=1)
    client.force_login(coordinator)

    changes = {"photos-0-caption": "Neu", "photos-1-alt_text": ""}
    response = client.post(photos_url(event), edit_post([first, second], **changes))

    assert response.status_code == 200
    assert 'id="photos-error-summary"' in response.text
    assert "Photo 2, Description for screen readers: This field is required." in response.text
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.caption, second.alt_text) == ("", "Podium")


def test_photos_of_another_report_cannot_be_edited_through_this_page(
    client, coordinator, event, report, other_region
):
    mine = ReportPhotoFactory(report=report)
    elsewhere = ReportPhotoFactory(report=report_of(EventFactory(region=other_region)))
    client.force_login(coordinator)

    data = edit_post([mine], **{"photos-0-id": str(elsewhere.pk), "photos-0-alt_text": "Fremd"})
    client.post(photos_url(event), data)

    elsewhere.refresh_from_db()
    assert elsewhere.alt_text != "Fremd"
    # Extra forms beyond the photos shown create nothing.
    extra = {"photos-TOTAL_FORMS": "2", "photos-1-alt_text": "Neu", "photos-1-position": "1"}
    client.post(photos_url(event), edit_post([mine], **extra))
    assert ReportPhoto.objects.count() == 2


@pytest.mark.parametrize("total", ["x", "13", "99999999999999999999"])
def test_a_broken_management_form_is_a_message(client, coordinator, event, report, total):
    photo = ReportPhotoFactory(report=report)
    client.force_login(coordinator)
    response = client.post(photos_url(event), edit_post([photo], **{"photos-TOTAL_FORMS": total}))
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()


def test_page_takes_the_same_queries_for_many_photos(client, coordinator, event, report):
    client.force_login(coordinator)
    ReportPhotoFactory(report=report)
    with CaptureQueriesContext(connection) as one:
        assert client.get(photos_url(event)).status_code == 200
    ReportPhotoFactory.create_batch(MAX_PHOTOS - 1, report=report)
    with CaptureQueriesContext(connection) as twelve:
        assert client.get(photos_url(event)).status_code == 200
    assert len(twelve) == len(one)


# --- Serving ----------------------------------------------------------------------------------


def status_for(client, url, user) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


def test_photo_of_a_public_event_is_for_everyone_and_may_be_cached(client, event, report):
    event.is_public = True
    event.save()
    photo = ReportPhotoFactory(report=report)

    response = client.get(photo_url(photo))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_photo_of_an_internal_event_only_for_the_members_of_its_region(
    client, event, report, guide, coordinator, other_coordinator, admin_user, other_region
):
    photo = ReportPhotoFactory(report=report)
    url = photo_url(photo)
    guide_elsewhere = GuideFactory(region=other_region, user=UserFactory())
    assert status_for(client, url, None) == 404
    assert status_for(client, url, guide.user) == 200  # sees the event in the calendar
    assert status_for(client, url, guide_elsewhere.user) == 404
    assert status_for(client, url, other_coordinator) == 404
    assert status_for(client, url, admin_user) == 200
    assert status_for(client, url, coordinator) == 200
    response = client.get(url)
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_photo_of_a_statewide_internal_event_for_every_member(
    client, coordinator, admin_user, guide
):
    photo = ReportPhotoFactory(report=report_of(EventFactory(region=None)))
    assert status_for(client, photo_url(photo), None) == 404
    assert status_for(client, photo_url(photo), guide.user) == 200
    assert status_for(client, photo_url(photo), coordinator) == 200
    assert status_for(client, photo_url(photo), admin_user) == 200


def test_missing_photo_or_lost_file_is_a_404(client, coordinator, report):
    client.force_login(coordinator)
    assert client.get(reverse("calendar:photo", args=[999999])).status_code == 404
    photo = ReportPhotoFactory(report=report)
    default_storage.delete(photo.image.name)
    assert client.get(photo_url(photo)).status_code == 404


def test_photos_have_no_public_media_url(client, event, report):
    event.is_public = True
    event.save()
    photo = ReportPhotoFactory(report=report)
    assert client.get("/media/" + photo.image.name).status_code == 404


# --- Delete -----------------------------------------------------------------------------------


def test_delete_asks_first_then_removes_row_and_file(
    client, coordinator, event, report, media, django_capture_on_commit_callbacks
):
    photo = ReportPhotoFactory(report=report, alt_text="Blick in den Saal")
    delete_url = reverse("events:photo-delete", args=[photo.pk])
    client.force_login(coordinator)

    confirm = client.get(delete_url)
    assert confirm.status_code == 200
    assert f'src="{photo_url(photo)}" alt="Blick in den Saal"' in confirm.text
    assert ReportPhoto.objects.filter(pk=photo.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(delete_url)
    assert response.status_code == 302
    assert response["Location"] == photos_url(event)
    assert not ReportPhoto.objects.filter(pk=photo.pk).exists()
    assert stored_files(media) == []
    assert client.post(delete_url).status_code == 404  # deleted twice: nothing left to delete


def test_other_region_cannot_delete(
    client, other_coordinator, guide, report, media, django_capture_on_commit_callbacks
):
    photo = ReportPhotoFactory(report=report)
    delete_url = reverse("events:photo-delete", args=[photo.pk])
    client.force_login(other_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(delete_url).status_code == 404
        assert client.post(delete_url).status_code == 404
    client.force_login(guide.user)
    assert client.post(delete_url).status_code == 403
    assert ReportPhoto.objects.filter(pk=photo.pk).exists()
    assert default_storage.exists(photo.image.name)


@pytest.mark.parametrize("delete", ["report", "event"])
def test_deleting_the_report_or_the_event_deletes_the_files(
    event, report, media, django_capture_on_commit_callbacks, delete
):
    ReportPhotoFactory.create_batch(3, report=report)
    other = ReportPhotoFactory(report=report_of(EventFactory(region=event.region)))
    with django_capture_on_commit_callbacks(execute=True):
        (report if delete == "report" else event).delete()
    assert list(ReportPhoto.objects.all()) == [other]
    assert stored_files(media) == [media / other.image.name]


def test_a_deletion_rolled_back_keeps_the_file(report, media, django_capture_on_commit_callbacks):
    photo = ReportPhotoFactory(report=report)
    pk, name = photo.pk, photo.image.name
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        photo.delete()
        raise RuntimeError("something else failed")
    assert callbacks == []
    assert ReportPhoto.objects.filter(pk=pk).exists()
    assert default_storage.exists(name)


# --- Reports of a period ----------------------------------------------------------------------


def berlin(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


def reported_event(title, starts_at, region=None) -> EventReport:
    event = EventFactory(
        title=title, region=region, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(1)
    )
    return report_of(event, headline=title)


@pytest.fixture
def period_reports(region, other_region):
    ruhr, muenster = region, other_region  # "Mittleres Ruhrgebiet", "Münsterland"
    return {
        "too early": reported_event("Zu früh", berlin(2014, 2, 28, 23, 59), ruhr),
        # 00:30 in Berlin is still 28 February in UTC
        "first minute": reported_event("Erster Tag", berlin(2014, 3, 1, 0, 30), muenster),
        "statewide": reported_event("Landesweit", berlin(2014, 3, 20, 10, 0)),
        "ruhr late": reported_event("Ruhr spät", berlin(2014, 4, 30, 23, 30), ruhr),
        "ruhr early": reported_event("Ruhr früh", berlin(2014, 3, 13, 17, 0), ruhr),
        "too late": reported_event("Zu spät", berlin(2014, 5, 1, 0, 0), muenster),
    }


def headlines(reports) -> list[str]:
    return [report.headline for report in reports]


def test_reports_between_two_days_both_included_in_local_time(period_reports):
    reports = reports_between(datetime.date(2014, 3, 1), datetime.date(2014, 4, 30))
    # statewide first, then the regions by name, and by date within a region
    assert headlines(reports) == ["Landesweit", "Ruhr früh", "Ruhr spät", "Erster Tag"]


def test_reports_between_for_some_regions(period_reports, region, other_region):
    march, april = datetime.date(2014, 3, 1), datetime.date(2014, 4, 30)
    assert headlines(reports_between(march, april, regions=[region])) == [
        "Ruhr früh",
        "Ruhr spät",
    ]
    both = reports_between(march, april, regions=[region.pk, other_region.pk])
    assert headlines(both) == ["Ruhr früh", "Ruhr spät", "Erster Tag"]
    assert headlines(reports_between(march, april, regions=[])) == []


def test_reports_between_a_single_day(period_reports):
    day = datetime.date(2014, 3, 13)
    assert headlines(reports_between(day, day)) == ["Ruhr früh"]


def test_reports_between_bring_event_region_and_photos_in_two_queries(
    region, django_assert_num_queries
):
    def read(reports):
        return [
            (
                r.event.title,
                r.event.region and r.event.region.name,
                [p.alt_text for p in r.photos.all()],
            )
            for r in reports
        ]

    start, end = datetime.date(2014, 3, 1), datetime.date(2014, 3, 31)
    first = reported_event("Eins", berlin(2014, 3, 3, 18, 0), region)
    ReportPhotoFactory(report=first, alt_text="b", position=2)
    ReportPhotoFactory(report=first, alt_text="a", position=1)
    with django_assert_num_queries(2):
        assert read(reports_between(start, end)) == [("Eins", region.name, ["a", "b"])]

    for n in range(5):
        other = reported_event(f"Mehr {n}", berlin(2014, 3, 10 + n, 18, 0), RegionFactory())
        ReportPhotoFactory.create_batch(2, report=other)
    reported_event("Landesweit", berlin(2014, 3, 20, 10, 0))
    with django_assert_num_queries(2):
        assert len(read(reports_between(start, end))) == 7


# --- Demo data --------------------------------------------------------------------------------


def test_demo_reports_carry_placeholder_graphics_idempotently(db, client, media):
    call_command("seed_demo", stdout=io.StringIO())
    photos = list(ReportPhoto.objects.select_related("report__event"))
    assert photos
    assert all("Platzhalter" in photo.alt_text for photo in photos)
    public = [photo for photo in photos if photo.report.event.is_public]
    assert public
    assert client.get(photo_url(public[0])).status_code == 200
    files = stored_files(media)

    call_command("seed_demo", stdout=io.StringIO())
    assert list(ReportPhoto.objects.select_related("report__event")) == photos
    assert stored_files(media) == files


def test_comment_of_the_upload_is_not_served_to_anyone(client, coordinator, event, report):
    # The finding: a JPEG comment (COM segment) survived the re-encode and was served again,
    # also anonymously for the photos of public events.
    event.is_public = True
    event.save()
    client.force_login(coordinator)
    content = image_bytes(comment=b"secret: taken at Musterstr. 1")
    assert b"\xff\xfe" in content and b"secret" in content  # a COM segment

    assert send_photo(client, event, upload(content)).status_code == 302
    client.logout()
    (photo,) = report.photos.all()
    served = b"".join(client.get(photo_url(photo)).streaming_content)

    assert served[:2] == b"\xff\xd8"
    assert b"secret" not in served
    assert b"\xff\xfe" not in served  # no COM marker
    assert "comment" not in read_image(photo).info
