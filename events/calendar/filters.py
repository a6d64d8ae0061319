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
from lotsen.core.filters import QuickSelect, RegionScopeFilter

STATEWIDE = "landesweit"


class CalendarFilter(django_filters.FilterSet):
    """Always bound, so a list without parameters takes the same path as a filtered one."""

    region = RegionScopeFilter(key="slug", field_name="region", statewide_value=STATEWIDE)
    kind = django_filters.ChoiceFilter(
        label=_("Kind of event"),
        choices=EventKind.choices,
        empty_label=_("all kinds"),
        widget=QuickSelect,
    )

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data if data is not None else QueryDict(), *args, **kwargs)
        self.filters["region"].set_choices(
            selectors.regions_by_name(), statewide=True, statewide_label=_("statewide events")
        )

    def chosen_region(self) -> tuple[str, str] | None:
        """(slug, name) of the one region chosen, for the feed links; None for any other value."""
        return self.filters["region"].chosen_region(self.chosen("region"))

    def chosen(self, name: str) -> str:
        """The valid value of filter ``name``, or ""."""
        if not self.is_valid() and name in self.form.errors:
            return ""
        return self.form.cleaned_data.get(name) or ""
