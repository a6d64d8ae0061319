"""Outgoing mail of the portal (account mails and notifications) goes through Celery."""

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction


def queue_email(message: EmailMessage) -> None:
    """Send ``message`` from a worker once the current transaction has committed.

    Nothing is sent for a transaction that rolls back, and a slow SMTP server never holds up
    a request.
    """
    from lotsen.tasks import send_email

    payload = {
        "subject": str(message.subject),
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }
    transaction.on_commit(lambda: send_email.delay(payload))


def build_email(payload: dict) -> EmailMultiAlternatives:
    alternatives = [tuple(alternative) for alternative in payload.pop("alternatives", [])]
    message = EmailMultiAlternatives(**payload)
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    return message
