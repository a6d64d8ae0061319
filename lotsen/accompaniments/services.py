"""Recording and correcting accompaniments; only the guide who gave one changes it."""

from django.core.exceptions import PermissionDenied

from lotsen.accompaniments.forms import AccompanimentForm
from lotsen.core.services import save_form
from lotsen.models.accompaniments import Accompaniment


def save_accompaniment(*, form: AccompanimentForm, user) -> Accompaniment:
    """Save the guide's form in one transaction as the guide's own accompaniment.

    Raises ``PermissionDenied`` when the record belongs to another guide, and
    ``ValidationError`` (``conflict``) when it was changed since the form was opened; nothing
    is saved then.
    """
    instance = form.instance
    if instance.pk and instance.guide.user_id != user.pk:
        raise PermissionDenied
    instance.guide = form.guide
    return save_form(form=form)
