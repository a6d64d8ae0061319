import django_filters
from django.utils.translation import gettext_lazy as _

from lotsen.filters import (
    ArchiveStateFilter,
    GermanOrderingFilter,
    SearchFilter,
    WorkspaceFilterSet,
)
from organisations.models import Community, Language, MigrantOrganisation, ThematicField
from organisations.selectors import regions_for


class OrganisationFilter(WorkspaceFilterSet):
    q = SearchFilter(fields=["name", "city", "postal_code"])
    region = django_filters.ModelChoiceFilter(queryset=None, label=_("Region"))
    languages = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(), label=_("Language")
    )
    communities = django_filters.ModelChoiceFilter(
        queryset=Community.objects.all(), label=_("Community")
    )
    thematic_fields = django_filters.ModelChoiceFilter(
        queryset=ThematicField.objects.all(), label=_("Thematic field")
    )
    listed_publicly = django_filters.BooleanFilter(label=_("Listed publicly"))
    state = ArchiveStateFilter()
    order = GermanOrderingFilter(
        fields=[("name", "name"), ("region__name", "region"), ("city", "city"),
                ("joined_on", "joined_on")],
        field_labels={"name": _("Name"), "region__name": _("Region"), "city": _("City"),
                      "joined_on": _("In the network since")},
        text_fields=["name", "region__name", "city"],
        label=_("Sort by"),
    )  # fmt: skip

    class Meta:
        model = MigrantOrganisation
        fields = ["q", "region", "languages", "communities", "thematic_fields", "listed_publicly"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["region"].queryset = regions_for(self.user)
