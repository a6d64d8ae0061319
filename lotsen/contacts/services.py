"""Changes to the contact log."""

from django.db import transaction

from lotsen.contacts.forms import ContactNoteForm
from lotsen.core.services import save_form
from lotsen.models import ContactNote


@transaction.atomic
def save_note(*, form: ContactNoteForm, author) -> ContactNote:
    """Save a note; a new one records who wrote it."""
    if form.instance.pk is None:
        form.instance.author = author
    return save_form(form=form)


@transaction.atomic
def delete_note(*, note: ContactNote) -> None:
    note.delete()
