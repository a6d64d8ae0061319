"""The guide's one short form for an accompaniment, and the filters of the impact page.

The form fits a phone: radio buttons (large targets, one tap each) for the short choices,
sensible defaults (today, the guide's region, one hour), and nothing to type about the
person: the model has no field for it.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.filters import QuickSelect
from lotsen.core.forms import VersionedModelForm
from lotsen.models.accompaniments import Accompaniment
from lotsen.referrals.selectors import accepted_requests_of
from regions.models import Region
from regions.scope.fields import RegionField


class AccompanimentForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = Accompaniment
        field_classes = {"region": RegionField}
        fields = [
            "date",
            "kind",
            "region",
            "language_level",
            "sector",
            "usability",
            "motivation",
            "language",
            "hours",
            "outcome",
            "referral",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "kind": forms.RadioSelect,
            "language_level": forms.RadioSelect,
            "usability": forms.RadioSelect,
            "motivation": forms.RadioSelect,
            "hours": forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "max": "24"}),
        }

    def __init__(self, *args, guide, **kwargs):
        super().__init__(*args, **kwargs)
        self.guide = guide
        self.fields["region"].queryset = Region.objects.order_by("name")
        self.fields["region"].empty_label = None
        if not self.instance.pk:
            self.fields["region"].initial = guide.region_id
        self.fields["sector"].empty_label = _("not recorded")
        self.fields["language"].empty_label = _("German")
        self.fields["kind"].choices = self.fields["kind"].choices[1:]  # no empty radio
        # Only requests this guide accepted can be linked: the choice never shows anyone
        # else's requests, and a forged value fails as an invalid choice.
        referral = self.fields["referral"]
        referral.queryset = accepted_requests_of(guide)
        referral.label_from_instance = lambda request: request.reference
        referral.empty_label = _("none")
        if not referral.queryset.exists() and not self.instance.referral_id:
            del self.fields["referral"]

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("The date lies in the future. Please record an accompaniment once it happened."),
                code="future",
            )
        if day < datetime.date(2000, 1, 1):
            raise forms.ValidationError(_("Please check the year of the date."), code="past")
        return day


class ImpactFilterForm(forms.Form):
    """The period and regions of the impact page: the last twelve months by default."""

    start = forms.DateField(
        label=_("from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    region = forms.ModelChoiceField(
        label=_("region"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("all my regions"),
        widget=QuickSelect,
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError(
                _("The start of the period lies after its end."), code="period"
            )
        return cleaned

    def span(self) -> tuple[datetime.date, datetime.date]:
        """The period asked for; a field with an error falls back to its default alone, so a
        refused region does not silently change the period the figures are for."""
        today = timezone.localdate()
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            start = end = None
        end = end or today
        start = start or (end - datetime.timedelta(days=364))
        return start, end
