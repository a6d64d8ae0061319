"""Filters of the members' directory: region, language and area of expertise.

A filter on a guide's languages or expertise matches only guides who shared that part with the
network: otherwise the result list would reveal what a guide chose to keep to themselves.
"""

from django.utils.translation import gettext_lazy as _

from lotsen.core.filters import ChoicesPerRequestFilterSet, quick_choice, term_choices
from lotsen.members import selectors
from lotsen.models.guides import ExpertiseArea
from lotsen.public.selectors import regions_by_name
from organisations.models import Language


class MembersFilterSet(ChoicesPerRequestFilterSet):
    def get_choices(self) -> dict[str, list[tuple[str, str]]]:
        return {"region": list(regions_by_name().values_list("slug", "name"))}


class GuideDirectoryFilter(MembersFilterSet):
    region = quick_choice(_("Region"), field_name="region__slug")
    language = quick_choice(_("Language"), method="filter_language")
    expertise = quick_choice(_("Area of expertise"), method="filter_expertise")

    def get_choices(self):
        return {
            **super().get_choices(),
            "language": term_choices(Language),
            "expertise": term_choices(ExpertiseArea),
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
    region = quick_choice(_("Region"), method="filter_region")

    def filter_region(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(coordinated_regions__slug=value)
