"""Forms of the staff pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lotsen.core.roles import Role
from lotsen.core.search import german
from regions.models import Region

STAFF_ROLE_CHOICES = [
    (Role.ADMIN.value, Role.ADMIN.label),
    (Role.COORDINATOR.value, Role.COORDINATOR.label),
]


class _AccountFields(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=STAFF_ROLE_CHOICES, widget=forms.RadioSelect)
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The regions a coordinator works in. The Landeskoordination works in every region."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = Region.objects.order_by(german("name"))


class InviteForm(_AccountFields):
    email = forms.EmailField(label=_("Email address"), max_length=254)

    field_order = ["name", "email", "role", "regions"]


class AccountForm(_AccountFields):
    pass
