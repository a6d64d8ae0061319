"""Publishing: one module per publication and its audience.

- ``subscribers``: who receives the newsletter, with the proof of their consent.
- ``issues``: the newsletter's issues, their items and their rendered email.
- ``deliveries``: one row per issue and subscriber, which makes sending exactly-once.
- ``reports``: interim reports (Zwischenberichte) for the funders.
"""

from newsletters.models.deliveries import BounceKind, Delivery, DeliveryState
from newsletters.models.issues import (
    PREFERENCES_PLACEHOLDER,
    UNSUBSCRIBE_PLACEHOLDER,
    Issue,
    IssueItem,
    IssueState,
    Rendition,
    Section,
)
from newsletters.models.reports import InterimReport, ReportState
from newsletters.models.subscribers import Subscriber, SubscriberState, Suppression

__all__ = [
    "PREFERENCES_PLACEHOLDER",
    "UNSUBSCRIBE_PLACEHOLDER",
    "BounceKind",
    "Delivery",
    "DeliveryState",
    "InterimReport",
    "Issue",
    "IssueItem",
    "IssueState",
    "Rendition",
    "ReportState",
    "Section",
    "Subscriber",
    "SubscriberState",
    "Suppression",
]
