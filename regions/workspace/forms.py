from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.models import CooperationStatus


class CooperationStatusForm(forms.Form):
    """A new entry of a region's cooperation status history; ``set_cooperation_status`` saves it."""

    status = forms.ChoiceField(label=_("Cooperation status"), choices=CooperationStatus.choices)
    valid_from = forms.DateField(
        label=_("Valid from"),
        help_text=_("The day the status changed; today or earlier."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        help_text=_("For example what was agreed, and with whom."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["valid_from"].initial = today
        self.fields["valid_from"].widget.attrs["max"] = today.isoformat()
