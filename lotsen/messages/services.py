"""Sending a message to a group: the record, and one mail per recipient through Celery."""

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from lotsen.core.mail import templated_email
from lotsen.core.permissions import coordinated_region_ids
from lotsen.core.tasks import queue_email
from lotsen.messages.selectors import Recipient, language_of
from lotsen.models import Message, MessageRecipient, User

MAX_RECIPIENTS = 5000


def _mail(*, recipient: Recipient, sender: User, subject: str, body: str, audience: str,
          about: str):  # fmt: skip
    message = templated_email(
        "messages/message",
        to=recipient.email,
        context={
            "recipient": recipient,
            "sender": sender,
            "subject": subject,
            "body": body,
            # Why the recipient gets it, rendered in the recipient's language by the footer.
            "audience": audience,
            "about": about,
            "preferences_url": settings.PORTAL_URL.rstrip("/") + reverse("messages:preferences"),
        },
        language=recipient.language,
    )
    # Replies go to the person who wrote, not to the portal's address.
    message.reply_to = [sender.email]
    return message


def send_test(*, sender: User, subject: str, body: str, audience: str, about: str) -> None:
    """The message as a recipient would get it, to the sender alone (nothing recorded)."""
    # In the language the sender chose for messages, as the sender would receive one.
    me = Recipient(sender.name or sender.email, sender.email, language_of(sender), True)
    queue_email(_mail(recipient=me, sender=sender, subject=subject, body=body, audience=audience,
                      about=about))  # fmt: skip


@transaction.atomic
def send_message(
    *,
    sender: User,
    audience: str,
    audience_description: str,
    recipients: Sequence[Recipient],
    subject: str,
    body: str,
    about: str = "",
    event=None,
    group=None,
) -> Message:
    """Record the message and queue one mail per recipient, in each recipient's language.

    Mails are queued only once the record is committed; nothing goes out for a message whose
    record could not be saved.
    """
    if not sender.has_perm("lotsen.add_message"):
        raise PermissionDenied
    if not recipients:
        raise ValidationError(_("Nobody would receive this message."), code="no_recipients")
    if len(recipients) > MAX_RECIPIENTS:
        raise ValidationError(
            _("A message reaches at most %(max)d people. Please narrow the recipients.")
            % {"max": MAX_RECIPIENTS},
            code="too_many",
        )
    message = Message.objects.create(
        sender=sender,
        audience=audience,
        audience_description=audience_description[:500],
        event=event,
        group=group,
        subject=subject,
        body=body,
    )
    message.regions.set(coordinated_region_ids(sender))
    MessageRecipient.objects.bulk_create(
        MessageRecipient(message=message, name=r.name[:200], email=r.email, language=r.language)
        for r in recipients
    )
    for recipient in recipients:
        queue_email(
            _mail(
                recipient=recipient,
                sender=sender,
                subject=subject,
                body=body,
                audience=audience,
                about=about,
            )
        )
    return message


@transaction.atomic
def save_settings(*, user: User, language: str, opted_out: bool):
    from lotsen.models import MessageSettings

    row, _created = MessageSettings.objects.select_for_update().get_or_create(user=user)
    row.language, row.opted_out = language, opted_out
    row.full_clean()
    row.save()
    return row
