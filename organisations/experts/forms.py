from django import forms
from django.utils.translation import gettext_lazy as _

from lotsen.core.permissions import visible_to
from organisations.models import Expert, ExpertRequest, ProfessionalisationTopic
from regions.scope.fields import RegionField
from regions.scope.selectors import regions_of


class ExpertRequestForm(forms.ModelForm):
    class Meta:
        field_classes = {"region": RegionField}
        model = ExpertRequest
        fields = ["region", "topic", "date", "event", "note"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "event": _("Optional: the meeting or training unit the expert is asked for."),
            "note": _("What the expert should know: audience, place, length."),
        }

    def __init__(self, *args, user, expert: Expert, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_of(user)
        topics = expert.topics.all()
        self.fields["topic"].queryset = (
            topics if topics.exists() else ProfessionalisationTopic.objects.all()
        )
        self.fields["event"].queryset = visible_to(user, events).order_by("-starts_at")

    def clean(self):
        data = super().clean()
        event, region = data.get("event"), data.get("region")
        if event is not None and region is not None and event.region_id not in (None, region.pk):
            self.add_error("event", _("Choose an event of the region you request the expert for."))
        return data


class ExpertProfileForm(forms.ModelForm):
    """What an expert keeps current through the personal link."""

    profile = forms.CharField(
        label=_("short profile"), max_length=2000, required=False, widget=forms.Textarea
    )

    class Meta:
        model = Expert
        fields = [
            "name", "email", "phone", "topics", "languages", "availability", "conditions",
            "profile", "name_visibility", "contact_visibility", "profile_visibility",
        ]  # fmt: skip
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "name_visibility": forms.RadioSelect,
            "contact_visibility": forms.RadioSelect,
            "profile_visibility": forms.RadioSelect,
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your answer"),
        choices=[("accept", _("accept")), ("decline", _("decline"))],
        widget=forms.RadioSelect,
    )
