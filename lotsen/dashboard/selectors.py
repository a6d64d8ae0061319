"""Reads of the workspace start page: recent changes, events without report, totals."""

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventReport
from lotsen.core.audit import ACTIONS, AUDITED
from lotsen.core.permissions import is_admin, visible_to
from regions.workspace.selectors import RegionFigures

RECENT_CHANGES = 10


# Pages that show one audited object, by model label; other entries are listed without a link.
OBJECT_PAGES = {
    "organisations.migrantorganisation": "organisations:detail",
    "organisations.agency": "organisations:agency-detail",
    "events.event": "events:detail",
    "lotsen.guide": "guides:detail",
    "lotsen.referralrequest": "referrals:detail",
}

# Kept out of "recent changes": the list names who made each change, and an accompaniment's
# list and figures deliberately do not say which guide recorded it. Its history stays on its
# own page, which only the guide and the coordination open.
NOT_IN_RECENT_CHANGES = ("lotsen.accompaniment",)


def recent_changes(user, *, limit: int = RECENT_CHANGES) -> QuerySet[LogEntry]:
    """The newest ``limit`` change-log entries on objects ``user`` may see, in one query.

    Entries of objects deleted since are left out for coordinators: nothing tells any more
    which region they belonged to.
    """
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    for label in NOT_IN_RECENT_CHANGES:
        app_label, model_name = label.split(".")
        entries = entries.exclude(content_type__app_label=app_label, content_type__model=model_name)
    if not is_admin(user):
        condition = Q(pk__in=[])
        for label in AUDITED:
            if label in NOT_IN_RECENT_CHANGES:
                continue
            model = apps.get_model(label)
            condition |= Q(
                content_type__app_label=model._meta.app_label,
                content_type__model=model._meta.model_name,
                object_id__in=visible_to(user, model.objects.all()).order_by().values("pk"),
            )
        entries = entries.filter(condition)
    return entries[:limit]


# Past events without a report are counted up to this many: beyond, the exact figure would
# take a count over years of events (61,000 at a thousand times the demo) and change nothing.
ATTENTION_CAP = 1000


def past_events_without_report(user) -> int:
    """Their number, up to ``ATTENTION_CAP + 1`` (which means "more than the cap")."""
    # NOT EXISTS per event, which can stop at the cap; a join would first hash every report.
    reported = EventReport.objects.filter(event=OuterRef("pk"))
    missing = visible_to(user, Event.objects.all()).filter(
        ~Exists(reported), ends_at__lt=timezone.now()
    )
    return missing[: ATTENTION_CAP + 1].count()


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
        action=str(ACTIONS.get(entry.action, entry.get_action_display())),
        kind=str(model._meta.verbose_name) if model else entry.content_type.model,
        name=entry.object_repr,
        url=url,
    )


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
