"""Filters of the coordinators' list of referral requests."""

import datetime

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.filters import RegionScopeFilter, SearchFilter, WorkspaceFilterSet
from lotsen.core.permissions import is_admin
from lotsen.models.referrals import ReferralRequest, ReferralState
from lotsen.referrals.services import UNANSWERED_AFTER
from regions.scope.selectors import regions_of

UNANSWERED = "unanswered"
OPEN = "open"


class ReferralRequestFilter(WorkspaceFilterSet):
    q = SearchFilter(fields=["reference", "organisation", "place"], label=_("Search"))
    state = django_filters.ChoiceFilter(
        choices=[
            (OPEN, _("open (new or proposed)")),
            *ReferralState.choices,
            (UNANSWERED, _("proposed, unanswered for 7 days")),
        ],
        label=_("State"),
        empty_label=_("all states"),
        method="filter_state",
    )
    region = RegionScopeFilter()

    class Meta:
        model = ReferralRequest
        fields = ["q", "state", "region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["region"].set_choices(regions_of(self.user), statewide=is_admin(self.user))

    def filter_state(self, queryset, name, value):
        if value == OPEN:
            return queryset.filter(state__in=[ReferralState.NEW, ReferralState.PROPOSED])
        if value == UNANSWERED:
            cutoff: datetime.datetime = timezone.now() - UNANSWERED_AFTER
            return queryset.filter(state=ReferralState.PROPOSED, proposed_at__lt=cutoff)
        return queryset.filter(state=value)
