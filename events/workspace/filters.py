import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventKind
from lotsen.core.filters import (
    GermanOrderingFilter,
    RegionScopeFilter,
    SearchFilter,
    WorkspaceFilterSet,
)
from lotsen.core.search import german
from regions.scope.selectors import regions_of

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EventFilter(WorkspaceFilterSet):
    q = SearchFilter(fields=["title", "city", "venue"])
    region = RegionScopeFilter()
    kind = django_filters.ChoiceFilter(
        choices=EventKind.choices, label=_("Kind"), empty_label=_("all kinds")
    )
    visibility = django_filters.ChoiceFilter(
        label=_("Public or internal"),
        choices=[("public", _("public")), ("internal", _("internal"))],
        empty_label=_("all events"),
        method="filter_visibility",
    )
    period = django_filters.ChoiceFilter(
        label=_("Period"),
        choices=[("upcoming", _("upcoming")), ("past", _("past"))],
        empty_label=_("past and upcoming"),
        method="filter_period",
    )
    # Whole days in the portal's time zone (Europe/Berlin), both ends included.
    starts_from = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label=_("From"), widget=DATE_INPUT
    )
    starts_until = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", label=_("Until"), widget=DATE_INPUT
    )
    has_report = django_filters.ChoiceFilter(
        label=_("Report"),
        choices=[("yes", _("with report")), ("no", _("without report"))],
        empty_label=_("with or without report"),
        method="filter_report",
    )
    order = GermanOrderingFilter(
        fields=[("starts_at", "date"), ("title", "title")],
        field_labels={"starts_at": _("Date"), "title": _("Title")},
        text_fields=["title"],
        label=_("Sort by"),
    )

    class Meta:
        model = Event
        fields = ["q", "region", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The rules decide who may see statewide events: ask them about one without a region.
        self.filters["region"].set_choices(
            regions_of(self.user).order_by(german("name")),
            statewide=self.user.has_perm("events.view_event", Event(region=None)),
        )

    def filter_visibility(self, queryset, name, value):
        return queryset.filter(is_public=value == "public")

    def filter_period(self, queryset, name, value):
        now = timezone.now()
        return (
            queryset.filter(ends_at__lt=now)
            if value == "past"
            else queryset.filter(ends_at__gte=now)
        )

    def filter_report(self, queryset, name, value):
        # ``has_report`` is annotated by ``events.workspace.selectors.events_for``.
        return queryset.filter(has_report=value == "yes")
