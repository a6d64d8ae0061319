from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


def _formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    # Addresses typed without a scheme ("www.mozaik.de") mean https, as in Django 6.
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class VersionedModelForm(forms.ModelForm):
    """Carries the record's ``updated_at`` as it was when the form was opened.

    ``lotsen.core.services.save_form`` compares it with the stored value, so a second browser tab
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


class ScopedChoicesMixin:
    """Many-to-many choices limited to what the user may see, without losing the rest.

    A coordinator picks only among rows of their own regions. Rows outside the offered choices
    (of other regions, or archived) that the record already points at are listed under the
    field and kept on save, instead of being silently removed because nobody could tick them.
    """

    def scope_choices(self, name: str, queryset: QuerySet, *, personal: bool = False) -> None:
        """Offer ``queryset`` for field ``name``; keep what the record has outside it.

        With ``personal`` (people, not organisations), the kept rows are counted, not named.
        """
        field = self.fields[name]
        field.queryset = queryset
        kept = []
        if self.instance.pk:
            kept = list(getattr(self.instance, name).exclude(pk__in=queryset.values("pk")))
        self._kept = {**getattr(self, "_kept", {}), name: kept}
        if not kept:
            return
        if personal:
            note = ngettext(
                "%(count)d more, not offered here (kept).",
                "%(count)d more, not offered here (kept).",
                len(kept),
            ) % {"count": len(kept)}
        else:
            names = format_html_join(", ", "{}", ((str(obj),) for obj in kept))
            note = format_html("{} {}", _("Also linked, not offered here (kept):"), names)
        if field.help_text:
            note = format_html("{} {}", field.help_text, note)
        field.help_text = note

    def clean(self):
        cleaned_data = super().clean()
        for name, kept in getattr(self, "_kept", {}).items():
            if kept and name in cleaned_data:
                cleaned_data[name] = [*cleaned_data[name], *kept]
        return cleaned_data
