from django import forms
from django.db.models import QuerySet
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lotsen.forms import VersionedModelForm
from organisations.models import Agency, ContactPerson, MigrantOrganisation
from regions.selectors import regions_of


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
        self.fields["region"].queryset = regions_of(user)


class ContactPersonForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = ContactPerson
        fields = ["name", "position", "email", "phone"]


# --- Choices limited to the user's regions --------------------------------------------------


class ScopedChoicesMixin:
    """Many-to-many choices limited to what the user may see, without losing the rest.

    A coordinator picks only among rows of their own regions. Rows outside the offered choices
    (of other regions, or archived) that the record already points at are listed under the
    field and kept on save, instead of being silently removed because nobody could tick them.
    """

    def scope_choices(self, name: str, queryset: QuerySet, *, personal: bool = False) -> None:
        """Offer ``queryset`` for field ``name``; keep what the record has outside it.

        With ``personal`` (people, not organisations), the kept rows are counted, not named.
        """
        field = self.fields[name]
        field.queryset = queryset
        kept = []
        if self.instance.pk:
            kept = list(getattr(self.instance, name).exclude(pk__in=queryset.values("pk")))
        self._kept = {**getattr(self, "_kept", {}), name: kept}
        if not kept:
            return
        if personal:
            note = ngettext(
                "%(count)d more, not offered here (kept).",
                "%(count)d more, not offered here (kept).",
                len(kept),
            ) % {"count": len(kept)}
        else:
            names = format_html_join(", ", "{}", ((str(obj),) for obj in kept))
            note = format_html("{} {}", _("Also linked, not offered here (kept):"), names)
        if field.help_text:
            note = format_html("{} {}", field.help_text, note)
        field.help_text = note

    def clean(self):
        cleaned_data = super().clean()
        for name, kept in getattr(self, "_kept", {}).items():
            if kept and name in cleaned_data:
                cleaned_data[name] = [*cleaned_data[name], *kept]
        return cleaned_data


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
