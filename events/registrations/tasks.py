from celery import shared_task

from events.registrations.services import send_reminders


@shared_task(name="events.tasks.remind_participants")
def remind_participants() -> int:
    """Mail everyone with a seat at an event starting within 48 hours (hourly, from beat).

    Safe to run twice or twice at once: each registration is reminded once.
    """
    return send_reminders()
