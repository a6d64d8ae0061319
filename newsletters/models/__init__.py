"""Publishing: one module per publication and its audience.

- ``subscribers``: who receives the newsletter, with the proof of their consent.
- ``issues``: the newsletter's issues.
- ``reports``: interim reports (Zwischenberichte) for the funders.
"""

from newsletters.models.issues import Issue, IssueState
from newsletters.models.reports import InterimReport, ReportState
from newsletters.models.subscribers import Subscriber, SubscriberState, Suppression

__all__ = [
    "InterimReport",
    "Issue",
    "IssueState",
    "ReportState",
    "Subscriber",
    "SubscriberState",
    "Suppression",
]
