"""Copy-deadline reminders: coordinators of regions without an item a week before the copy
deadline, the editors two weeks before the issue date; each once, over a real SMTP server."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lotsen.core.roles import Role
from newsletters.issues.reminders import remind_coordinators, remind_editors
from newsletters.issues.tasks import remind_copy_deadlines
from newsletters.models import Issue
from tests.factories import IssueFactory, IssueItemFactory, RegionFactory, UserFactory

DAY = datetime.timedelta(days=1)


def plain_text(message) -> str:
    return message.get_body(("plain",)).get_content()


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Runs the beat task as a worker would, with the mails it queues."""

    def run() -> int:
        with django_capture_on_commit_callbacks(execute=True):
            return remind_copy_deadlines.apply().get()

    return run


@pytest.fixture
def third_region(db):
    """A region with a coordinator of two regions, and no item."""
    return RegionFactory(name="Aachen", slug="aachen")


def test_coordinators_of_regions_without_an_item_are_reminded_once(
    smtp, run, region, other_region, third_region, coordinator, other_coordinator
):
    third_region.coordinators.add(other_coordinator)
    RegionFactory(name="Ohne Koordination")
    inactive = UserFactory(email="weg@example.org", role=Role.COORDINATOR, is_active=False)
    third_region.coordinators.add(inactive)
    issue = IssueFactory(
        title="Newsletter Mai 2030",
        issue_date=timezone.localdate() + 30 * DAY,
        copy_deadline=timezone.localdate() + 7 * DAY,
    )
    IssueItemFactory(issue=issue, region=region)  # the coordinator's region has its news

    assert run() == 1
    assert run() == 0

    [message] = smtp.messages
    assert message["To"] == other_coordinator.email
    text = plain_text(message)
    assert "Aachen" in text and "Münsterland" in text
    assert "Mittleres Ruhrgebiet" not in text and "Ohne Koordination" not in text
    assert "Newsletter Mai 2030" in message["Subject"]
    assert reverse("issues:detail", args=[issue.pk]) in text
    assert message.get_body(("html",)) is not None
    issue.refresh_from_db()
    assert issue.coordinators_reminded_at is not None
    assert issue.editors_reminded_at is None  # the issue date is a month away


def test_the_coordinators_reminder_comes_a_week_before_and_is_made_up_for(db, coordinator, region):
    today = timezone.localdate()
    now = timezone.now()
    early = IssueFactory(issue_date=today + 40 * DAY, copy_deadline=today + 8 * DAY)
    missed = IssueFactory(issue_date=today + 40 * DAY, copy_deadline=today + 2 * DAY)
    past = IssueFactory(issue_date=today + 5 * DAY, copy_deadline=today - DAY)
    approved = IssueFactory(state="approved", issue_date=today + 40 * DAY, copy_deadline=today)

    assert remind_coordinators(now=now) == 1
    assert set(
        Issue.objects.filter(coordinators_reminded_at__isnull=False).values_list("pk", flat=True)
    ) == {missed.pk}
    assert remind_coordinators(now=now + DAY) == 1  # eight days became seven
    for issue in (past, approved):
        issue.refresh_from_db()
        assert issue.coordinators_reminded_at is None
    early.refresh_from_db()
    assert early.coordinators_reminded_at is not None


def test_editors_hear_two_weeks_before_the_issue_date_with_the_missing_regions(
    smtp, run, admin_user, region, other_region, coordinator
):
    UserFactory(email="ehemals@example.org", role=Role.ADMIN, is_active=False)
    today = timezone.localdate()
    issue = IssueFactory(
        title="Newsletter Juli 2030", state="approved", issue_date=today + 14 * DAY,
        copy_deadline=today - DAY,
    )  # fmt: skip
    IssueItemFactory(issue=issue, region=region)
    IssueFactory(state="sent", issue_date=today + 3 * DAY)
    IssueFactory(issue_date=today + 15 * DAY, copy_deadline=today + 10 * DAY)

    assert run() == 1
    assert run() == 0

    [message] = smtp.messages
    assert message["To"] == admin_user.email
    text = plain_text(message)
    assert "Münsterland" in text and "Mittleres Ruhrgebiet" not in text
    assert "Newsletter Juli 2030" in message["Subject"]
    assert reverse("issues:detail", args=[issue.pk]) in text


def test_a_reminder_already_claimed_by_another_run_is_not_sent_again(
    db, admin_user, coordinator, region
):
    today = timezone.localdate()
    issue = IssueFactory(issue_date=today + 10 * DAY, copy_deadline=today + 3 * DAY)
    # Another run claimed both a moment ago (its transaction committed the claim).
    Issue.objects.filter(pk=issue.pk).update(
        coordinators_reminded_at=timezone.now(), editors_reminded_at=timezone.now()
    )
    assert remind_coordinators() == 0
    assert remind_editors() == 0
