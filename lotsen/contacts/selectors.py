"""Reads of the contact log: which notes a user sees about which record."""

from django.db.models import OuterRef, QuerySet, Subquery

from lotsen.core.permissions import visible_to
from lotsen.models import ContactNote, Guide

# The record a note is about, by its model label: the note's field pointing at it.
SUBJECT_FIELDS = {
    "organisations.migrantorganisation": "organisation",
    "organisations.agency": "agency",
    "lotsen.guide": "guide",
}


def notes_about(user, record) -> QuerySet[ContactNote]:
    """The notes about ``record`` that ``user`` may read in the workspace (none for guides)."""
    field = SUBJECT_FIELDS[record._meta.label_lower]
    notes = ContactNote.objects.filter(**{field: record}).select_related("author")
    return visible_to(user, notes).order_by("-happened_on", "-pk")


def shared_with_guide(guide: Guide) -> QuerySet[ContactNote]:
    """The notes about ``guide`` that the coordination marked as shareable with them."""
    return guide.contact_notes.filter(shareable=True).order_by("-happened_on", "-pk")


def with_last_contact(records: QuerySet) -> QuerySet:
    """``records`` (organisations, agencies or guides) each with ``last_contact``: the date of
    the newest note about it, for the exports of the workspace lists."""
    field = SUBJECT_FIELDS[records.model._meta.label_lower]
    newest = (
        ContactNote.objects.filter(**{field: OuterRef("pk")})
        .order_by("-happened_on")
        .values("happened_on")[:1]
    )
    return records.annotate(last_contact=Subquery(newest))
