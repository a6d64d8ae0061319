"""Guides' photos: checked by content and size, re-encoded without metadata, stored privately,
served only to whoever the guide allows."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, ImageCms

from lotsen.core.visibility import Visibility
from tests.factories import UserFactory

EDIT = reverse("guides:profile-edit")


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_bytes(fmt="JPEG", size=(1200, 900), mode="RGB", color="teal", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def upload(content: bytes, name="foto.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def profile_post(guide, **extra) -> dict:
    return {
        "version": guide.updated_at.isoformat(),
        "contact_preference": guide.contact_preference,
        "name_visibility": guide.name_visibility,
        "photo_visibility": guide.photo_visibility,
        "contact_visibility": guide.contact_visibility,
        "languages_visibility": guide.languages_visibility,
        "expertise_visibility": guide.expertise_visibility,
        "languages-TOTAL_FORMS": "0",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "1000",
        **extra,
    }


def send_photo(client, guide, photo):
    client.force_login(guide.user)
    return client.post(EDIT, profile_post(guide, photo=photo))


def stored_image(guide) -> Image.Image:
    guide.refresh_from_db()
    with guide.photo.open("rb") as file:
        image = Image.open(io.BytesIO(file.read()))
        image.load()
    return image


def test_jpeg_is_reencoded_small_upright_and_without_exif(client, guide, private_media):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "Kamerahersteller"
    exif[0x0132] = "2014:03:01 10:00:00"
    content = image_bytes(size=(1600, 1200), exif=exif.tobytes())

    response = send_photo(client, guide, upload(content, name="urlaub.jpg"))

    assert response.status_code == 302
    image = stored_image(guide)
    assert image.format == "JPEG"
    assert image.size == (600, 800)  # turned upright, then at most 800 px a side
    assert not image.getexif()
    assert "urlaub" not in guide.photo.name
    assert guide.photo.name.startswith("guides/photos/")
    assert (private_media / guide.photo.name).exists()


def test_png_with_transparency_and_webp_are_accepted(client, guide):
    png = image_bytes("PNG", size=(300, 300), mode="RGBA", color=(0, 0, 0, 0))
    assert send_photo(client, guide, upload(png, "bild.png", "image/png")).status_code == 302
    image = stored_image(guide)
    assert image.format == "JPEG"
    assert image.getpixel((10, 10)) == pytest.approx((255, 255, 255), abs=2)  # not black

    webp = image_bytes("WEBP", size=(200, 100))
    assert send_photo(client, guide, upload(webp, "bild.webp", "image/webp")).status_code == 302
    assert stored_image(guide).size == (200, 100)  # small photos are not enlarged


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"%PDF-1.4 kein Bild", "lebenslauf.jpg"),  # the name says JPEG, the content does not
        (image_bytes("GIF", size=(50, 50), mode="P"), "animation.gif"),
        (image_bytes("BMP", size=(50, 50)), "bild.jpg"),
        (image_bytes()[:200], "abgeschnitten.jpg"),
    ],
    ids=["not-an-image", "gif", "bmp-named-jpg", "truncated"],
)
def test_files_that_are_no_usable_photo_get_a_form_error(client, guide, content, name):
    response = send_photo(client, guide, upload(content, name=name))
    assert response.status_code == 200
    assert response.context["form"].errors["photo"]
    guide.refresh_from_db()
    assert not guide.photo


def test_more_than_5_mb_is_refused(client, guide):
    big = image_bytes("PNG", size=(100, 100)) + b"\0" * (5 * 1024 * 1024)
    response = send_photo(client, guide, upload(big, "gross.png", "image/png"))
    assert response.context["form"].errors["photo"]
    assert [e.code for e in response.context["form"].errors.as_data()["photo"]] == ["too_big"]


def test_more_than_6000_pixels_a_side_is_refused(client, guide):
    wide = image_bytes("PNG", size=(6001, 10), mode="1")
    response = send_photo(client, guide, upload(wide, "panorama.png", "image/png"))
    codes = [e.code for e in response.context["form"].errors.as_data()["photo"]]
    assert codes == ["too_many_pixels"]


def test_replacing_and_removing_the_photo_deletes_the_old_file(
    client, guide, private_media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_photo(client, guide, upload(image_bytes()))
    first = stored_image(guide) and guide.photo.name
    with django_capture_on_commit_callbacks(execute=True):
        send_photo(client, guide, upload(image_bytes(color="navy")))
    guide.refresh_from_db()
    second = guide.photo.name
    assert second != first
    assert not default_storage.exists(first)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(EDIT, profile_post(guide, remove_photo="on"))
    guide.refresh_from_db()
    assert not guide.photo
    assert not default_storage.exists(second)


# --- Who sees the photo ---------------------------------------------------------------------


@pytest.fixture
def photo_of(guide, client):
    send_photo(client, guide, upload(image_bytes()))
    client.logout()
    guide.refresh_from_db()

    def with_visibility(visibility, public_profile=True):
        guide.photo_visibility = visibility
        guide.public_profile = public_profile
        guide.save()
        return reverse("guides:photo", args=[guide.pk])

    return with_visibility


def status_for(client, url, user) -> int:
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


def test_public_photo_is_for_everyone_and_may_be_cached(client, photo_of):
    url = photo_of(Visibility.PUBLIC)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "public" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_public_photo_without_the_master_switch_stays_in_the_network(client, photo_of, other_guide):
    url = photo_of(Visibility.PUBLIC, public_profile=False)
    assert status_for(client, url, None) == 404
    assert status_for(client, url, other_guide.user) == 200


def test_network_photo_is_for_logged_in_members(client, photo_of, other_guide, other_coordinator):
    url = photo_of(Visibility.NETWORK)
    assert status_for(client, url, None) == 404
    assert status_for(client, url, other_guide.user) == 200
    response = client.get(url)
    assert response["Cache-Control"] == "private, no-store"
    assert status_for(client, url, other_coordinator) == 200


def test_unshared_photo_is_for_the_guide_and_those_who_manage_the_profile(
    client, photo_of, guide, other_guide, coordinator, other_coordinator, admin_user
):
    url = photo_of(Visibility.NOBODY)
    allowed = {"guide": guide.user, "coordinator": coordinator, "admin": admin_user}
    refused = {"anonymous": None, "other guide": other_guide.user, "other": other_coordinator}
    assert {name: status_for(client, url, user) for name, user in allowed.items()} == dict.fromkeys(
        allowed, 200
    )
    assert {name: status_for(client, url, user) for name, user in refused.items()} == dict.fromkeys(
        refused, 404
    )


def test_deactivated_account_sees_no_network_photo(client, photo_of):
    url = photo_of(Visibility.NETWORK)
    assert status_for(client, url, UserFactory(is_active=False)) == 404


def test_guide_without_photo_or_with_a_lost_file_is_a_404(client, guide, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("guides:photo", args=[guide.pk])).status_code == 404
    guide.photo.name = "guides/photos/verloren.jpg"
    guide.save()
    assert client.get(reverse("guides:photo", args=[guide.pk])).status_code == 404


def test_photos_have_no_public_media_url(client, photo_of, guide):
    photo_of(Visibility.PUBLIC)
    guide.refresh_from_db()
    assert client.get("/media/" + guide.photo.name).status_code == 404


def jpeg_markers(data: bytes) -> list[int]:
    """The markers of a JPEG's segments up to the image data (SOS), in order."""
    assert data[:2] == b"\xff\xd8"
    markers, position = [], 2
    while position < len(data):
        assert data[position] == 0xFF, f"no marker at {position}"
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: the compressed image follows
            break
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
    return markers


