"""The issue as one subscriber's mail: the stored rendition with their two personal links.

Nothing is rendered per recipient: the rendition's text and HTML were rendered once per
language when the issue was approved; here only the unsubscribe and preferences placeholders
are replaced (``str.replace``) and the headers set.
"""

import re
from email.utils import make_msgid
from html import escape
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address

from newsletters.bounces import verp
from newsletters.models import (
    PREFERENCES_PLACEHOLDER,
    UNSUBSCRIBE_PLACEHOLDER,
    Issue,
    Rendition,
    Subscriber,
)
from newsletters.subscriptions.links import (
    PersonalLinks,
    list_unsubscribe_headers,
    preferences_url,
    unsubscribe_url,
)

FALLBACK_LANGUAGE = "de"
# An address that needs no encoding or quoting: ``sanitize_address`` (an RFC 5322 parser, the
# largest cost of a copy) would return it as it is.
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\Z")


def message_id_domain() -> str:
    # From the portal's address, not the host name: no DNS lookup per worker, and the same
    # domain whichever machine sends.
    return urlsplit(settings.PORTAL_URL).hostname or "localhost"


def list_id() -> str:
    """The newsletter's List-Id header (RFC 2919): ``NEWSLETTER_LIST_ID``, or one made of the
    portal's host, ``Newsletter <newsletter.HOST>``."""
    return settings.NEWSLETTER_LIST_ID or f"Newsletter <newsletter.{message_id_domain()}>"


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
    message_id: str = "",
    connection=None,
    delivery_id: int | None = None,
) -> EmailMultiAlternatives:
    """The issue's mail to ``subscriber``: plain text with the HTML as alternative; with
    ``delivery_id`` it names its delivery for bounce reports (``X-Lotsen-Delivery``)."""
    unsubscribe = unsubscribe_url(subscriber)
    preferences = preferences_url(subscriber)
    domain = domain or message_id_domain()
    message = _message(
        rendition,
        to=subscriber.email,
        links={UNSUBSCRIBE_PLACEHOLDER: unsubscribe, PREFERENCES_PLACEHOLDER: preferences},
        message_id=(
            f"<{message_id}@{domain}>"
            if message_id
            else make_msgid(idstring=f"issue{issue.pk}", domain=domain)
        ),
        delivery_token=verp.token(delivery_id) if delivery_id is not None else "",
    )
    message.connection = connection
    return message


def _message(
    rendition: Rendition,
    *,
    to: str,
    links: dict[str, str],
    message_id: str,
    delivery_token: str = "",
) -> EmailMultiAlternatives:
    """The rendition as a mail to ``to``, its placeholders replaced by ``links``.

    Headers: ``List-Id`` (RFC 2919), ``List-Unsubscribe`` with ``List-Unsubscribe-Post``
    (RFC 8058, one click), ``Precedence: bulk`` (a newsletter, not an auto-reply: no
    ``Auto-Submitted``),
    ``message_id`` and, with a ``delivery_token``, ``X-Lotsen-Delivery``.
    """
    text, html = rendition.text, rendition.html
    for placeholder, link in links.items():
        text = text.replace(placeholder, link)
        html = html.replace(placeholder, escape(link))
    headers = {
        "List-Id": list_id(),
        **list_unsubscribe_headers(links[UNSUBSCRIBE_PLACEHOLDER]),
        "Precedence": "bulk",
        "Message-ID": message_id,
    }
    if delivery_token:
        headers[verp.HEADER] = delivery_token
    message = EmailMultiAlternatives(subject=rendition.subject, body=text, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


class BatchMessages:
    """The issue's mail built once per language for a batch, as bytes for SMTP.

    Building a MIME message costs more than sending it, and every copy differs only in its
    address, its two links and its Message-ID; each copy is the language's bytes with those
    put in. The renditions keep their lines short, so the parts go out 8bit and the
    placeholders arrive intact; where a placeholder did not survive the encoding, or an
    address or link would need encoding itself, the copy is built the slow way instead.
    """

    _RECIPIENT = "recipient@placeholder.invalid"
    _MESSAGE_ID = "message-id-placeholder"
    _DELIVERY = "delivery-token-placeholder"

    def __init__(self, issue: Issue, renditions: dict[str, Rendition], *, domain: str):
        self.issue, self.renditions, self.domain = issue, renditions, domain
        self._templates: dict[str, bytes | None] = {}
        self._links = PersonalLinks()
        self.sender = sanitize_address(settings.DEFAULT_FROM_EMAIL, settings.DEFAULT_CHARSET)

    def rendition(self, language: str) -> Rendition | None:
        return rendition_for(self.renditions, language)

    def envelope(
        self, subscriber: Subscriber, rendition: Rendition, delivery_id: int
    ) -> tuple[str, list[str], bytes]:
        """(sender, recipients, message bytes) of ``subscriber``'s copy; the sender is the
        delivery's own VERP address when ``NEWSLETTER_BOUNCE_ADDRESS`` is set."""
        template = self._template(rendition)
        unsubscribe, preferences = self._links(subscriber)
        address = subscriber.email
        if not _PLAIN_ADDRESS.match(address):
            address = sanitize_address(address, settings.DEFAULT_CHARSET)
        message_id = f"newsletter-{self.issue.pk}-{delivery_id}"
        sender = verp.return_path(delivery_id) or self.sender
        values = (address, unsubscribe, preferences)
        if template is None or not all(v.isascii() and escape(v) == v for v in values):
            message = issue_message(
                self.issue,
                rendition,
                subscriber,
                domain=self.domain,
                message_id=message_id,
                delivery_id=delivery_id,
            )
            return sender, [address], message.message().as_bytes(linesep="\r\n")
        data = (
            template.replace(self._RECIPIENT.encode(), address.encode())
            .replace(UNSUBSCRIBE_PLACEHOLDER.encode(), unsubscribe.encode())
            .replace(PREFERENCES_PLACEHOLDER.encode(), preferences.encode())
            .replace(self._MESSAGE_ID.encode(), message_id.encode())
            .replace(self._DELIVERY.encode(), verp.token(delivery_id).encode())
        )
        return sender, [address], data

    def _template(self, rendition: Rendition) -> bytes | None:
        if rendition.language not in self._templates:
            message = _message(
                rendition,
                to=self._RECIPIENT,
                links={
                    UNSUBSCRIBE_PLACEHOLDER: UNSUBSCRIBE_PLACEHOLDER,
                    PREFERENCES_PLACEHOLDER: PREFERENCES_PLACEHOLDER,
                },
                message_id=f"<{self._MESSAGE_ID}@{self.domain}>",
                delivery_token=self._DELIVERY,
            )
            data = message.message().as_bytes(linesep="\r\n")
            expected = {
                UNSUBSCRIBE_PLACEHOLDER: 1
                + rendition.text.count(UNSUBSCRIBE_PLACEHOLDER)
                + rendition.html.count(UNSUBSCRIBE_PLACEHOLDER),
                PREFERENCES_PLACEHOLDER: rendition.text.count(PREFERENCES_PLACEHOLDER)
                + rendition.html.count(PREFERENCES_PLACEHOLDER),
                self._RECIPIENT: 1,
                self._MESSAGE_ID: 1,
                self._DELIVERY: 1,
            }
            intact = all(data.count(key.encode()) == n for key, n in expected.items())
            self._templates[rendition.language] = data if intact else None
        return self._templates[rendition.language]
