from django import forms
from django.utils.translation import gettext_lazy as _

from lotsen.core.forms import ScopedChoicesMixin, VersionedModelForm
from organisations.models import Agency, ContactPerson, MigrantOrganisation
from regions.scope.fields import RegionField
from regions.scope.selectors import regions_of


class OrganisationForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        field_classes = {"region": RegionField}
        model = MigrantOrganisation
        fields = [
            "name", "legal_form", "region", "street", "postal_code", "city", "website", "email",
            "phone", "communities", "languages", "thematic_fields", "member_count",
            "has_full_time_staff", "roles", "professionalisation_needs", "joined_on",
            "activities", "audience", "listed_publicly",
        ]  # fmt: skip
        widgets = {
            "communities": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "thematic_fields": forms.CheckboxSelectMultiple,
            "roles": forms.CheckboxSelectMultiple,
            "professionalisation_needs": forms.CheckboxSelectMultiple,
            "joined_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "website": forms.URLInput(attrs={"placeholder": "https://"}),
            "activities": forms.Textarea(attrs={"rows": 4}),
            "audience": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].help_text = _(
            "The languages the organisation works in; shown in the public directory."
        )
        self.fields["region"].queryset = regions_of(user)


class ContactPersonForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = ContactPerson
        fields = ["name", "position", "email", "phone"]


# --- Choices limited to the user's regions --------------------------------------------------


# --- Cooperating agencies -------------------------------------------------------------------


class AgencyForm(ScopedChoicesMixin, VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = Agency
        fields = [
            "name", "kind", "regions", "street", "postal_code", "city", "website",
            "cooperation_agreed_on",
        ]  # fmt: skip
        widgets = {
            "regions": forms.CheckboxSelectMultiple,
            "cooperation_agreed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "website": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        regions = self.fields["regions"]
        # The rules decide who may keep a statewide agency: ask them about one without regions.
        if not user.has_perm("organisations.add_agency", Agency()):
            regions.required = True
            regions.help_text = _("Tick at least one of your regions.")
            regions.error_messages["required"] = _(
                "Tick at least one of your regions: only the Landeskoordination manages "
                "statewide agencies."
            )
        self.scope_choices("regions", regions_of(user))
