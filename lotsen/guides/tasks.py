"""Background jobs of the guides' profiles."""

from celery import shared_task

from lotsen.guides.services import send_profile_reminders


@shared_task(name="lotsen.tasks.remind_stale_profiles")
def remind_stale_profiles() -> int:
    """Mail every guide whose profile is due for confirmation (daily, from Celery beat).

    Safe to run twice: a reminded guide is not due again for six months.
    """
    return send_profile_reminders()
