"""The daily job of the retention schedule."""

from celery import shared_task

from lotsen.retention.services import apply_schedule


@shared_task(name="lotsen.tasks.apply_retention_schedule")
def apply_retention_schedule() -> dict[str, int]:
    """Delete or anonymise what the retention schedule says is due (daily, from Celery beat).

    Safe to run twice: what was removed is not due again.
    """
    return apply_schedule()
