"""The consent text of the sign-up form, versioned.

A subscriber's record keeps the version they agreed to, so every version that was ever shown
stays here. Changing the wording means adding a new version and pointing
``CONSENT_TEXT_VERSION`` at it; never edit a text that has been in use.
"""

from django.utils.translation import gettext_lazy as _

CONSENT_TEXTS = {
    "2026-11": _(
        "I would like to receive the newsletter of the network of intercultural labour-market "
        "guides by email, about every two months. My details are used only to send it. I can "
        "unsubscribe at any time with the link in every newsletter."
    ),
}
CONSENT_TEXT_VERSION = "2026-11"


def consent_text(version: str):
    """The text of ``version`` as the form showed it, or ``None`` for an unknown version
    (imported addresses, whose consent was given elsewhere)."""
    return CONSENT_TEXTS.get(version)
