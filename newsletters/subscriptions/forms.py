from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from newsletters.models import Subscriber
from newsletters.subscriptions.consent import CONSENT_TEXT_VERSION, consent_text

# The spam trap: a field people never see (hidden by the stylesheet, not by an attribute bots
# recognise) and would leave empty; form-filling robots fill in every field they find.
TRAP_FIELD = "homepage"


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Please enter a complete email address, such as name@example.org.")
        },
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the newsletter"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=consent_text(CONSENT_TEXT_VERSION),
        error_messages={"required": _("Please agree, otherwise we may not send you anything.")},
    )
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = translation.get_language()
        self.fields["language"].initial = (
            current if current in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        )

    @property
    def visible_fields_without_trap(self):
        return [field for field in self if field.name != TRAP_FIELD]

    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(TRAP_FIELD))


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = Subscriber
        fields = ["name", "organisation", "language"]
        labels = {"language": _("Language of the newsletter")}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "language": forms.RadioSelect,
        }
