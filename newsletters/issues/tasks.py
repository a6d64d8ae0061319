"""Tasks for composing the newsletter's issues."""

from celery import shared_task

from newsletters.issues import reminders

__all__ = ["remind_copy_deadlines"]


@shared_task(name="newsletters.tasks.issues.remind_copy_deadlines")
def remind_copy_deadlines() -> int:
    """Remind coordinators of regions without an item a week before the copy deadline and the
    editors two weeks before the issue date (daily, from Celery beat); returns the mails queued.

    Safe to run late, twice, or twice at once: each reminder of an issue goes out once.
    """
    return reminders.send_reminders()
