"""Saving workspace forms: one transaction, and no edit that overwrites a newer one."""

from typing import TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

_Record = TypeVar("_Record", bound=models.Model)


@transaction.atomic
def save_form(*, form: "forms.ModelForm[_Record]") -> _Record:
    """Save a valid workspace form in one transaction, with its many-to-many fields.

    Raises ``ValidationError`` (code ``conflict``) when the record was changed by someone else
    since the form was opened; nothing is saved then.
    """
    instance = form.instance
    seen = form.cleaned_data.get("version")
    if instance.pk and seen:
        current = (
            type(instance)
            ._default_manager.select_for_update()
            .filter(pk=instance.pk)
            .values_list("updated_at", flat=True)
            .first()
        )
        if current is not None and current.isoformat() != seen:
            raise conflict()
    return form.save()


def conflict() -> ValidationError:
    """The error of an edit that would overwrite someone else's newer changes."""
    return ValidationError(
        _(
            "Someone else changed this record after you opened it. Your changes were not "
            "saved: please check the current values below and enter your changes again."
        ),
        code="conflict",
    )