def photo_with_metadata(**save) -> bytes:
    """A JPEG that carries a comment (COM segment), XMP, EXIF and an ICC profile, all of them
    with the word "secret" in it."""
    exif = Image.Exif()
    exif[0x010F] = "secret camera"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return image_bytes(
        comment=b"secret comment",
        xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>secret place</x:xmpmeta>",
        exif=exif.tobytes(),
        icc_profile=icc + b"secret",
        **save,
    )


def test_photo_with_metadata_is_built_as_the_finding_says():
    content = photo_with_metadata()
    assert 0xFE in jpeg_markers(content) and content.count(b"secret") == 4


def test_comment_xmp_and_icc_profile_are_not_kept(client, guide):
    assert send_photo(client, guide, upload(photo_with_metadata())).status_code == 302
    guide.refresh_from_db()
    guide.public_profile = True
    guide.photo_visibility = Visibility.PUBLIC
    guide.save()
    client.logout()

    stored = guide.photo.open("rb").read()
    served = b"".join(client.get(reverse("guides:photo", args=[guide.pk])).streaming_content)

    assert served == stored
    assert b"secret" not in stored
    assert b"\xff\xfe" not in stored  # no COM segment
    assert 0xFE not in jpeg_markers(stored)
    assert set(jpeg_markers(stored)) <= {0xDB, 0xC0, 0xC4, 0xDA, 0xE0}  # tables, frame, JFIF
    assert not {"comment", "icc_profile", "xmp", "exif"} & set(stored_image(guide).info)
