"""Reads of the subscriber list for the Landeskoordination."""

from django.db.models import Count, QuerySet
from django.utils.functional import Promise

from newsletters.models import Subscriber, SubscriberState
from newsletters.subscriptions.consent import consent_text


def subscribers() -> QuerySet[Subscriber]:
    return Subscriber.objects.order_by("email")


def state_counts() -> list[tuple[str, str | Promise, int]]:
    """(state, label, number of subscribers) for every state, in one query."""
    counts = dict(Subscriber.objects.order_by().values_list("state").annotate(n=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in SubscriberState.choices]


def personal_data_of(subscriber: Subscriber) -> dict:
    """Everything the portal holds about one subscriber (GDPR Art. 15 and 20)."""
    text = consent_text(subscriber.consent_text_version)
    return {
        "email": subscriber.email,
        "name": subscriber.name,
        "organisation": subscriber.organisation,
        "language": subscriber.language,
        "state": subscriber.state,
        "consent": {
            "given_at": subscriber.consent_given_at,
            "ip_address": subscriber.consent_ip,
            "text_version": subscriber.consent_text_version,
            "text": str(text) if text is not None else None,
            "confirmed_at": subscriber.confirmed_at,
        },
        "unsubscribed_at": subscriber.unsubscribed_at,
        "created_at": subscriber.created_at,
        "updated_at": subscriber.updated_at,
    }
