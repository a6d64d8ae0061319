"""Where each role lands after login, and the coordinators' dashboard with its selectors.

The dashboard takes the same number of queries for one region as for the whole network: every
figure is grouped in the database, never counted per region or per row.
"""

from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from events.workspace.selectors import upcoming_events_for
from lotsen.accompaniments.figures import key_figures
from lotsen.accompaniments.selectors import accompaniments_for
from lotsen.core.permissions import is_guide
from lotsen.core.workspace import WorkspaceMixin
from lotsen.dashboard.selectors import (
    ATTENTION_CAP,
    describe,
    past_events_without_report,
    recent_changes,
    totals,
)
from lotsen.models.guides import GuideStatus
from lotsen.referrals import selectors as referrals
from regions.models import CooperationStatus
from regions.scope.selectors import regions_for
from regions.workspace.selectors import (
    RegionFigures,
    figures_by_region,
    first_with_status_counts,
)

# Up to this many regions are listed one by one; a larger network is summed up here and paged
# through on the regions list, which shows the same figures.
REGION_ROWS = 50


@never_cache
def start(request):
    """Send each role to its own start page after login."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if is_guide(user):
        return redirect("members:start")
    if user.has_perm("regions.view_dashboard"):
        return redirect("dashboard")
    return redirect("home")  # a coordinator without regions yet


@dataclass
class Attention:
    key: str
    label: str
    count: int
    url: str | None = None
    capped: bool = False  # counted only up to ATTENTION_CAP + 1

    @property
    def more_than_cap(self) -> bool:
        return self.capped and self.count > ATTENTION_CAP

    @property
    def shown(self) -> int:
        return min(self.count, ATTENTION_CAP)


def _list_url(name: str, **params) -> str | None:
    try:
        url = reverse(name)
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode(params)}" if params else url


# --- View -----------------------------------------------------------------------------------


class DashboardView(WorkspaceMixin, TemplateView):
    permission_required = "regions.view_dashboard"
    template_name = "lotsen/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        regions = regions_for(user)
        rows, by_status = first_with_status_counts(regions, REGION_ROWS + 1)
        if len(rows) <= REGION_ROWS:
            figures = figures_by_region(regions)
            for region in rows:
                region.figures = figures.get(region.pk, RegionFigures())
            total = totals(rows)
        else:  # too many to list: sum them up in the database
            rows = None
            total = figures_by_region(regions, per_region=False).get(None, RegionFigures())
        referral_counts = referrals.attention_counts(user)
        attention = [
            Attention(
                "untrained",
                _("Guides without any completed training"),
                total.guides_untrained,
            ),
            Attention(
                "organisations",
                _("Migrant organisations without a contact person"),
                total.organisations_without_contact,
                _list_url("organisations:list", contact="none"),
            ),
            Attention(
                "reports",
                _("Past events without a report"),
                past_events_without_report(user),
                _list_url("events:list", period="past", has_report="no"),
                capped=True,
            ),
            Attention(
                "unconfirmed",
                _("Guide profiles not confirmed for more than six months"),
                total.guides_unconfirmed,
                _list_url("guides:list", confirmed="stale"),
            ),
            Attention(
                "referrals-new",
                _("New referral requests"),
                referral_counts["new"],
                _list_url("referrals:list", state="new"),
            ),
            Attention(
                "referrals-unanswered",
                _("Referral requests proposed 7 days ago without an answer"),
                referral_counts["unanswered"],
                _list_url("referrals:list", state="unanswered"),
            ),
        ]
        return super().get_context_data(
            regions=rows,
            region_count=by_status.total(),
            total=total,
            status_summary=[
                (value, label, by_status[value]) for value, label in CooperationStatus.choices
            ],
            guide_statuses=GuideStatus.choices,
            events=upcoming_events_for(user),
            changes=[describe(entry) for entry in recent_changes(user)],
            attention=attention,
            today=timezone.localdate(),
            impact=key_figures(accompaniments_for(user), timezone.localdate()),
            **kwargs,
        )
