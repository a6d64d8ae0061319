"""Tasks that send the newsletter; the guarantees are explained in
``newsletters.sending.services``."""

import datetime
import logging

from celery import shared_task
from django.core.exceptions import ValidationError
from django.utils import timezone

from newsletters.models import Issue, IssueState
from newsletters.sending import services

__all__ = ["send_batch", "send_due_issues", "sweep_deliveries"]

logger = logging.getLogger(__name__)


@shared_task(
    name="newsletters.tasks.sending.send_batch",
    bind=True,
    acks_late=True,
    max_retries=services.MAX_RETRIES,
)
def send_batch(self, issue_id: int, delivery_ids: list[int]) -> dict:
    """Send one batch of deliveries over one SMTP connection; each row at most once.

    After a temporary SMTP error the rows not yet sent are retried later with backoff; on the
    last retry such errors are final. A task delivered twice finds its rows no longer pending.
    """
    last_attempt = self.request.retries >= self.max_retries
    outcome = services.send_deliveries(issue_id, delivery_ids, last_attempt=last_attempt)
    if outcome.retry:
        countdown = services.retry_delay(self.request.retries)
        services.postpone(outcome.retry, timezone.now() + datetime.timedelta(seconds=countdown))
        logger.warning(
            "Issue %s: %s deliveries wait %s s after a temporary error: %s",
            issue_id,
            len(outcome.retry),
            countdown,
            outcome.error,
        )
        if self.request.is_eager:
            # In-process (tests) there is no queue to wait in.
            retried = send_batch.apply((issue_id, outcome.retry), retries=self.request.retries + 1)
            return retried.result
        raise self.retry(args=(issue_id, outcome.retry), countdown=countdown)
    services.finish_if_done(issue_id)
    return {
        "sent": outcome.sent,
        "failed": outcome.failed,
        "skipped": outcome.skipped,
        "unclear": outcome.unclear,
    }


@shared_task(name="newsletters.tasks.sending.send_due_issues")
def send_due_issues() -> int:
    """Start every scheduled issue whose time has come (every minute, from Celery beat).

    Safe to overlap: starting an issue that is already sending does nothing.
    """
    started = 0
    due = Issue.objects.filter(state=IssueState.SCHEDULED, scheduled_for__lte=timezone.now())
    for issue in due.order_by("scheduled_for", "pk"):
        try:
            services.start_sending(issue)
        except ValidationError as error:
            # Not rendered yet (approved and scheduled in quick succession): next minute.
            logger.warning("Scheduled issue %s cannot start yet: %s", issue.pk, error.messages)
            continue
        started += 1
    return started


@shared_task(name="newsletters.tasks.sending.sweep_deliveries")
def sweep_deliveries() -> dict:
    """Re-queue deliveries whose task was lost and report stale claims as unclear (every five
    minutes, from Celery beat). Never sends anything itself."""
    outcome = services.sweep()
    return {"requeued": outcome.requeued, "unclear": outcome.unclear, "finished": outcome.finished}
