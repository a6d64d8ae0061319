import smtplib

from celery import shared_task

from lotsen.mail import build_email
from lotsen.services import send_profile_reminders


@shared_task(
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


@shared_task
def remind_stale_profiles() -> int:
    """Mail every guide whose profile is due for confirmation (daily, from Celery beat).

    Safe to run twice: a reminded guide is not due again for six months.
    """
    return send_profile_reminders()
