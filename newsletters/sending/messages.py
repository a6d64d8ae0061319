"""The issue as one subscriber's mail: the stored rendition with their two personal links.

Nothing is rendered per recipient: the rendition's text and HTML were rendered once per
language when the issue was approved; here only the unsubscribe and preferences placeholders
are replaced (``str.replace``) and the headers set.
"""

from email.utils import make_msgid
from html import escape
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from newsletters.models import (
    PREFERENCES_PLACEHOLDER,
    UNSUBSCRIBE_PLACEHOLDER,
    Issue,
    Rendition,
    Subscriber,
)
from newsletters.subscriptions.links import (
    list_unsubscribe_headers,
    preferences_url,
    unsubscribe_url,
)

FALLBACK_LANGUAGE = "de"


def message_id_domain() -> str:
    # From the portal's address, not the host name: no DNS lookup per worker, and the same
    # domain whichever machine sends.
    return urlsplit(settings.PORTAL_URL).hostname or "localhost"


def rendition_for(renditions: dict[str, Rendition], language: str) -> Rendition | None:
    """The rendition in ``language``, else the German one, else any."""
    return (
        renditions.get(language)
        or renditions.get(FALLBACK_LANGUAGE)
        or next(iter(renditions.values()), None)
    )


def issue_message(
    issue: Issue,
    rendition: Rendition,
    subscriber: Subscriber,
    *,
    domain: str = "",
    connection=None,
) -> EmailMultiAlternatives:
    """The issue's mail to ``subscriber``: plain text with the HTML as alternative.

    Headers: ``List-Unsubscribe`` with ``List-Unsubscribe-Post`` (RFC 8058, one click),
    ``Precedence: bulk`` (a newsletter, not an auto-reply: no ``Auto-Submitted``) and a
    Message-ID naming the issue.
    """
    unsubscribe = unsubscribe_url(subscriber)
    preferences = preferences_url(subscriber)
    text = rendition.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe).replace(
        PREFERENCES_PLACEHOLDER, preferences
    )
    html = rendition.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(unsubscribe)).replace(
        PREFERENCES_PLACEHOLDER, escape(preferences)
    )
    message = EmailMultiAlternatives(
        subject=rendition.subject,
        body=text,
        to=[subscriber.email],
        connection=connection,
        headers={
            **list_unsubscribe_headers(subscriber),
            "Precedence": "bulk",
            "Message-ID": make_msgid(
                idstring=f"issue{issue.pk}", domain=domain or message_id_domain()
            ),
        },
    )
    message.attach_alternative(html, "text/html")
    return message
