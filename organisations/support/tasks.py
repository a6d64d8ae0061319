"""Background jobs of support measures."""

from celery import shared_task

from organisations.support.services import send_follow_up_reminders


@shared_task(name="organisations.support.tasks.remind_support_follow_ups")
def remind_support_follow_ups() -> int:
    """Mail the coordination of every measure whose follow-up day has come (daily, from Celery
    beat). Safe to run twice or at the same time: each follow-up date is reminded of once."""
    return send_follow_up_reminders()
