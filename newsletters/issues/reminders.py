"""Copy-deadline reminders (daily, from Celery beat).

- A week before an issue's copy deadline, the coordinators of every region that has no
  regional item yet hear from us: one mail per coordinator, naming their regions.
- Two weeks before the issue date, the editors (the Landeskoordination) get the state of the
  issue and the regions still missing.

A beat run that was missed is made up for by the next one, as long as the day has not passed.
Each reminder is claimed with a conditional update that commits together with the queued
mails, so overlapping runs remind once.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation

from lotsen.core.links import portal_url
from lotsen.core.mail import templated_email
from lotsen.core.roles import Role
from lotsen.core.tasks import queue_email
from lotsen.models.accounts import User
from newsletters.issues.selectors import regions_without_item
from newsletters.models import Issue, IssueState

COORDINATORS_BEFORE_DEADLINE = datetime.timedelta(days=7)
EDITORS_BEFORE_ISSUE = datetime.timedelta(days=14)


def _mail(template: str, *, to: str, context: dict) -> None:
    """Queue ``emails/newsletter/<template>`` with its HTML part.

    Accounts have no language of their own, so staff mails are in the portal's first language.
    """
    queue_email(
        templated_email(
            f"newsletter/{template}",
            to=to,
            context=context,
            language=settings.LANGUAGE_CODE,
            html=True,
            headers={"Auto-Submitted": "auto-generated"},
        )
    )


def _issue_link(issue: Issue) -> str:
    return portal_url(reverse("issues:detail", args=[issue.pk]))


def remind_coordinators(*, now: datetime.datetime | None = None) -> int:
    """Mail the coordinators of regions without an item in a draft whose copy deadline is at
    most a week away (and not past); returns the number of mails."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = Issue.objects.filter(
        state=IssueState.DRAFT,
        coordinators_reminded_at__isnull=True,
        copy_deadline__gte=today,
        copy_deadline__lte=today + COORDINATORS_BEFORE_DEADLINE,
    )
    mails = 0
    for issue in due.order_by("copy_deadline", "pk"):
        with transaction.atomic():
            claimed = Issue.objects.filter(
                pk=issue.pk, state=IssueState.DRAFT, coordinators_reminded_at__isnull=True
            ).update(coordinators_reminded_at=now)
            if not claimed:
                continue
            coordinators = User.objects.filter(is_active=True, role=Role.COORDINATOR)
            regions = regions_without_item(issue, with_coordinator=True).prefetch_related(
                Prefetch("coordinators", queryset=coordinators.order_by("pk"))
            )
            by_coordinator: dict[int, tuple[User, list]] = {}
            for region in regions:
                for user in region.coordinators.all():
                    by_coordinator.setdefault(user.pk, (user, []))[1].append(region)
            for user, own_regions in by_coordinator.values():
                _mail(
                    "copy_deadline_coordinator",
                    to=user.email,
                    context={
                        "user": user,
                        "issue": issue,
                        "regions": own_regions,
                        "days_left": (issue.copy_deadline - today).days,
                        "link": _issue_link(issue),
                    },
                )
                mails += 1
    return mails


def remind_editors(*, now: datetime.datetime | None = None) -> int:
    """Mail the Landeskoordination about each unsent issue whose date is at most two weeks
    away (and not past); returns the number of mails."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    open_states = (IssueState.DRAFT, IssueState.APPROVED)
    due = Issue.objects.filter(
        state__in=open_states,
        editors_reminded_at__isnull=True,
        issue_date__gte=today,
        issue_date__lte=today + EDITORS_BEFORE_ISSUE,
    )
    mails = 0
    for issue in due.order_by("issue_date", "pk"):
        with transaction.atomic():
            claimed = Issue.objects.filter(
                pk=issue.pk, state__in=open_states, editors_reminded_at__isnull=True
            ).update(editors_reminded_at=now)
            if not claimed:
                continue
            missing = list(regions_without_item(issue))
            with translation.override(settings.LANGUAGE_CODE):
                state = str(issue.get_state_display())
            for user in User.objects.filter(is_active=True, role=Role.ADMIN).order_by("pk"):
                _mail(
                    "copy_deadline_editor",
                    to=user.email,
                    context={
                        "user": user,
                        "issue": issue,
                        "state": state,
                        "regions": missing,
                        "days_left": (issue.issue_date - today).days,
                        "link": _issue_link(issue),
                    },
                )
                mails += 1
    return mails


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Both reminders; returns the number of mails queued."""
    return remind_coordinators(now=now) + remind_editors(now=now)
