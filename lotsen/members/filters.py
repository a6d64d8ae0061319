"""Filters of the members' directory: region, language and area of expertise.

A filter on a guide's languages or expertise matches only guides who shared that part with the
network: otherwise the result list would reveal what a guide chose to keep to themselves.
"""

import django_filters
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from lotsen.core.filters import QuickSelect
from lotsen.members import selectors
from lotsen.models.guides import ExpertiseArea
from organisations.models import Language


def _choice(label, **kwargs) -> django_filters.ChoiceFilter:
    # Choices are read once per request in __init__; a ModelChoiceFilter would read its table
    # once to show the options and once more to check the chosen value.
    return django_filters.ChoiceFilter(
        choices=[], label=label, empty_label=_("all"), widget=QuickSelect, **kwargs
    )


class MembersFilterSet(django_filters.FilterSet):
    """Always bound, so a list without parameters takes the same path as a filtered one."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data if data is not None else QueryDict(), *args, **kwargs)
        for name, choices in self.get_choices().items():
            self.filters[name].extra["choices"] = choices

    def get_choices(self) -> dict[str, list[tuple[str, str]]]:
        return {"region": list(selectors.regions_by_name().values_list("slug", "name"))}


class GuideDirectoryFilter(MembersFilterSet):
    region = _choice(_("Region"), field_name="region__slug")
    language = _choice(_("Language"), method="filter_language")
    expertise = _choice(_("Area of expertise"), method="filter_expertise")

    def get_choices(self):
        return {
            **super().get_choices(),
            "language": [(str(term.pk), term.label) for term in Language.objects.all()],
            "expertise": [(str(term.pk), term.label) for term in ExpertiseArea.objects.all()],
        }

    def filter_language(self, queryset, name, value):
        if not value:
            return queryset
        # A guide names each language once, so this matches a guide at most once.
        return queryset.filter(languages_visibility__in=selectors.SHARED, languages__language=value)

    def filter_expertise(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(expertise_visibility__in=selectors.SHARED, expertise=value)


class CoordinatorDirectoryFilter(MembersFilterSet):
    region = _choice(_("Region"), method="filter_region")

    def filter_region(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(coordinated_regions__slug=value)
