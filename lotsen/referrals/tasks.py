"""Background jobs of referral requests."""

from celery import shared_task

from lotsen.referrals.services import send_unanswered_reminders


@shared_task(name="lotsen.tasks.remind_unanswered_referrals")
def remind_unanswered_referrals() -> int:
    """Mail the coordination of every request proposed 7 days ago that no guide answered
    (daily, from Celery beat). Safe to run twice: each proposal round is reminded of once."""
    return send_unanswered_reminders()
