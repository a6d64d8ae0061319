"""Background jobs of the needs assessment."""

from celery import shared_task

from organisations.needs.services import send_reminders


@shared_task(name="organisations.needs.tasks.remind_needs_invitations")
def remind_needs_invitations() -> int:
    """Remind organisations that have not answered, 7 and 14 days after their invitation
    (daily, from Celery beat). Safe to run twice, also at once: each reminder goes out once."""
    return send_reminders()
