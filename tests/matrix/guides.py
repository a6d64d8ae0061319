"""Guides: the coordinators' pages, the guide's own profile, the photo and the confirm link."""

import io
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from lotsen.core.visibility import Visibility
from lotsen.guides.services import profile_confirmation_token
from tests.factories import GuideFactory, UserFactory
from tests.matrix import ADMIN_ONLY, DENIED, HIDDEN, IN_REGION, LOGIN, OK, WORKSPACE, Row, expect

# A guide's own pages: each guide gets their own profile; nobody else has one.
OWN_PROFILE = expect(guide=OK, other_guide=OK, coordinator=DENIED, admin=DENIED)
# The one-click link of the reminder mail: the signed token is the permission.
TOKEN_LINK = expect(anonymous=OK, guide=OK, other_guide=OK, other_coordinator=OK)
# A photo the guide shows nowhere: the guide and those who manage the profile; a 404 for
# everyone else, as if there were no photo.
UNSHARED_PHOTO = {
    "anonymous": HIDDEN,
    "guide": OK,
    "other_guide": HIDDEN,
    "other_coordinator": HIDDEN,
    "coordinator": OK,
    "admin": OK,
}
assert LOGIN not in UNSHARED_PHOTO.values()

ROWS = {
    "guides:list": Row(get=WORKSPACE),
    "guides:create": Row(get=WORKSPACE, post=WORKSPACE),
    "guides:detail": Row("guide", get=IN_REGION),
    "guides:update": Row("guide", get=IN_REGION, post=IN_REGION),
    "guides:status": Row("guide", get=IN_REGION, post=IN_REGION),
    "guides:invite": Row("guide", post=IN_REGION),
    "guides:search": Row(get=WORKSPACE),
    "guides:deletion-requests": Row(get=ADMIN_ONLY),
    "guides:confirm-deletion": Row("guide_to_delete", post=ADMIN_ONLY),
    "guides:profile": Row(get=OWN_PROFILE),
    "guides:profile-edit": Row(get=OWN_PROFILE, post=OWN_PROFILE),
    "guides:profile-export": Row(get=OWN_PROFILE),
    "guides:profile-delete-request": Row(post=OWN_PROFILE),
    "guides:confirm-profile": Row("confirm_token", get=TOKEN_LINK, post=TOKEN_LINK),
    "guides:photo": Row("guide", get=UNSHARED_PHOTO),
}

# One small JPEG under a fixed name, so the matrix does not leave a file per test behind.
MATRIX_PHOTO = "guides/photos/url-matrix-test.jpg"


def world(region, guide) -> dict:
    if not default_storage.exists(MATRIX_PHOTO):
        buffer = io.BytesIO()
        Image.new("RGB", (8, 8), "teal").save(buffer, format="JPEG")
        default_storage.save(MATRIX_PHOTO, ContentFile(buffer.getvalue()))
    guide.photo.name = MATRIX_PHOTO
    guide.photo_visibility = Visibility.NOBODY
    guide.save(update_fields=["photo", "photo_visibility"])
    return {
        "guide_to_delete": GuideFactory(
            region=region, user=UserFactory(), deletion_requested_at=timezone.now()
        ),
        # The URL argument of the confirm link is the token itself.
        "confirm_token": SimpleNamespace(pk=profile_confirmation_token(guide)),
    }
