"""Changes to the photos of event reports: add, edit, delete, and their files in storage.

A photo's file goes when its row goes, whichever way that happens: through ``delete_photo``, or
as a cascade when a report or an event is deleted (in the admin, or by code that knows nothing of
photos). That is why the file is removed by a ``post_delete`` signal rather than by a service: a
cascade runs no service, but it sends the signal for every row it deletes. The file is removed
only once the deletion is committed, so a rolled-back deletion keeps its photo.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext, ngettext

from events.models import EventReport, ReportPhoto

MAX_PHOTOS = 12


def _too_many() -> ValidationError:
    return ValidationError(
        ngettext(
            "A report can have at most %(count)d photo. Please delete one before adding another.",
            "A report can have at most %(count)d photos. Please delete one before adding another.",
            MAX_PHOTOS,
        )
        % {"count": MAX_PHOTOS},
        code="too_many_photos",
    )


def may_add_photo(report: EventReport) -> bool:
    return report.photos.count() < MAX_PHOTOS


def add_photo(
    *, report: EventReport, image, alt_text: str, caption: str = "", credit: str = ""
) -> ReportPhoto:
    """Add a photo (an already re-encoded ``image``) at the end of the report's photos.

    Raises ``ValidationError`` (code ``too_many_photos``) when the report already has
    ``MAX_PHOTOS``; then nothing is stored, neither the row nor the file.
    """
    # Random file names: nothing about the event or the uploader's file leaks into storage.
    image.name = f"{uuid.uuid4().hex}.jpg"
    photo = ReportPhoto(report=report, alt_text=alt_text, caption=caption, credit=credit)
    try:
        with transaction.atomic():
            # The report's row is the lock: two uploads at once cannot both take the last place.
            if not EventReport.objects.select_for_update().filter(pk=report.pk).exists():
                raise ValidationError(
                    gettext("This report was deleted in the meantime."), code="no_report"
                )
            existing = ReportPhoto.objects.filter(report=report)
            if existing.count() >= MAX_PHOTOS:
                raise _too_many()
            last = existing.aggregate(last=Max("position"))["last"]
            photo.position = 0 if last is None else last + 1
            photo.image.save(image.name, image, save=False)
            photo.save()
    except BaseException:
        if photo.image.name:  # written before the failure: no row will ever point at it
            photo.image.storage.delete(photo.image.name)
        raise
    return photo


@transaction.atomic
def update_photos(*, formset) -> list[ReportPhoto]:
    """Save a valid formset of a report's photos (descriptions, captions, credits, order)."""
    return formset.save()


@transaction.atomic
def delete_photo(*, photo: ReportPhoto) -> None:
    """Delete a photo; its file follows once the deletion is committed (see the signal)."""
    photo.delete()


def delete_file_after_commit(sender, instance: ReportPhoto, **kwargs) -> None:
    """``post_delete`` of ``ReportPhoto``: remove the file once the deletion is committed."""
    name = instance.image.name
    if name:
        storage = instance.image.storage
        transaction.on_commit(lambda: storage.delete(name), robust=True)
