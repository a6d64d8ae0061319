from django import forms
from django.db import models


def _formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    # Addresses typed without a scheme ("www.mozaik.de") mean https, as in Django 6.
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class VersionedModelForm(forms.ModelForm):
    """Carries the record's ``updated_at`` as it was when the form was opened.

    ``lotsen.services.save_form`` compares it with the stored value, so a second browser tab
    cannot silently overwrite changes made in the first. Subclasses declare
    ``class Meta(VersionedModelForm.Meta)`` to keep its form-field defaults.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        formfield_callback = _formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.updated_at:
            self.fields["version"].initial = self.instance.updated_at.isoformat()
