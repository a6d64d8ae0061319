import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from lotsen.models import Guide, GuideStatus, GuideStatusChange
from lotsen.status_history import record_status_change


@transaction.atomic
def set_guide_status(
    *,
    guide: Guide,
    status: GuideStatus | str,
    valid_from: datetime.date,
    note: str = "",
    recorded_by=None,
) -> GuideStatusChange:
    """Record the guide's status from ``valid_from`` on, keeping the history.

    Raises ``ValidationError`` for a date in the future.
    """
    return record_status_change(
        history=GuideStatusChange,
        owner="guide",
        instance=guide,
        status=GuideStatus(status),
        valid_from=valid_from,
        note=note,
        recorded_by=recorded_by,
    )


@transaction.atomic
def save_form(*, form: forms.ModelForm) -> models.Model:
    """Save a valid workspace form in one transaction, with its many-to-many fields.

    Raises ``ValidationError`` (code ``conflict``) when the record was changed by someone else
    since the form was opened; nothing is saved then.
    """
    instance = form.instance
    seen = form.cleaned_data.get("version")
    if instance.pk and seen:
        current = (
            type(instance)
            .objects.select_for_update()
            .filter(pk=instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        if current is not None and current.isoformat() != seen:
            raise ValidationError(
                _(
                    "Someone else changed this record after you opened it. Your changes were "
                    "not saved: please check the current values below and enter your changes "
                    "again."
                ),
                code="conflict",
            )
    return form.save()
