"""Tasks for the newsletter's subscribers."""

from celery import shared_task

from newsletters.subscriptions import services

__all__ = ["purge_unconfirmed"]


@shared_task(name="newsletters.tasks.subscribers.purge_unconfirmed")
def purge_unconfirmed() -> int:
    """Remove sign-ups nobody confirmed within 7 days (daily, from Celery beat).

    Safe to run twice or late: it removes only what is older than 7 days at the time it runs.
    """
    return services.purge_unconfirmed()
