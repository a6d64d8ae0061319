"""Mails to one subscriber, in their language, with their unsubscribe link in footer and headers."""

from django.core.mail import EmailMultiAlternatives

from lotsen.core.mail import templated_email
from newsletters.models import Subscriber
from newsletters.subscriptions.links import (
    list_unsubscribe_headers,
    preferences_url,
    unsubscribe_url,
)


def subscriber_email(
    subscriber: Subscriber, template: str, context: dict | None = None, *, base_url: str = ""
) -> EmailMultiAlternatives:
    """Render ``templates/emails/newsletter/<template>_subject.txt``, ``.txt`` and ``.html``.

    The templates get ``subscriber``, ``unsubscribe_link`` and ``preferences_link`` besides
    ``context``; the footer partials ``_footer.txt``/``_footer.html`` show both links.
    """
    unsubscribe = unsubscribe_url(subscriber, base_url)
    return templated_email(
        f"newsletter/{template}",
        to=subscriber.email,
        context={
            "subscriber": subscriber,
            "unsubscribe_link": unsubscribe,
            "preferences_link": preferences_url(subscriber, base_url),
            **(context or {}),
        },
        language=subscriber.language,
        html=True,
        headers={
            **list_unsubscribe_headers(unsubscribe),
            # Tells auto-responders not to answer (RFC 3834).
            "Auto-Submitted": "auto-generated",
        },
    )
