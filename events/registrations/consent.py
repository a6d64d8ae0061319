"""The consent text of the public registration form, versioned like the newsletter's.

A registration keeps the version its person agreed to, so every version that was ever shown
stays here. Changing the wording means adding a new version and pointing
``CONSENT_TEXT_VERSION`` at it; never edit a text that has been in use.
"""

from django.utils.translation import gettext_lazy as _

CONSENT_TEXTS = {
    "2026-12": _("I agree that my details are used to organise this event."),
}
CONSENT_TEXT_VERSION = "2026-12"
# Shown under the checkbox; explains the text above, so it is not part of the version.
CONSENT_HELP = _(
    "The organisers see your details, put your name on the list of participants and "
    "write to you about this event only. Nothing is published."
)


def consent_text(version: str):
    """The text of ``version`` as the form showed it, or ``None`` for an unknown version
    (registrations from before consent was recorded, or entered by staff)."""
    return CONSENT_TEXTS.get(version)
