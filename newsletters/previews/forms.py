from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class TestSendForm(forms.Form):
    """Where a test copy of the issue goes, and in which language."""

    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("The test copy goes to this address only; no subscriber gets it."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
