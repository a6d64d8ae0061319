"""Filters of the staff list."""

import django_filters
from django.utils.translation import gettext_lazy as _

from lotsen.core.filters import RegionScopeFilter, SearchFilter, WorkspaceFilterSet
from lotsen.core.roles import Role
from regions.models import Region

ACTIVE, INACTIVE, INVITED = "active", "inactive", "invited"


class StaffFilter(WorkspaceFilterSet):
    q = SearchFilter(fields=["name", "email"], label=_("Name or email"))
    role = django_filters.ChoiceFilter(
        choices=[
            (Role.ADMIN.value, Role.ADMIN.label),
            (Role.COORDINATOR.value, Role.COORDINATOR.label),
        ],
        label=_("Role"),
        empty_label=_("all roles"),
    )
    region = RegionScopeFilter(field_name="coordinated_regions")
    state = django_filters.ChoiceFilter(
        choices=[
            (ACTIVE, _("active")),
            (INVITED, _("invited, never logged in")),
            (INACTIVE, _("deactivated")),
        ],
        label=_("Account"),
        empty_label=_("all accounts"),
        method="filter_state",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["region"].set_choices(Region.objects.all())

    def filter_state(self, queryset, name, value):
        if value == ACTIVE:
            return queryset.filter(is_active=True)
        if value == INACTIVE:
            return queryset.filter(is_active=False)
        if value == INVITED:
            return queryset.filter(is_active=True, last_login__isnull=True)
        return queryset
