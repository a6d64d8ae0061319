"""The beat job that reads bounce reports."""

from celery import shared_task

from newsletters.bounces import services

__all__ = ["process_bounces"]


@shared_task(name="newsletters.tasks.bounces.process_bounces")
def process_bounces() -> dict:
    """Record the bounce reports waiting in ``NEWSLETTER_BOUNCE_MAILBOX`` (every ten minutes,
    from Celery beat); does nothing when no mailbox is configured. Each mail is read once."""
    outcome = services.process_mailbox()
    return {
        "recorded": outcome.recorded,
        "known": outcome.known,
        "unrecognised": outcome.unrecognised,
        "warnings": outcome.warnings,
    }
