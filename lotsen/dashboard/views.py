"""Where each role lands after login, and the coordinators' dashboard with its selectors.

The dashboard takes the same number of queries for one region as for the whole network: every
figure is grouped in the database, never counted per region or per row.
"""

from collections import Counter
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q, QuerySet
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from events.models import Event
from events.workspace.selectors import upcoming_events_for
from lotsen.core.audit import AUDITED
from lotsen.core.permissions import is_admin, is_guide, visible_to
from lotsen.core.workspace import WorkspaceMixin
from lotsen.models.guides import GuideStatus
from regions.models import CooperationStatus
from regions.scope.selectors import regions_for
from regions.workspace.selectors import RegionFigures, figures_by_region

RECENT_CHANGES = 10
# Up to this many regions are listed one by one; a larger network is summed up here and paged
# through on the regions list, which shows the same figures.
REGION_ROWS = 50

# Pages that show one audited object, by model label; other entries are listed without a link.
OBJECT_PAGES = {
    "organisations.migrantorganisation": "organisations:detail",
    "organisations.agency": "organisations:agency-detail",
    "events.event": "events:detail",
    "lotsen.guide": "guides:detail",
}


@never_cache
def start(request):
    """Send each role to its own start page after login."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if is_guide(user):
        return redirect("guides:profile")
    if user.has_perm("regions.view_dashboard"):
        return redirect("dashboard")
    return redirect("home")  # a coordinator without regions yet


# --- Selectors ------------------------------------------------------------------------------


def recent_changes(user, *, limit: int = RECENT_CHANGES) -> QuerySet[LogEntry]:
    """The newest ``limit`` change-log entries on objects ``user`` may see, in one query.

    Entries of objects deleted since are left out for coordinators: nothing tells any more
    which region they belonged to.
    """
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    if not is_admin(user):
        condition = Q(pk__in=[])
        for label in AUDITED:
            model = apps.get_model(label)
            condition |= Q(
                content_type__app_label=model._meta.app_label,
                content_type__model=model._meta.model_name,
                object_id__in=visible_to(user, model.objects.all()).order_by().values("pk"),
            )
        entries = entries.filter(condition)
    return entries[:limit]


def past_events_without_report(user) -> int:
    return (
        visible_to(user, Event.objects.all())
        .filter(ends_at__lt=timezone.now(), report__isnull=True)
        .count()
    )


@dataclass
class Change:
    timestamp: object
    actor: str
    action: str
    kind: str
    name: str
    url: str | None


def describe(entry: LogEntry) -> Change:
    model = entry.content_type.model_class()
    url = None
    page = OBJECT_PAGES.get(model._meta.label_lower) if model else None
    if page and entry.action != LogEntry.Action.DELETE:
        try:
            url = reverse(page, args=[entry.object_id])
        except NoReverseMatch:  # the page is not part of this installation
            url = None
    return Change(
        timestamp=entry.timestamp,
        actor=str(entry.actor) if entry.actor else str(_("system")),
        action=entry.get_action_display(),
        kind=str(model._meta.verbose_name) if model else entry.content_type.model,
        name=entry.object_repr,
        url=url,
    )


@dataclass
class Attention:
    key: str
    label: str
    count: int
    url: str | None = None


def _list_url(name: str, **params) -> str | None:
    try:
        url = reverse(name)
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode(params)}" if params else url


def totals(regions) -> RegionFigures:
    total = RegionFigures()
    for region in regions:
        figures = region.figures
        total.organisations += figures.organisations
        total.organisations_without_contact += figures.organisations_without_contact
        total.agencies += figures.agencies
        total.guides_untrained += figures.guides_untrained
        total.guides_unconfirmed += figures.guides_unconfirmed
        for status, count in figures.guides_by_status.items():
            total.guides_by_status[status] = total.guides_by_status.get(status, 0) + count
    return total


# --- View -----------------------------------------------------------------------------------


class DashboardView(WorkspaceMixin, TemplateView):
    permission_required = "regions.view_dashboard"
    template_name = "lotsen/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        regions = regions_for(user)
        rows = list(regions[: REGION_ROWS + 1])
        if len(rows) <= REGION_ROWS:
            figures = figures_by_region(regions)
            for region in rows:
                region.figures = figures.get(region.pk, RegionFigures())
            total = totals(rows)
            by_status = Counter(region.status for region in rows)
        else:  # too many to list: sum them up in the database
            rows = None
            total = figures_by_region(regions, per_region=False).get(None, RegionFigures())
            by_status = Counter(regions.status_counts())
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
            ),
            Attention(
                "unconfirmed",
                _("Guide profiles not confirmed for more than six months"),
                total.guides_unconfirmed,
                _list_url("guides:list", confirmed="stale"),
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
            **kwargs,
        )
