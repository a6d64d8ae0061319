"""Filters of the members' directory: region, language and area of expertise.

A filter on a guide's languages or expertise matches only guides who shared that part with the
network: otherwise the result list would reveal what a guide chose to keep to themselves.
"""

from django.utils.translation import gettext_lazy as _

from lotsen.core.filters import (
    ChoicesPerRequestFilterSet,
    RegionScopeFilter,
    quick_choice,
    term_choices,
)
from lotsen.members import selectors
from lotsen.models.guides import ExpertiseArea
from lotsen.public.selectors import regions_by_name
from organisations.models import Language


class MembersFilterSet(ChoicesPerRequestFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["region"].set_choices(regions_by_name())


class GuideDirectoryFilter(MembersFilterSet):
    region = RegionScopeFilter(key="slug", field_name="region", empty_label=_("all"))
    language = quick_choice(_("Language"), method="filter_language")
    expertise = quick_choice(_("Area of expertise"), method="filter_expertise")

    def get_choices(self):
        return {
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
    region = RegionScopeFilter(key="slug", field_name="coordinated_regions", empty_label=_("all"))
