from django import forms

from lotsen.forms import VersionedModelForm
from organisations.models import ContactPerson, MigrantOrganisation
from organisations.selectors import regions_for


class OrganisationForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = MigrantOrganisation
        fields = [
            "name", "legal_form", "region", "street", "postal_code", "city", "website", "email",
            "phone", "communities", "languages", "thematic_fields", "member_count",
            "has_full_time_staff", "roles", "professionalisation_needs", "joined_on",
            "listed_publicly",
        ]  # fmt: skip
        widgets = {
            "communities": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "thematic_fields": forms.CheckboxSelectMultiple,
            "roles": forms.CheckboxSelectMultiple,
            "professionalisation_needs": forms.CheckboxSelectMultiple,
            "joined_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "website": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions_for(user)


class ContactPersonForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = ContactPerson
        fields = ["name", "position", "email", "phone"]
