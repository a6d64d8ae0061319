"""Mails to one subscriber, in their language, with their unsubscribe link in footer and headers."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

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
    with translation.override(subscriber.language):
        context = {
            "subscriber": subscriber,
            "portal_name": _("Lotsen portal"),
            "unsubscribe_link": unsubscribe_url(subscriber, base_url),
            "preferences_link": preferences_url(subscriber, base_url),
            **(context or {}),
        }
        subject = render_to_string(f"emails/newsletter/{template}_subject.txt", context)
        text = render_to_string(f"emails/newsletter/{template}.txt", context)
        html = render_to_string(f"emails/newsletter/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[subscriber.email],
        headers={
            **list_unsubscribe_headers(subscriber, base_url),
            # Tells auto-responders not to answer (RFC 3834).
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    return message
