import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from lotsen.core.filters import (
    ArchiveStateFilter,
    GermanOrderingFilter,
    RegionScopeFilter,
    SearchFilter,
    WorkspaceFilterSet,
)
from lotsen.core.search import german
from organisations.models import (
    Agency,
    AgencyKind,
    Community,
    ContactPerson,
    Language,
    MigrantOrganisation,
    ThematicField,
)
from regions.scope.selectors import regions_of


class OrganisationFilter(WorkspaceFilterSet):
    q = SearchFilter(fields=["name", "city", "postal_code"])
    region = RegionScopeFilter()
    languages = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(), label=_("Language"), empty_label=_("any language")
    )
    communities = django_filters.ModelChoiceFilter(
        queryset=Community.objects.all(), label=_("Community"), empty_label=_("all")
    )
    thematic_fields = django_filters.ModelChoiceFilter(
        queryset=ThematicField.objects.all(), label=_("Thematic field"), empty_label=_("all")
    )
    # "all", not Django's "Unknown", for the filter that is not set.
    listed_publicly = django_filters.BooleanFilter(
        label=_("Listed publicly"),
        widget=forms.Select(choices=[("", _("all")), ("true", _("yes")), ("false", _("no"))]),
    )
    contact = django_filters.ChoiceFilter(
        label=_("Contact person"),
        choices=[("none", _("without contact person")), ("some", _("with contact person"))],
        empty_label=_("all"),
        method="filter_contact",
    )
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
        self.filters["region"].set_choices(regions_of(self.user))

    @staticmethod
    def filter_contact(queryset, name, value):
        # A list of ids PostgreSQL hashes once, not a count per organisation.
        with_contact = ContactPerson.objects.filter(organisation__isnull=False)
        if value == "none":
            return queryset.exclude(pk__in=with_contact.values("organisation"))
        return queryset.filter(pk__in=with_contact.values("organisation"))


# --- Cooperating agencies -------------------------------------------------------------------


class AgencyFilter(WorkspaceFilterSet):
    q = SearchFilter(fields=["name", "city", "postal_code"])
    region = RegionScopeFilter(field_name="regions")
    kind = django_filters.ChoiceFilter(
        choices=AgencyKind.choices, label=_("Kind"), empty_label=_("all kinds")
    )
    state = ArchiveStateFilter()
    order = GermanOrderingFilter(
        fields=[("name", "name"), ("city", "city"), ("cooperation_agreed_on", "agreed_on")],
        field_labels={"name": _("Name"), "city": _("City"),
                      "cooperation_agreed_on": _("Cooperation agreement signed on")},
        text_fields=["name", "city"],
        label=_("Sort by"),
    )  # fmt: skip

    class Meta:
        model = Agency
        fields = ["q", "region", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The rules decide who may see statewide agencies: ask them about one without regions.
        self.filters["region"].set_choices(
            regions_of(self.user).order_by(german("name")),
            statewide=self.user.has_perm("organisations.view_agency", Agency()),
        )
