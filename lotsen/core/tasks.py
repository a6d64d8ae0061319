"""The portal's task base class, sending one email from a worker, and the nightly refresh of
the statuses kept for today.

Every task keeps an explicit ``name``: a queued message and the beat schedule refer to a task by
that name, so moving its function to another module must never change it.
"""

import functools
import smtplib

from celery import Task, shared_task
from django.core.mail import EmailMessage
from django.db import transaction

from lotsen.core.mail import build_email, message_payload
from lotsen.core.status_history import refresh_all_current_statuses


class AfterCommitTask(Task):
    """Queued once the current transaction commits, and not at all when it rolls back.

    A worker must never pick up a row the request that queued it has not committed yet, nor
    act on one that was never saved. Outside a transaction the task is queued at once; inside
    one, ``delay``/``apply_async`` return ``None`` instead of a result. ``apply`` (running a
    task in this process) is never deferred.
    """

    def apply_async(self, args=None, kwargs=None, **options):
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(functools.partial(super().apply_async, args, kwargs, **options))
            return None
        return super().apply_async(args, kwargs, **options)


@shared_task(
    name="lotsen.tasks.send_email",
    autoretry_for=(smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, ConnectionError),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=6,
)
def send_email(payload: dict) -> None:
    """Send one prepared message; temporary SMTP failures are retried with backoff.

    Account mails may in rare crash cases arrive twice; the newsletter has its own
    exactly-once delivery records.
    """
    build_email(payload).send()


def queue_email(message: EmailMessage) -> None:
    """Send ``message`` from a worker once the current transaction has committed.

    Nothing is sent for a transaction that rolls back, and a slow SMTP server never holds up
    a request. Attachments travel base64-encoded in the task's JSON payload; ready-made MIME
    parts (``MIMEBase``) cannot be serialised and are refused.
    """
    send_email.delay(message_payload(message))


@shared_task(name="lotsen.tasks.refresh_current_statuses")
def refresh_current_statuses() -> int:
    """Today's status of every guide and region from its history, just after midnight: a
    history entry dated after the day it was written (none is, but the admin could) becomes
    today's status on its day."""
    return refresh_all_current_statuses()
