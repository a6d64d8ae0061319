from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import VersionedModelForm
from lotsen.core.permissions import visible_to
from organisations.models import Expert, MigrantOrganisation, SupportMeasure

DATE = {"type": "date"}


class SupportMeasureForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = SupportMeasure
        fields = [
            "kind", "received_on", "ends_on", "topics", "providing_organisation", "expert",
            "provider", "note", "follow_up_on", "follow_up_note",
        ]  # fmt: skip
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "received_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "follow_up_on": forms.DateInput(attrs=DATE, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
            "follow_up_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        # A tandem partner may work in another region: organisations listed publicly are
        # offered too; those neither visible nor listed stay hidden (but kept when linked).
        current = Q(pk=instance.providing_organisation_id) if instance.pk else Q(pk__in=[])
        visible = visible_to(user, MigrantOrganisation.objects.active()).values("pk")
        partners = MigrantOrganisation.objects.filter(
            Q(pk__in=visible) | Q(listed_publicly=True, archived_at__isnull=True) | current
        ).exclude(pk=instance.organisation_id)
        self.fields["providing_organisation"].queryset = partners.order_by("name")
        experts = Expert.objects.filter(
            Q(archived_at__isnull=True) | (Q(pk=instance.expert_id) if instance.pk else Q())
        )
        self.fields["expert"].queryset = experts.order_by("name")

    def clean(self):
        data = super().clean()
        starts, ends = data.get("received_on"), data.get("ends_on")
        follow_up = data.get("follow_up_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date cannot lie before the start date."))
        if starts and follow_up and follow_up < starts:
            self.add_error(
                "follow_up_on", _("The follow-up cannot lie before the start of the measure.")
            )
        if data.get("providing_organisation") and data.get("expert"):
            self.add_error(
                "expert",
                _("Choose either the providing organisation or the expert, not both."),
            )
        elif not (data.get("providing_organisation") or data.get("expert") or data.get("provider")):
            self.add_error(
                "providing_organisation",
                _("Say who provides the measure: an organisation, an expert or another provider."),
            )
        return data
