"""Filters of the public directory and the guide finder.

A filter on a guide's languages or expertise matches only guides who made that part of their
profile public: otherwise the result list would reveal what the guide chose to hide.
"""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from lotsen.core.filters import (
    ChoicesPerRequestFilterSet,
    RegionScopeFilter,
    SearchFilter,
    quick_choice,
    term_choices,
)
from lotsen.core.visibility import Visibility
from lotsen.models.guides import ExpertiseArea
from lotsen.public import selectors
from organisations.models import Community, Language, ThematicField


class PublicFilterSet(ChoicesPerRequestFilterSet):
    """Always bound, so a list without parameters goes through the same path as a filtered one.

    Regions are chosen by slug, so links such as ``?region=muensterland`` stay readable; the
    cities are those of the listed organisations.
    """

    region = RegionScopeFilter(key="slug", field_name="region", empty_label=_("all"))
    city = quick_choice(_("City"))
    field_order: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters = {name: self.filters[name] for name in self.field_order}
        self.filters["region"].set_choices(selectors.regions_by_name())

    def get_choices(self) -> dict[str, list[tuple[str, str]]]:
        return {"city": [(city, city) for city in selectors.organisation_cities()]}


class DirectoryFilter(PublicFilterSet):
    q = SearchFilter(fields=["name", "city"])
    communities = quick_choice(_("Community"))
    languages = quick_choice(_("Language"))
    thematic_fields = quick_choice(_("Thematic field"))
    field_order = ["q", "region", "city", "communities", "languages", "thematic_fields"]

    def get_choices(self):
        return {
            **super().get_choices(),
            "communities": term_choices(Community),
            "languages": term_choices(Language),
            "thematic_fields": term_choices(ThematicField),
        }


class GuideFinderFilter(PublicFilterSet):
    language = quick_choice(_("Language"), method="filter_language")
    expertise = quick_choice(_("Area of expertise"), method="filter_expertise")
    city = quick_choice(_("City"), method="filter_city")
    field_order = ["language", "expertise", "region", "city"]

    def get_choices(self):
        return {
            **super().get_choices(),
            "language": term_choices(Language),
            "expertise": term_choices(ExpertiseArea),
        }

    def filter_language(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(languages_visibility=Visibility.PUBLIC, languages__language=value)

    def filter_expertise(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(expertise_visibility=Visibility.PUBLIC, expertise=value)

    def filter_city(self, queryset, name, value):
        """Guides of a listed organisation in that city (unlisted ones do not count)."""
        if not value:
            return queryset
        in_city = selectors.listed_organisations().filter(city=value, guides=OuterRef("pk"))
        return queryset.filter(Exists(in_city))
