"""The guide finder's filters for the API: the public page's, with the value types spelled out
for the schema (the page's methods leave them to be guessed)."""

import copy

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from lotsen.guides.filters import GuideFilter
from lotsen.public.filters import GuideFinderFilter


class FinderFilter(GuideFinderFilter):
    def filter_language(self, queryset, name, value: int):
        return super().filter_language(queryset, name, value)

    def filter_expertise(self, queryset, name, value: int):
        return super().filter_expertise(queryset, name, value)

    def filter_city(self, queryset, name, value: str):
        return super().filter_city(queryset, name, value)


class WorkspaceGuideFilter(GuideFilter):
    """The workspace list's filters, by the same names; the cursor keeps its order."""

    order = None  # type: ignore[assignment]
    # A language's id: the page's filter goes through a method, whose type the schema cannot
    # see (a copy, so that the page's filter stays untouched).
    language = extend_schema_field(OpenApiTypes.INT)(
        copy.deepcopy(GuideFilter.base_filters["language"])
    )
