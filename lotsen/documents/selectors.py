"""Reads of the document library: which documents an account may see."""

from django.db.models import Q, QuerySet

from lotsen.core.permissions import is_admin, is_coordinator, is_member
from lotsen.models import Document, DocumentAudience, DocumentVersion, WorkingGroup


def documents_for(user) -> QuerySet[Document]:
    """The documents ``user`` may see, newest first: the audience decides; the uploader and
    the Landeskoordination see theirs always. Every other document is a 404."""
    documents = Document.objects.select_related("region", "group", "event")
    if not is_member(user):
        return documents.none()
    if is_admin(user):
        return documents
    audiences = [DocumentAudience.MEMBERS]
    if is_coordinator(user):
        audiences.append(DocumentAudience.COORDINATORS)
    return documents.filter(
        Q(audience__in=audiences)
        | Q(audience=DocumentAudience.GROUP, group__in=user.working_groups.values("pk"))
        | Q(created_by=user)
    )


def versions_of(document: Document) -> QuerySet[DocumentVersion]:
    return document.versions.select_related("uploaded_by").order_by("-number")


def current_version(document: Document) -> DocumentVersion | None:
    return document.versions.order_by("-number").first()


def groups_to_choose(user) -> QuerySet[WorkingGroup]:
    """The working groups ``user`` may address a document (or message) to."""
    if is_admin(user):
        return WorkingGroup.objects.all()
    if not is_member(user):
        return WorkingGroup.objects.none()
    return user.working_groups.all()


def event_documents_for(user, event) -> list[Document]:
    """The documents attached to ``event`` that ``user`` may see."""
    return list(documents_for(user).filter(event=event))
