"""Tasks are queued once their transaction commits, under names that never move."""

import pytest
from celery.app.task import Task
from django.conf import settings
from django.db import transaction

from lotsen.celery import app
from lotsen.guides.tasks import remind_stale_profiles

# Queued messages and the beat schedule name tasks by these; a move must not change them.
TASK_NAMES = {
    "events.tasks.remind_participants",
    "lotsen.tasks.remind_stale_profiles",
    "lotsen.tasks.send_email",
    "newsletters.tasks.issues.remind_copy_deadlines",
    "newsletters.tasks.rendering.render_issue",
    "newsletters.tasks.rendering.reset_stalled_renderings",
    "newsletters.tasks.reports.build_interim_report",
    "newsletters.tasks.sending.send_batch",
    "newsletters.tasks.sending.send_due_issues",
    "newsletters.tasks.sending.sweep_deliveries",
    "newsletters.tasks.subscribers.purge_unconfirmed",
    "lotsen.tasks.remind_unanswered_referrals",
    "newsletters.tasks.bounces.process_bounces",
    "lotsen.tasks.apply_retention_schedule",
    "lotsen.tasks.refresh_current_statuses",
    "organisations.needs.tasks.remind_needs_invitations",
    "organisations.support.tasks.remind_support_follow_ups",
}


@pytest.fixture
def queued(monkeypatch) -> list[str]:
    """The names of the tasks handed to the broker (Celery's own ``apply_async``)."""
    names: list[str] = []

    def record(task, args=None, kwargs=None, **options):
        names.append(task.name)

    monkeypatch.setattr(Task, "apply_async", record)
    return names


def test_the_worker_finds_every_task_under_its_stable_name():
    app.loader.import_default_modules()
    assert {name for name in app.tasks if not name.startswith("celery.")} == TASK_NAMES


def test_every_beat_job_names_a_task_the_worker_knows():
    app.loader.import_default_modules()
    assert {job["task"] for job in settings.CELERY_BEAT_SCHEDULE.values()} <= set(app.tasks)


@pytest.mark.django_db
def test_a_task_queued_in_a_transaction_waits_for_the_commit(
    queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            assert remind_stale_profiles.delay() is None
        assert queued == []
    assert queued == ["lotsen.tasks.remind_stale_profiles"]


@pytest.mark.django_db
def test_a_task_queued_in_a_transaction_that_rolls_back_is_never_queued(
    queued, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        remind_stale_profiles.delay()
        raise RuntimeError("rolled back")
    assert callbacks == []
    assert queued == []


@pytest.mark.django_db(transaction=True)
def test_a_task_queued_outside_a_transaction_goes_at_once(queued):
    remind_stale_profiles.delay()
    assert queued == ["lotsen.tasks.remind_stale_profiles"]
