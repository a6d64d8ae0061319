"""The filter of the public calendar: region and kind, as a GET form that needs no JavaScript.

Regions are chosen by slug, so links such as ``/termine/?region=muensterland`` stay readable
(the region pages link to them); ``landesweit`` picks the statewide events. A value that is
not one of the choices is ignored: the list stays unfiltered and the form says why.
"""

import django_filters
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from events.calendar import selectors
from events.models import EventKind
from lotsen.core.filters import QuickSelect

STATEWIDE = "landesweit"


class CalendarFilter(django_filters.FilterSet):
    """Always bound, so a list without parameters takes the same path as a filtered one."""

    region = django_filters.ChoiceFilter(
        label=_("Region"),
        choices=[],
        empty_label=_("all regions"),
        widget=QuickSelect,
        method="filter_region",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of event"),
        choices=EventKind.choices,
        empty_label=_("all kinds"),
        widget=QuickSelect,
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data if data is not None else QueryDict(), *args, **kwargs)
        regions = list(selectors.regions_by_name().values_list("slug", "name"))
        self.region_names = dict(regions)
        choices = [(STATEWIDE, _("statewide events")), *regions]
        # A callable: the form copies its fields for each request, and the choices of a
        # network a hundred times the demo's size are some 1,600 regions.
        self.filters["region"].extra["choices"] = lambda: choices

    def filter_region(self, queryset, name, value):
        if not value:
            return queryset
        if value == STATEWIDE:
            return queryset.filter(region__isnull=True)
        return queryset.filter(region__slug=value)

    def chosen(self, name: str) -> str:
        """The valid value of filter ``name``, or ""."""
        if not self.is_valid() and name in self.form.errors:
            return ""
        return self.form.cleaned_data.get(name) or ""
