"""The guide finder's filters for the API: the public page's, with the value types spelled out
for the schema (the page's methods leave them to be guessed)."""

from lotsen.public.filters import GuideFinderFilter


class FinderFilter(GuideFinderFilter):
    def filter_language(self, queryset, name, value: int):
        return super().filter_language(queryset, name, value)

    def filter_expertise(self, queryset, name, value: int):
        return super().filter_expertise(queryset, name, value)

    def filter_city(self, queryset, name, value: str):
        return super().filter_city(queryset, name, value)
