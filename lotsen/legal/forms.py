"""Forms of the legal pages: the Landeskoordination's editor and the public feedback form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lotsen.models.legal import Conformance, LegalDocument, LegalText

TRAP_FIELD = "website"


class LegalTextForm(forms.ModelForm):
    """The next version of a legal text; the accessibility statement also has its status."""

    class Meta:
        model = LegalText
        fields = ["conformance", "body", "note"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 24, "cols": 80, "spellcheck": "true"}),
            "conformance": forms.RadioSelect,
        }

    def __init__(self, *args, document: str, **kwargs):
        super().__init__(*args, **kwargs)
        if document == LegalDocument.ACCESSIBILITY:
            field = self.fields["conformance"]
            field.required = True
            field.choices = Conformance.choices
            self.fields["body"].label = _("Known limitations (content that is not accessible)")
        else:
            del self.fields["conformance"]
        self.fields["note"].label = _("%(label)s (optional)") % {
            "label": capfirst(self.fields["note"].label)
        }


class AccessibilityFeedbackForm(forms.Form):
    """A barrier to report, from the accessibility statement (BITV 2.0 § 7 Abs. 1 Nr. 2)."""

    name = forms.CharField(
        label=_("Name (optional)"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We answer you there and send you a copy of your message."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Please enter your email address, so that we can answer you."),
            "invalid": _("Enter a valid email address, for example name@example.org."),
        },
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        help_text=_("Which page, and what did not work for you?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Please write what you would like to tell us.")},
    )
    # A trap for robots that fill in every field; people never see it (the wrapper is hidden).
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    @property
    def visible_fields_without_trap(self):
        return [field for field in self.visible_fields() if field.name != TRAP_FIELD]

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(TRAP_FIELD))

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise ValidationError(_("Please write what you would like to tell us."))
        return message
