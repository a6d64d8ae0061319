"""Changes of the document library: a new document with its first file, new versions."""

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from lotsen.documents.files import check_file
from lotsen.models import Document, DocumentVersion, User


def _name(filename: str) -> str:
    # Only the last part of what the browser sent, short enough for the column.
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip() or "dokument"
    return name if len(name) <= 150 else name[:100] + "…" + name[-40:]


@transaction.atomic
def create_document(*, document: Document, data: bytes, filename: str, user: User) -> Document:
    """Save ``document`` (unsaved, its fields set) with ``data`` as its first version.

    The file is checked by its content first (``ValidationError``); nothing is saved then.
    """
    checked = check_file(data, filename)
    document.created_by = user
    if not user.has_perm("lotsen.add_document", document):
        raise PermissionDenied
    document.text = checked.text
    document.full_clean()
    document.save()
    _add_version(document=document, number=1, data=data, filename=filename, user=user,
                 checked=checked)  # fmt: skip
    return document


@transaction.atomic
def add_version(*, document: Document, data: bytes, filename: str, user: User) -> DocumentVersion:
    """A new current version of ``document``; the older versions stay."""
    if not user.has_perm("lotsen.change_document", document):
        raise PermissionDenied
    checked = check_file(data, filename)
    document = Document.objects.select_for_update().get(pk=document.pk)
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = _add_version(document=document, number=last + 1, data=data, filename=filename,
                           user=user, checked=checked)  # fmt: skip
    document.text = checked.text
    document.save(update_fields=["text", "updated_at"])
    return version


def _add_version(*, document, number, data, filename, user, checked) -> DocumentVersion:
    version = DocumentVersion(
        document=document,
        number=number,
        filename=_name(filename),
        content_type=checked.content_type,
        size=len(data),
        text=checked.text,
        uploaded_by=user,
        uploaded_at=timezone.now(),
    )
    # Written once the row is valid; a rolled-back transaction leaves an orphan file at worst,
    # never a row without its file.
    version.file.save("upload", ContentFile(data), save=False)
    version.save()
    return version


@transaction.atomic
def update_document(*, document: Document, user: User) -> Document:
    """Save changed metadata of ``document`` (title, audience, ...)."""
    if not user.has_perm("lotsen.change_document", document):
        raise PermissionDenied
    document.full_clean()
    document.save()
    return document
