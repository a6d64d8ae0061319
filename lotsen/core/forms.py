from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lotsen.core.filters import QuickSelect


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


class NameOrChoiceWidget(forms.Widget):
    """A select of the field's rows while they are few, a text field for a name beyond
    ``NameOrChoiceField.many``; decided when the form is shown, with one query either way."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices: Any = []

    def render(self, name, value, attrs=None, renderer=None):
        field = self.choices.field  # the ModelChoiceIterator the field hands its widget
        rows = list(field.queryset.values_list("pk", field.name_field)[: field.many + 1])
        if len(rows) <= field.many:
            select = QuickSelect(self.attrs)
            empty = [] if field.empty_label is None else [("", field.empty_label)]
            select.choices = [*empty, *rows]
            if not empty and attrs:  # as Django's Select: "required" needs an empty first option
                attrs = {key: given for key, given in attrs.items() if key != "required"}
            return select.render(name, value, attrs, renderer)
        text = forms.TextInput({**self.attrs, "type": "search", "autocomplete": "off"})
        return text.render(name, field.name_of(value), attrs, renderer)


class NameOrChoiceField(forms.ModelChoiceField):
    """A row of a table that may hold thousands, such as the regions of a large network.

    While the rows are few, a select; beyond ``many``, a text field for the row's name: the
    exact name (in any case), or a part that only one name holds. A value of digits is a
    primary key, as a select sends it.
    """

    widget = NameOrChoiceWidget
    many = 300
    name_field = "name"
    default_error_messages = {
        "no_match": _("Nothing here is called “%(value)s”."),
        "several": _("“%(value)s” is part of several names: %(names)s. Please type more of it."),
    }

    def name_of(self, value) -> str:
        """What the text field shows: a typed text as typed, a key (the initial value of a
        saved record) as its row's name."""
        if isinstance(value, models.Model):
            return str(getattr(value, self.name_field))
        if value in self.empty_values:
            return ""
        if str(value).isdigit():
            names = self.queryset.filter(pk=value).values_list(self.name_field, flat=True)
            return next(iter(names), str(value))
        return str(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, str) and not value.isdigit():
            return self._by_name(value.strip())
        return super().to_python(value)

    def _by_name(self, typed: str):
        exact = list(self.queryset.filter(**{f"{self.name_field}__iexact": typed})[:2])
        if len(exact) == 1:
            return exact[0]
        holding = list(self.queryset.filter(**{f"{self.name_field}__icontains": typed})[:6])
        if len(holding) == 1:
            return holding[0]
        if not holding:
            raise ValidationError(
                self.error_messages["no_match"], code="no_match", params={"value": typed}
            )
        names = ", ".join(str(getattr(row, self.name_field)) for row in holding[:5])
        if len(holding) > 5:
            names += ", …"
        raise ValidationError(
            self.error_messages["several"],
            code="several",
            params={"value": typed, "names": names},
        )
