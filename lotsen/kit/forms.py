import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.models import GuideKit


class KitChoicesForm(forms.ModelForm):
    class Meta:
        model = GuideKit
        fields = ["title_form", "contact", "sheet_language"]
        widgets = {
            "title_form": forms.RadioSelect,
            "contact": forms.RadioSelect,
            "sheet_language": forms.RadioSelect,
        }
        help_texts = {
            "contact": _(
                "Only this is printed on your cards and information sheet. "
                "Your regional coordination is the default: then none of your own numbers "
                "or addresses is printed."
            ),
        }


def _in_a_year() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=365)


class AttestationForm(forms.Form):
    valid_until = forms.DateField(
        label=_("Valid until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("At most two years from today."),
        initial=_in_a_year,
    )
