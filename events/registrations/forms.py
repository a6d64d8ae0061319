from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from events.models import Registration
from events.registrations.consent import CONSENT_HELP, CONSENT_TEXT_VERSION, CONSENT_TEXTS


def _model_field(name: str, **kwargs) -> forms.Field:
    """The form field of ``Registration.<name>``, with its label, help text and length."""
    return Registration._meta.get_field(name).formfield(**kwargs)


class RegistrationForm(forms.Form):
    """The public registration form; the view hands its data to the registration services."""

    name = _model_field("name", widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = _model_field("email", widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    organisation = _model_field(
        "organisation", widget=forms.TextInput(attrs={"autocomplete": "organization"})
    )
    interpreting = _model_field("interpreting")
    accessibility = _model_field("accessibility", widget=forms.Textarea(attrs={"rows": 3}))
    consent = forms.BooleanField(
        label=CONSENT_TEXTS[CONSENT_TEXT_VERSION],
        help_text=CONSENT_HELP,
        error_messages={
            "required": _(
                "Please agree to the use of your details: we cannot register you without it."
            )
        },
    )
    # A trap for robots that fill in every field; people never see it (hidden by CSS).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("organisation", "interpreting", "accessibility"):
            field = self.fields[name]
            field.label = _("%(label)s (optional)") % {"label": capfirst(field.label)}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website"):
            raise ValidationError(
                _("Your registration could not be sent. Please try again."), code="trap"
            )
        return cleaned
