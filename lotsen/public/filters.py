"""Filters of the public directory and the guide finder.

A filter on a guide's languages or expertise matches only guides who made that part of their
profile public: otherwise the result list would reveal what the guide chose to hide.
"""

import django_filters
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from lotsen.core.filters import QuickSelect, SearchFilter
from lotsen.core.visibility import Visibility
from lotsen.models.guides import ExpertiseArea
from lotsen.public import selectors
from organisations.models import Community, Language, ThematicField


def _choice(label, **kwargs) -> django_filters.ChoiceFilter:
    # Choices are read once per request in PublicFilterSet; a ModelChoiceFilter would read its
    # table once to show the options and once more to check the chosen value.
    return django_filters.ChoiceFilter(
        choices=[], label=label, empty_label=_("all"), widget=QuickSelect, **kwargs
    )


def _terms(model) -> list[tuple[str, str]]:
    return [(str(term.pk), term.label) for term in model.objects.all()]


class PublicFilterSet(django_filters.FilterSet):
    """Always bound, so a list without parameters goes through the same path as a filtered one.

    Regions are chosen by slug, so links such as ``?region=muensterland`` stay readable; the
    cities are those of the listed organisations.
    """

    region = _choice(_("Region"), field_name="region__slug")
    city = _choice(_("City"))
    field_order: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data if data is not None else QueryDict(), *args, **kwargs)
        self.filters = {name: self.filters[name] for name in self.field_order}
        for name, choices in self.get_choices().items():
            self.filters[name].extra["choices"] = choices

    def get_choices(self) -> dict[str, list[tuple[str, str]]]:
        return {
            "region": list(selectors.regions_by_name().values_list("slug", "name")),
            "city": [(city, city) for city in selectors.organisation_cities()],
        }


class DirectoryFilter(PublicFilterSet):
    q = SearchFilter(fields=["name", "city"])
    communities = _choice(_("Community"))
    languages = _choice(_("Language"))
    thematic_fields = _choice(_("Thematic field"))
    field_order = ["q", "region", "city", "communities", "languages", "thematic_fields"]

    def get_choices(self):
        return {
            **super().get_choices(),
            "communities": _terms(Community),
            "languages": _terms(Language),
            "thematic_fields": _terms(ThematicField),
        }


class GuideFinderFilter(PublicFilterSet):
    language = _choice(_("Language"), method="filter_language")
    expertise = _choice(_("Area of expertise"), method="filter_expertise")
    city = _choice(_("City"), method="filter_city")
    field_order = ["language", "expertise", "region", "city"]

    def get_choices(self):
        return {
            **super().get_choices(),
            "language": _terms(Language),
            "expertise": _terms(ExpertiseArea),
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
