"""Reads of the events endpoints.

Public: exactly the events of the public calendar (``events.calendar.selectors``), each with
its report once the event has begun. Workspace: the events of the workspace list
(``events.workspace.selectors.events_for``), scoped by the same rules.
"""

import datetime

from django.db.models import Max, QuerySet
from django.utils import timezone

from events.calendar import selectors as calendar
from events.models import Event
from events.workspace.selectors import events_for

REPORT_FIELDS = ("report__headline", "report__dateline", "report__teaser", "report__body")


def public_events() -> QuerySet[Event]:
    """The public calendar's events with their region and report, in one query."""
    return (
        calendar.public_events()
        .select_related("report")
        .only(*calendar.LIST_FIELDS, "description", "updated_at", *REPORT_FIELDS)
    )


def public_events_changed_at() -> datetime.datetime | None:
    events = calendar.public_events().order_by()
    return events.aggregate(newest=Max("updated_at"))["newest"]


def published_report(event: Event):
    """The report of a public event once the event has begun (the calendar's rule)."""
    return calendar.report_of(event, timezone.now())


def workspace_events(user) -> QuerySet[Event]:
    return events_for(user)
