"""Outgoing mail of the portal (account mails and notifications) goes through Celery."""

import base64
from email.mime.base import MIMEBase

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _


def templated_email(
    template: str,
    *,
    to: str,
    context: dict,
    language: str,
    html: bool = False,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """``templates/emails/<template>_subject.txt`` and ``.txt`` (and ``.html`` with ``html``),
    rendered in ``language`` with ``portal_name`` in the context; the subject on one line."""
    with translation.override(language):
        context = {"portal_name": _("Lotsen portal"), **context}
        subject = render_to_string(f"emails/{template}_subject.txt", context)
        body = render_to_string(f"emails/{template}.txt", context)
        alternative = render_to_string(f"emails/{template}.html", context) if html else None
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()), body=body, to=[to], headers=headers
    )
    if alternative is not None:
        message.attach_alternative(alternative, "text/html")
    return message


def message_payload(message: EmailMessage) -> dict:
    """``message`` as the JSON payload of ``send_email``; ``build_email`` reverses it."""
    return {
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
        "attachments": [_serialise_attachment(attachment) for attachment in message.attachments],
    }


def _serialise_attachment(attachment) -> list[str]:
    if isinstance(attachment, MIMEBase):
        raise TypeError("queue_email() takes attachments as (filename, content, mimetype) only.")
    filename, content, mimetype = attachment
    # EmailMessage.attach() keeps text/* content as str, everything else as bytes.
    raw = content.encode() if isinstance(content, str) else bytes(content)
    return [filename, base64.b64encode(raw).decode("ascii"), mimetype]


def build_email(payload: dict) -> EmailMultiAlternatives:
    payload = dict(payload)  # a retried task gets the same payload again: leave it whole
    alternatives = [tuple(alternative) for alternative in payload.pop("alternatives", [])]
    attachments = payload.pop("attachments", [])
    message = EmailMultiAlternatives(**payload)
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in attachments:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message
