"""The newsletter's reach: issues sent within the period, deliverable subscribers (confirmed,
neither unsubscribed nor bounced) on its last day and those who confirmed within it, each
beside the previous period; two queries.
"""

import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from newsletters.models import Issue, IssueState, Subscriber
from newsletters.reports.figures.base import Figure, FigureGroup, Period
from newsletters.reports.figures.queries import in_period


def newsletter_figures(period: Period) -> FigureGroup:
    previous = period.previous()
    issues = Issue.objects.filter(state=IssueState.SENT).aggregate(
        sent=Count("pk", filter=in_period(period, "sent_at__date")),
        sent_before=Count("pk", filter=in_period(previous, "sent_at__date")),
    )

    def confirmed_on(day: datetime.date) -> Q:
        # Deliverable only: an address that had bounced by then reaches nobody.
        return (
            Q(confirmed_at__date__lte=day)
            & (Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__date__gt=day))
            & (Q(bounced_at__isnull=True) | Q(bounced_at__date__gt=day))
        )

    subscribers = Subscriber.objects.aggregate(
        at_end=Count("pk", filter=confirmed_on(period.end)),
        at_previous_end=Count("pk", filter=confirmed_on(previous.end)),
        new=Count("pk", filter=in_period(period, "confirmed_at__date")),
        new_before=Count("pk", filter=in_period(previous, "confirmed_at__date")),
    )
    figures = [
        Figure(
            _("Newsletter issues sent"),
            issues["sent"],
            issues["sent_before"],
            _("Issues of the newsletter sent within the period."),
        ),
        Figure(
            _("Confirmed subscribers"),
            subscribers["at_end"],
            subscribers["at_previous_end"],
            _(
                "Subscribers who had confirmed their address by the period's last day and had "
                "neither unsubscribed nor bounced by then."
            ),
        ),
        Figure(
            _("New confirmed subscribers"),
            subscribers["new"],
            subscribers["new_before"],
            _("Subscribers who confirmed their address within the period."),
        ),
    ]
    return FigureGroup("newsletter", _("Newsletter"), figures)
