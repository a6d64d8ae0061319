"""The personal links of a subscriber: confirm, unsubscribe, preferences.

Tokens are signed with the site's secret key and a salt that contains the subscriber's address,
so a token names one subscriber (by primary key) and stops working once that row is erased,
even where the database hands the same key to a later row. Rotating ``SECRET_KEY`` breaks the
links in mails already sent unless the old key stays in ``SECRET_KEY_FALLBACKS``.

- The confirmation token expires after ``CONFIRMATION_VALID_FOR``.
- The subscriber token (unsubscribe and preferences) never expires: an issue in someone's
  inbox must still unsubscribe them years later.
"""

import datetime

from django.core import signing
from django.urls import reverse

from lotsen.core.links import portal_url
from newsletters.models import Subscriber

CONFIRMATION_VALID_FOR = datetime.timedelta(days=3)
_CONFIRM_SALT = "newsletters.subscriptions.confirm"
_SUBSCRIBER_SALT = "newsletters.subscriptions.subscriber"


class LinkExpired(Exception):
    """A confirmation link that was valid once but is older than ``CONFIRMATION_VALID_FOR``."""


def _salt(base: str, email: str) -> str:
    return f"{base}:{email.strip().lower()}"


def _subscriber_of(token: str) -> Subscriber | None:
    pk = token.split(":", 1)[0]
    if not (pk.isascii() and pk.isdigit()) or len(pk) > 18:
        return None
    return Subscriber.objects.filter(pk=int(pk)).first()


# --- Confirmation (expiring) ----------------------------------------------------------------


def confirmation_token(subscriber: Subscriber) -> str:
    return signing.TimestampSigner(salt=_salt(_CONFIRM_SALT, subscriber.email)).sign(
        str(subscriber.pk)
    )


def subscriber_for_confirmation(token: str) -> Subscriber | None:
    """The subscriber a valid confirmation token names; ``None`` for a tampered token or an
    erased subscriber. Raises ``LinkExpired`` for a genuine token that is too old."""
    subscriber = _subscriber_of(token)
    if subscriber is None:
        return None
    signer = signing.TimestampSigner(salt=_salt(_CONFIRM_SALT, subscriber.email))
    try:
        value = signer.unsign(token, max_age=CONFIRMATION_VALID_FOR)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature:
        return None
    return subscriber if value == str(subscriber.pk) else None


def confirmation_url(subscriber: Subscriber, base_url: str = "") -> str:
    path = reverse("subscriptions:confirm", args=[confirmation_token(subscriber)])
    return portal_url(path, base_url)


# --- Unsubscribe and preferences (not expiring) ---------------------------------------------


def subscriber_token(subscriber: Subscriber) -> str:
    return signing.Signer(salt=_salt(_SUBSCRIBER_SALT, subscriber.email)).sign(str(subscriber.pk))


def subscriber_for_token(token: str) -> Subscriber | None:
    """The subscriber a valid unsubscribe/preferences token names; ``None`` for anything else."""
    subscriber = _subscriber_of(token)
    if subscriber is None:
        return None
    try:
        value = signing.Signer(salt=_salt(_SUBSCRIBER_SALT, subscriber.email)).unsign(token)
    except signing.BadSignature:
        return None
    return subscriber if value == str(subscriber.pk) else None


def unsubscribe_url(subscriber: Subscriber, base_url: str = "") -> str:
    """The personal one-click unsubscribe link (footer and ``List-Unsubscribe``)."""
    path = reverse("subscriptions:unsubscribe", args=[subscriber_token(subscriber)])
    return portal_url(path, base_url)


def preferences_url(subscriber: Subscriber, base_url: str = "") -> str:
    path = reverse("subscriptions:preferences", args=[subscriber_token(subscriber)])
    return portal_url(path, base_url)


def list_unsubscribe_headers(unsubscribe_link: str) -> dict[str, str]:
    """The RFC 2369 and RFC 8058 headers every mail to a subscriber carries, for their
    ``unsubscribe_url`` (or a placeholder for it).

    Mail clients show their own "unsubscribe" button for them and POST
    ``List-Unsubscribe=One-Click`` to the link, without cookies; the view answers that at once.
    """
    return {
        "List-Unsubscribe": f"<{unsubscribe_link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


class PersonalLinks:
    """The unsubscribe and preferences links of many subscribers, as ``unsubscribe_url`` and
    ``preferences_url`` give them: for a newsletter batch, where resolving the two URL
    patterns per copy cost more than the copy's token. The patterns are reversed once, with a
    stand-in token (``reverse`` leaves a token's characters as they are), and each
    subscriber's token, signed once, goes in its place."""

    _TOKEN = "0:personal-links-token"

    def __init__(self, base_url: str = ""):
        self._unsubscribe = portal_url(
            reverse("subscriptions:unsubscribe", args=[self._TOKEN]), base_url
        )
        self._preferences = portal_url(
            reverse("subscriptions:preferences", args=[self._TOKEN]), base_url
        )

    def __call__(self, subscriber: Subscriber) -> tuple[str, str]:
        """(unsubscribe link, preferences link) of ``subscriber``."""
        token = subscriber_token(subscriber)
        return (
            self._unsubscribe.replace(self._TOKEN, token),
            self._preferences.replace(self._TOKEN, token),
        )
