"""Changes of the legal texts, and the mails of the accessibility feedback form.

A published version is never changed: publishing writes the next number. The privacy policy a
consent record points to is therefore exactly the text its person was shown.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotsen.core.mail import templated_email
from lotsen.core.tasks import queue_email
from lotsen.legal.selectors import current_version, default_body
from lotsen.models.accounts import User
from lotsen.models.legal import LegalDocument, LegalText

# What the form accepts: a long privacy policy is some 20,000 characters.
LONGEST_TEXT = 60_000


class LegalTextError(ValidationError):
    """The text cannot be published as it is; nothing was saved."""


def _next_version(
    *, document: str, body: str, conformance: str, note: str, published_by: User | None
) -> LegalText:
    latest = current_version(document)
    text = LegalText(
        document=document,
        number=(latest.number + 1) if latest else 1,
        body=body,
        conformance=conformance,
        note=note,
        published_at=timezone.now(),
        published_by=published_by,
    )
    try:
        with transaction.atomic():
            text.save()
    except IntegrityError:  # someone published the same number at the same moment
        raise LegalTextError(
            _("Someone else published a version at the same moment. Please try again."),
            code="race",
        ) from None
    return text


@transaction.atomic
def publish_text(
    *,
    document: str,
    body: str,
    published_by: User,
    conformance: str = "",
    note: str = "",
) -> LegalText:
    """Publish ``body`` as the next version of ``document``; earlier versions stay unchanged.

    Only the Landeskoordination publishes. Raises ``LegalTextError`` for an empty or overlong
    text, and when nothing differs from the version in force (a reloaded form publishes
    nothing twice).
    """
    if not published_by.has_perm("lotsen.add_legaltext"):
        raise PermissionDenied
    if document not in LegalDocument.values:
        raise LegalTextError(_("There is no such legal text."), code="document")
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise LegalTextError(_("The text must not be empty."), code="empty")
    if len(body) > LONGEST_TEXT:
        raise LegalTextError(
            _("The text is too long (at most %(count)s characters).") % {"count": LONGEST_TEXT},
            code="long",
        )
    if document != LegalDocument.ACCESSIBILITY:
        conformance = ""
    latest = current_version(document)
    if latest is not None and (latest.body, latest.conformance) == (body, conformance):
        raise LegalTextError(
            _("Nothing was changed, so no new version was published."), code="unchanged"
        )
    return _next_version(
        document=document,
        body=body,
        conformance=conformance,
        note=note.strip(),
        published_by=published_by,
    )


def privacy_text_for_consent() -> LegalText:
    """The privacy policy in force, for a consent record to point to.

    While the Landeskoordination has published none, the default template is what the forms
    link to: it is published as version 1 the first time someone consents, so that the text
    shown stays provable even when the publisher settings change later.
    """
    latest = current_version(LegalDocument.PRIVACY)
    if latest is not None:
        return latest
    try:
        return _next_version(
            document=LegalDocument.PRIVACY,
            body=default_body(LegalDocument.PRIVACY).strip(),
            conformance="",
            note="Standardvorlage des Portals",
            published_by=None,
        )
    except LegalTextError:  # another consent froze it at the same moment
        version = current_version(LegalDocument.PRIVACY)
        assert version is not None
        return version


def send_accessibility_feedback(*, name: str, email: str, message: str, language: str) -> None:
    """Mail a message from the accessibility statement's form to the Landeskoordination
    (German, answerable by replying) and a copy to its sender (in the page's language).

    Nothing is stored in the portal: the mailbox of the Landeskoordination holds the message.
    """
    context = {"name": name.strip(), "email": email.strip(), "message": message.strip()}
    to_coordination = templated_email(
        "legal/accessibility_feedback",
        to=settings.PUBLISHER["email"],
        context=context,
        language=settings.LANGUAGE_CODE,
    )
    to_coordination.reply_to = [context["email"]]
    copy = templated_email(
        "legal/accessibility_feedback_copy",
        to=context["email"],
        context={**context, "publisher": settings.PUBLISHER},
        language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
    )
    with transaction.atomic():
        queue_email(to_coordination)
        queue_email(copy)
