import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from lotsen.filters import (
    ArchiveStateFilter,
    GermanOrderingFilter,
    SearchFilter,
    WorkspaceFilterSet,
)
from lotsen.search import german
from organisations.models import (
    Agency,
    AgencyKind,
    Community,
    Language,
    MigrantOrganisation,
    ThematicField,
)
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
        self.filters["region"].queryset = regions_for(self.user)

    @staticmethod
    def filter_contact(queryset, name, value):
        # contact_count is annotated by organisations_for().
        if value == "none":
            return queryset.filter(contact_count=0)
        return queryset.filter(contact_count__gt=0)


# --- Cooperating agencies -------------------------------------------------------------------

STATEWIDE = "statewide"


class QuickSelect(forms.Select):
    """A select of flat choices rendered in Python, without a template per option.

    The Landeskoordination of a network a hundred times the demo's size picks from some 1,600
    regions; Django's template per option would take most of a second for that one list.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        parts = [f'<select name="{escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>']
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            mark = " selected" if option_value in selected else ""
            parts.append(f'<option value="{escape(option_value)}"{mark}>{escape(label)}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))  # every value and label is escaped above


class RegionScopeFilter(django_filters.ChoiceFilter):
    """One of the user's regions, or "statewide" (no region) for those who may see such rows.

    Call ``set_choices`` from the filter set's ``__init__``: the choices depend on the user.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Region"))
        kwargs.setdefault("empty_label", _("all regions"))
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(*args, choices=[], **kwargs)

    def set_choices(self, regions, *, statewide: bool) -> None:
        choices = [(str(pk), name) for pk, name in regions.values_list("pk", "name")]
        if statewide:
            choices.insert(0, (STATEWIDE, _("statewide (no region)")))
        self.extra["choices"] = choices

    def filter(self, qs, value):
        if not value:
            return qs
        if value == STATEWIDE:
            return qs.filter(**{f"{self.field_name}__isnull": True})
        return qs.filter(**{self.field_name: value})


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
            regions_for(self.user).order_by(german("name")),
            statewide=self.user.has_perm("organisations.view_agency", Agency()),
        )
