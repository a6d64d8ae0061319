"""Reads of the subscriber list for the Landeskoordination."""

from django.db.models import Count, QuerySet
from django.utils.functional import Promise

from newsletters.models import Delivery, Subscriber, SubscriberState
from newsletters.subscriptions.consent import consent_text


def subscribers() -> QuerySet[Subscriber]:
    return Subscriber.objects.order_by("email")


def state_counts() -> list[tuple[str, str | Promise, int]]:
    """(state, label, number of subscribers) for every state, in one query."""
    counts = dict(Subscriber.objects.order_by().values_list("state").annotate(n=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in SubscriberState.choices]


def bounced_deliveries(subscriber: Subscriber) -> QuerySet[Delivery]:
    """The subscriber's deliveries that bounced, newest first, with their issues."""
    return (
        Delivery.objects.filter(subscriber=subscriber)
        .exclude(bounce="")
        .select_related("issue")
        .order_by("-bounced_at", "-pk")
    )


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
            # The privacy policy the form linked to (its page: /datenschutz/fassung/<n>/).
            "privacy_policy_version": (
                subscriber.privacy_text.number if subscriber.privacy_text else None
            ),
            "confirmed_at": subscriber.confirmed_at,
        },
        "unsubscribed_at": subscriber.unsubscribed_at,
        "bounce": {
            "bounced_at": subscriber.bounced_at,
            "reason": subscriber.bounce_reason,
            "soft_bounces_in_a_row": subscriber.soft_bounces,
            "deliveries": [
                {
                    "issue": str(d.issue),
                    "kind": d.bounce,
                    "at": d.bounced_at,
                    "reason": d.bounce_reason,
                }
                for d in bounced_deliveries(subscriber)
            ],
        },
        "created_at": subscriber.created_at,
        "updated_at": subscriber.updated_at,
    }
