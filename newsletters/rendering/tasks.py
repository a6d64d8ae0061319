"""Rendering an approved issue, once, under a time limit."""

import datetime
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from newsletters.models import Issue, IssueState
from newsletters.rendering.render import render_and_store

__all__ = ["queue_rendering", "render_issue", "reset_stalled_renderings", "timeout_message"]

logger = logging.getLogger(__name__)

RENDERABLE = (IssueState.APPROVED, IssueState.SCHEDULED)
# An approved issue still unrendered after this long has lost its job: the worker was killed at
# the hard time limit (which no handler of ours sees) or died. Generous, because a rendering
# may wait in the queue behind a whole issue's sending batches.
STALLED_AFTER = datetime.timedelta(minutes=30)


def queue_rendering(issue: Issue) -> None:
    """Render ``issue`` in a worker once the current transaction commits, under
    ``NEWSLETTER_RENDER_TIME_LIMIT`` (and a hard limit ten seconds later)."""
    limit = settings.NEWSLETTER_RENDER_TIME_LIMIT
    pk = issue.pk
    render_issue.apply_async(args=[pk], soft_time_limit=limit, time_limit=limit + 10)


@shared_task(name="newsletters.tasks.rendering.render_issue", bind=True)
def render_issue(self, issue_id: int) -> str:
    """Render an approved issue not yet rendered, and store it; otherwise do nothing.

    A second delivery of the task finds the issue rendered and does nothing. When rendering
    fails or takes longer than its time limit, nothing is stored: the issue goes back to
    draft with the reason in ``render_error``, which the issue page shows.
    """
    issue = Issue.objects.filter(
        pk=issue_id, state__in=RENDERABLE, rendered_at__isnull=True
    ).first()
    if issue is None:
        return "skipped"
    try:
        stored = render_and_store(issue, only_pending=True)
    except SoftTimeLimitExceeded:
        seconds = (self.request.timelimit or (None, None))[1]
        seconds = seconds or settings.NEWSLETTER_RENDER_TIME_LIMIT
        logger.warning("Rendering issue %s took longer than %s s", issue.number, seconds)
        message = timeout_message(seconds)
        _back_to_draft(issue_id, message)
        return "timeout"
    except Exception as error:
        logger.exception("Rendering issue %s failed", issue.number)
        with translation.override(settings.LANGUAGE_CODE):
            message = _(
                "Rendering failed: %(error)s. The issue is a draft again: please check its items "
                "and approve it again."
            ) % {"error": str(error) or type(error).__name__}
        _back_to_draft(issue_id, message)
        return "failed"
    return "rendered" if stored else "skipped"


def timeout_message(seconds: float) -> str:
    """What the editors read when rendering ran out of time, in the portal's language."""
    seconds = int(seconds) if float(seconds).is_integer() else seconds
    with translation.override(settings.LANGUAGE_CODE):
        return ngettext(
            "Rendering took longer than %(seconds)s second and was stopped. The issue is a "
            "draft again: please check its items (very long texts or large files) and approve "
            "it again.",
            "Rendering took longer than %(seconds)s seconds and was stopped. The issue is a "
            "draft again: please check its items (very long texts or large files) and approve "
            "it again.",
            int(seconds),
        ) % {"seconds": seconds}


def _back_to_draft(issue_id: int, message: str) -> None:
    """Only an issue still waiting for its rendering goes back; the message is in the
    portal's language, as there is no request to take one from."""
    Issue.objects.filter(pk=issue_id, state__in=RENDERABLE, rendered_at__isnull=True).update(
        state=IssueState.DRAFT, render_error=message
    )


@shared_task(name="newsletters.tasks.rendering.reset_stalled_renderings")
def reset_stalled_renderings() -> int:
    """Send approved issues whose rendering never finished back to draft, with a message on
    the issue page, instead of leaving them "being rendered" for ever; returns how many."""
    with translation.override(settings.LANGUAGE_CODE):
        message = _(
            "Rendering did not finish: the worker stopped it or stopped itself. The issue is a "
            "draft again: please check its items (very long texts or large files) and approve "
            "it again."
        )
    stalled = Issue.objects.filter(
        state__in=RENDERABLE,
        rendered_at__isnull=True,
        approved_at__lt=timezone.now() - STALLED_AFTER,
    )
    reset = stalled.update(state=IssueState.DRAFT, render_error=message)
    if reset:
        logger.warning(
            "%s approved issues had no rendering after %s: back to draft", reset, STALLED_AFTER
        )
    return reset
